package dev.apiary.engine;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What one task (a statement, a write, a file load) may use: engine threads and a hard memory
 * limit, held from {@link TaskBudgets#reserve} until {@link #close()}. The engine configures the
 * task's chamber with them before it is sealed, and attaches the chamber so that whoever granted
 * the budget can see the memory it holds and cancel it (a timeout).
 *
 * <p>Implementations are thread-safe: {@link #attach}, {@link #cancellation} and {@link #close} may
 * be called from any thread. Closing is idempotent and gives the resources back.
 */
public interface TaskBudget extends AutoCloseable {
  /** Engine threads for the task. */
  int threads();

  /** The task's hard memory limit; beyond it the engine spills, then fails. */
  long memoryLimitBytes();

  /** Who holds the budget, for messages ({@code bee-0, bee-1}). */
  String holder();

  /** The task, for messages ({@code statement 'SELECT ...'}). */
  String task();

  /**
   * Connects a chamber of the task: {@code memoryUsed} reports what it holds (called from status
   * threads; must not block for long), {@code cancel} interrupts its running statement. A task with
   * several chambers attaches each; the budget adds their memory and cancels them all.
   */
  void attach(LongSupplier memoryUsed, Runnable cancel);

  /**
   * Why the task was cancelled from outside ({@code timed out after 5 s}), if it was. An engine
   * error after a cancellation is reported as this cancellation.
   */
  Optional<String> cancellation();

  /** Gives the resources back. Idempotent. */
  @Override
  void close();
}
