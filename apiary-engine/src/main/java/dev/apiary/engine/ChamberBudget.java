package dev.apiary.engine;

import dev.apiary.error.ApiaryException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Puts a chamber under a task's budget (threads and memory limit set before it is sealed, the
 * chamber attached so its memory can be watched and its statement cancelled), and reports engine
 * failures in the budget's terms: over the memory limit is {@link MemoryExceededException} naming
 * the holder, the budget and the task; anything after a cancellation is the cancellation.
 */
final class ChamberBudget {
  private ChamberBudget() {}

  /** Configures {@code chamber} with the budget's threads and {@code memoryLimitBytes}. */
  static void bind(DuckDbChamber chamber, TaskBudget budget) {
    bind(chamber, budget, budget.threads(), budget.memoryLimitBytes());
  }

  /** Binds a chamber that runs with part of the budget's threads (the other part runs beside). */
  static void bind(DuckDbChamber chamber, TaskBudget budget, int threads, long memoryLimitBytes) {
    chamber.configure(threads, memoryLimitBytes);
    attach(chamber, budget);
  }

  /**
   * Puts a chamber already started with the budget's threads and memory under the budget: its
   * memory counts for the budget's bees, and a timeout cancels its statement (only the statement of
   * this use of the chamber).
   */
  static void attach(DuckDbChamber chamber, TaskBudget budget) {
    budget.attach(chamber::memoryUsedBytes, chamber.canceller());
  }

  /** The error to report for an engine failure of the task. */
  static RuntimeException failure(SQLException e, TaskBudget budget, String what) {
    return failure(DuckDbChamber.translate(e, what), budget);
  }

  /** The error to report for a failure of the task already translated from the engine. */
  static RuntimeException failure(RuntimeException translated, TaskBudget budget) {
    if (translated instanceof TaskTimeoutException) {
      return translated;
    }
    if (budget.cancellation().isPresent()) {
      return new TaskTimeoutException(
          capitalized(budget.task())
              + " "
              + budget.cancellation().get()
              + ": the engine was stopped and its bees ("
              + budget.holder()
              + ") are free again. Give it a longer timeout, or make it read less (filter on"
              + " partition columns, select fewer columns)",
          translated);
    }
    if (translated instanceof ApiaryException
        && !(translated instanceof MemoryExceededException)
        && String.valueOf(translated.getMessage()).startsWith("Out of Memory Error")) {
      return new MemoryExceededException(
          String.format(
              Locale.ROOT,
              "Memory exceeded: %s needed more than its budget of %s held by %s (%d thread%s),"
                  + " even after spilling to its scratch directory (%s). Only this task failed."
                  + " Make it need less memory (filter earlier, fewer distinct groups, no huge"
                  + " lists or strings), or give each bee more memory (more node memory"
                  + " with APIARY_MEMORY, or fewer cores with APIARY_CORES)",
              budget.task(),
              mebibytes(budget.memoryLimitBytes()),
              budget.holder(),
              budget.threads(),
              budget.threads() == 1 ? "" : "s",
              translated.getMessage()),
          translated);
    }
    return translated;
  }

  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
  }

  /** A short description of a statement for task names: its first words. */
  static String statement(String sql) {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return "statement '"
        + (oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine)
        + "'";
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
