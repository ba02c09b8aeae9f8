package dev.apiary.engine;

/**
 * What a write did.
 *
 * @param version the frame version the write is visible at
 * @param alreadyApplied the idempotency token showed the write had been applied; nothing new
 * @param temperature the node's colony temperature when the write had its bees (its own counted); 0
 *     for writes outside a node
 */
public record WriteSummary(
    long version,
    int cellsWritten,
    long rowsWritten,
    long bytesWritten,
    long durationMillis,
    boolean alreadyApplied,
    double temperature) {
  /** A summary without a colony temperature (0). */
  public WriteSummary(
      long version,
      int cellsWritten,
      long rowsWritten,
      long bytesWritten,
      long durationMillis,
      boolean alreadyApplied) {
    this(version, cellsWritten, rowsWritten, bytesWritten, durationMillis, alreadyApplied, 0.0);
  }

  /** The same summary with the colony temperature of the write. */
  public WriteSummary withTemperature(double colonyTemperature) {
    return new WriteSummary(
        version,
        cellsWritten,
        rowsWritten,
        bytesWritten,
        durationMillis,
        alreadyApplied,
        colonyTemperature);
  }
}
