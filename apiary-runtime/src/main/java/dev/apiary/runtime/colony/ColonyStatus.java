package dev.apiary.runtime.colony;

import dev.apiary.runtime.bees.PoolLoad;
import java.util.Objects;

/**
 * What {@code colony_status()} reports.
 *
 * @param temperature the colony temperature now, in [0, 1]
 * @param regulation its band
 * @param setpoint the temperature the regulation aims for ({@link ColonyReading#SETPOINT})
 * @param abandonedTasks task attempts abandoned (and retried) since the node started
 * @param inputs the pool load the temperature was computed from
 */
public record ColonyStatus(
    double temperature,
    Regulation regulation,
    double setpoint,
    long abandonedTasks,
    PoolLoad inputs) {
  public ColonyStatus {
    Objects.requireNonNull(regulation, "regulation");
    Objects.requireNonNull(inputs, "inputs");
  }

  public static ColonyStatus of(ColonyReading reading, long abandonedTasks) {
    return new ColonyStatus(
        reading.temperature(),
        reading.regulation(),
        ColonyReading.SETPOINT,
        abandonedTasks,
        reading.inputs());
  }
}
