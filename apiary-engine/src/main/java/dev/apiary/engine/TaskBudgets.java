package dev.apiary.engine;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Grants budgets to tasks. The engine asks once it knows a task's input (the bytes of the cells a
 * statement reads after pruning, or {@link #UNKNOWN_SIZE} for a stream being written), so the
 * granter can size the task by it. A node grants bees from its bee pool (and may make the task wait
 * in line); {@link #fixed} grants the same budget to every task without limiting how many run.
 */
@FunctionalInterface
public interface TaskBudgets {
  /** The input size of a task that reads a stream of unknown length. */
  long UNKNOWN_SIZE = -1;

  /**
   * Reserves a budget for a task; the caller closes it when the task ends, however it ends.
   *
   * @param task the task, for status and messages
   * @param inputBytes the bytes the task reads, or {@link #UNKNOWN_SIZE}
   * @throws dev.apiary.error.ApiaryException (resource) if no budget can be had (the wait ran out,
   *     the node is shutting down); the task must not run
   */
  TaskBudget reserve(String task, long inputBytes);

  /**
   * Every task gets the threads and memory of {@code settings}, however many run at once; for
   * engines embedded without a node (tests, tools). Cancellation is not tracked.
   */
  static TaskBudgets fixed(Supplier<ChamberSettings> settings) {
    return (task, inputBytes) -> {
      ChamberSettings s = settings.get();
      return new TaskBudget() {
        @Override
        public int threads() {
          return s.threads();
        }

        @Override
        public long memoryLimitBytes() {
          return s.memoryLimitBytes();
        }

        @Override
        public String holder() {
          return "an unmanaged chamber";
        }

        @Override
        public String task() {
          return task;
        }

        @Override
        public void attach(LongSupplier memoryUsed, Runnable cancel) {
          // Nobody watches an unmanaged budget.
        }

        @Override
        public Optional<String> cancellation() {
          return Optional.empty();
        }

        @Override
        public void close() {
          // Nothing is held.
        }
      };
    };
  }
}
