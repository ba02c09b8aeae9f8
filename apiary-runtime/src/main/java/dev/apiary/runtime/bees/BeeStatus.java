package dev.apiary.runtime.bees;

import java.util.Objects;

/**
 * One bee at one moment.
 *
 * @param beeId {@code bee-<i>}
 * @param memoryUsedBytes this bee's share of the memory its task's engine holds (0 when idle)
 * @param memoryBudgetBytes the bee's memory budget ({@code memory_per_bee})
 * @param task the task the bee works on, empty when idle
 */
public record BeeStatus(
    String beeId, BeeState state, long memoryUsedBytes, long memoryBudgetBytes, String task) {
  public BeeStatus {
    Objects.requireNonNull(beeId, "beeId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(task, "task");
  }
}
