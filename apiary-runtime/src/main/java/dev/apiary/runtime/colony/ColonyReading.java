package dev.apiary.runtime.colony;

import dev.apiary.runtime.bees.PoolLoad;

/**
 * The colony temperature at one moment and the inputs it came from: {@code t = 0.4·busy/bees +
 * 0.4·memory_pressure + 0.2·min(queue/(2·bees), 1)}.
 */
public record ColonyReading(double temperature, Regulation regulation, PoolLoad inputs) {
  /** The temperature the regulation aims for. */
  public static final double SETPOINT = 0.5;

  /** The temperature of a load. */
  public static ColonyReading of(PoolLoad load) {
    double busy = (double) load.busy() / load.bees();
    double queue = Math.min((double) load.queued() / (2.0 * load.bees()), 1.0);
    double t = 0.4 * busy + 0.4 * load.memoryPressure() + 0.2 * queue;
    // Rounded so that equal inputs give equal, printable readings (no 0.30000000000000004).
    t = Math.round(t * 1e6) / 1e6;
    return new ColonyReading(t, Regulation.of(t), load);
  }
}
