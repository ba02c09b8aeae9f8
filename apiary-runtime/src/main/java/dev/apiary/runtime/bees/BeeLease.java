package dev.apiary.runtime.bees;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Bees held by one task: as many engine threads as bees and {@code bees × memory_per_bee} of
 * memory. Closing the lease gives the bees back (idempotent, from any thread). The task's engine
 * attaches a memory gauge and a cancel action, so status reports real memory and a timeout can stop
 * the work.
 */
public final class BeeLease implements AutoCloseable {
  private final BeePool pool;
  private final String task;
  private final List<Integer> bees;
  private final long memoryPerBee;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean timedOut = new AtomicBoolean();
  private volatile LongSupplier memoryUsed = () -> 0L;
  private volatile Runnable cancel = () -> {};
  private volatile ScheduledFuture<?> deadline;

  BeeLease(BeePool pool, String task, List<Integer> bees, long memoryPerBee) {
    this.pool = pool;
    this.task = task;
    this.bees = List.copyOf(bees);
    this.memoryPerBee = memoryPerBee;
  }

  public String task() {
    return task;
  }

  /** The indexes of the held bees ({@code bee-<i>}). */
  public List<Integer> bees() {
    return bees;
  }

  /** Engine threads for this task: one per bee. */
  public int threads() {
    return bees.size();
  }

  /** The task's hard memory limit: the memory of the bees it holds. */
  public long memoryBudgetBytes() {
    return memoryPerBee * bees.size();
  }

  /** {@code bee-0, bee-1} — for error messages. */
  public String beeNames() {
    StringBuilder names = new StringBuilder();
    for (int bee : bees) {
      names.append(names.length() == 0 ? "" : ", ").append("bee-").append(bee);
    }
    return names.toString();
  }

  /**
   * Connects the task's engine: {@code memoryUsed} reports what it holds (called by status readers
   * from other threads; it must not block), {@code cancel} interrupts it (called once on timeout,
   * from the watchdog thread).
   */
  public void attach(LongSupplier memoryUsed, Runnable cancel) {
    this.memoryUsed = memoryUsed;
    this.cancel = cancel;
    if (timedOut.get()) {
      cancel.run();
    }
  }

  /** Whether the task ran past its timeout and was cancelled. */
  public boolean timedOut() {
    return timedOut.get();
  }

  long memoryUsedBytes() {
    if (closed.get()) {
      return 0;
    }
    try {
      return Math.max(0, memoryUsed.getAsLong());
    } catch (RuntimeException e) {
      // A gauge of an engine that is closing; status must not fail because of it.
      return 0;
    }
  }

  void deadline(ScheduledFuture<?> future) {
    this.deadline = future;
  }

  void expire() {
    if (!closed.get() && timedOut.compareAndSet(false, true)) {
      cancel.run();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      ScheduledFuture<?> future = deadline;
      if (future != null) {
        future.cancel(false);
      }
      pool.release(this);
    }
  }
}
