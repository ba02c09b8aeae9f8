package dev.apiary.runtime.bees;

import dev.apiary.engine.TaskBudget;
import dev.apiary.engine.TaskBudgets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Budgets from the bee pool: a task gets the bees {@link Leafcutter} sizes for its input, waiting
 * in the pool's fair queue up to {@code maxWait}; its engine gets one thread and {@code
 * memory_per_bee} per bee. With a timeout, the pool's watchdog cancels the task's chambers when it
 * runs longer (counted from when the bees were granted).
 */
public final class BeeBudgets implements TaskBudgets {
  private final BeePool pool;
  private final Leafcutter sizing;
  private final Duration maxWait;
  private final Optional<Duration> timeout;

  /**
   * @param maxWait how long a task waits in line for bees before it fails
   * @param timeout how long a task may run once it has its bees, if limited
   */
  public BeeBudgets(BeePool pool, Leafcutter sizing, Duration maxWait, Optional<Duration> timeout) {
    this.pool = pool;
    this.sizing = sizing;
    this.maxWait = maxWait;
    this.timeout = timeout;
    timeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new dev.apiary.error.InvalidInputException(
                "A timeout must be positive, got " + t.toMillis() + " ms");
          }
        });
  }

  /**
   * @throws BeesUnavailableException if no bees came within the wait or the node is shutting down
   */
  @Override
  public TaskBudget reserve(String task, long inputBytes) {
    int bees;
    if (inputBytes < 0) {
      PoolLoad load = pool.load();
      // Idle bees only if nobody waits: a newcomer must not take bees the line is waiting for.
      bees = sizing.bees(inputBytes, load.queued() > 0 ? 1 : load.bees() - load.busy());
    } else {
      bees = sizing.bees(inputBytes, 0);
    }
    BeeLease lease = pool.acquire(task, bees, maxWait);
    timeout.ifPresent(t -> pool.expireAfter(lease, t));
    return new BeeBudget(lease, timeout);
  }

  /** A task's bees as the engine sees them. */
  private static final class BeeBudget implements TaskBudget {
    private final BeeLease lease;
    private final Optional<Duration> timeout;
    private final List<LongSupplier> gauges = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancels = new CopyOnWriteArrayList<>();

    BeeBudget(BeeLease lease, Optional<Duration> timeout) {
      this.lease = lease;
      this.timeout = timeout;
    }

    @Override
    public int threads() {
      return lease.threads();
    }

    @Override
    public long memoryLimitBytes() {
      return lease.memoryBudgetBytes();
    }

    @Override
    public String holder() {
      return lease.beeNames();
    }

    @Override
    public String task() {
      return lease.task();
    }

    @Override
    public void attach(LongSupplier memoryUsed, Runnable cancel) {
      gauges.add(memoryUsed);
      cancels.add(cancel);
      lease.attach(this::memoryUsed, this::cancelAll);
    }

    private long memoryUsed() {
      long sum = 0;
      for (LongSupplier gauge : gauges) {
        sum += gauge.getAsLong();
      }
      return sum;
    }

    private void cancelAll() {
      for (Runnable cancel : cancels) {
        cancel.run();
      }
    }

    @Override
    public Optional<String> cancellation() {
      return lease.timedOut()
          ? Optional.of("timed out after " + seconds(timeout.orElse(Duration.ZERO)))
          : Optional.empty();
    }

    @Override
    public void close() {
      lease.close();
    }

    private static String seconds(Duration d) {
      return d.toMillis() % 1000 == 0
          ? d.toSeconds() + " s"
          : String.format(java.util.Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
    }
  }
}
