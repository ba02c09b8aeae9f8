package dev.apiary.runtime.bees;

/**
 * The pool's load at one moment, the inputs of the colony temperature.
 *
 * @param bees bees in the pool
 * @param busy bees held by tasks
 * @param queued tasks waiting for bees
 * @param memoryUsedBytes memory the engines of running tasks hold
 * @param memoryBudgetBytes the memory of all bees
 */
public record PoolLoad(
    int bees, int busy, int queued, long memoryUsedBytes, long memoryBudgetBytes) {
  /** Memory held over the bees' budget, in [0, 1]. */
  public double memoryPressure() {
    return memoryBudgetBytes == 0
        ? 0
        : Math.min(1.0, Math.max(0.0, (double) memoryUsedBytes / memoryBudgetBytes));
  }
}
