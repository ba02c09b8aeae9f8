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
    double t = temperature(load.bees(), load.busy(), load.memoryPressure(), load.queued());
    return new ColonyReading(t, Regulation.of(t), load);
  }

  /**
   * The SPEC's formula, rounded to 6 decimals so that equal inputs give equal, printable readings
   * (no 0.30000000000000004).
   */
  public static double temperature(int bees, int busy, double memoryPressure, int queued) {
    double queue = Math.min((double) queued / (2.0 * bees), 1.0);
    double t = 0.4 * busy / bees + 0.4 * memoryPressure + 0.2 * queue;
    return Math.round(t * 1e6) / 1e6;
  }
}
