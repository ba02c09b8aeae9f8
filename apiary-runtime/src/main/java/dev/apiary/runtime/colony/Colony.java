package dev.apiary.runtime.colony;

import dev.apiary.runtime.bees.PoolLoad;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The behavioural model of one node: it reads the colony temperature from the bee pool's real load
 * and acts on it. Hot: writes wait for the colony to cool (up to a limit) or fail fast, as the
 * caller's {@link Backpressure} says; new queries line up in the bee pool's queue. Critical: new
 * work is refused. Cold: background work (compaction) may run. Safe to call from any thread.
 */
public final class Colony {
  /** How a waiting write passes time; tests advance a manual clock instead of sleeping. */
  public interface Pacer {
    void pause(Duration duration) throws InterruptedException;
  }

  private static final Duration POLL = Duration.ofMillis(50);
  private static final String WRITE_HINT =
      "Retry later, add nodes, or pass backpressure=\"ignore\" to write anyway";

  private final Supplier<PoolLoad> load;
  private final Duration writeWait;
  private final LongSupplier nanoTime;
  private final Pacer pacer;

  /**
   * @param load the bee pool's load, read on every decision
   * @param writeWait how long a {@link Backpressure#BLOCK} write waits for a hot colony to cool
   * @param nanoTime a monotonic clock ({@code System::nanoTime})
   * @param pacer how waiting passes time ({@code d -> Thread.sleep(d.toMillis())})
   */
  public Colony(Supplier<PoolLoad> load, Duration writeWait, LongSupplier nanoTime, Pacer pacer) {
    this.load = load;
    this.writeWait = writeWait;
    this.nanoTime = nanoTime;
    this.pacer = pacer;
  }

  /** A colony on the system clock. */
  public static Colony system(Supplier<PoolLoad> load, Duration writeWait) {
    return new Colony(load, writeWait, System::nanoTime, d -> Thread.sleep(d.toMillis()));
  }

  public ColonyReading reading() {
    return ColonyReading.of(load.get());
  }

  /**
   * Lets a write start, or refuses it: {@code IGNORE} always starts; otherwise a critical colony
   * refuses, and a hot one refuses ({@code ERROR}) or is waited out ({@code BLOCK}, up to the
   * configured wait).
   *
   * @throws BackpressureException if the write may not start; nothing of it was done
   */
  public void admitWrite(String task, Backpressure policy) {
    if (policy == Backpressure.IGNORE) {
      return;
    }
    long start = nanoTime.getAsLong();
    ColonyReading reading = reading();
    while (reading.regulation() == Regulation.HOT || reading.regulation() == Regulation.CRITICAL) {
      if (reading.regulation() == Regulation.CRITICAL) {
        throw refused(task, reading, "refused", WRITE_HINT);
      }
      if (policy == Backpressure.ERROR) {
        throw refused(task, reading, "refused (backpressure=error)", WRITE_HINT);
      }
      long waited = nanoTime.getAsLong() - start;
      if (waited >= writeWait.toNanos()) {
        throw refused(
            task, reading, "still hot after waiting " + writeWait.toSeconds() + " s", WRITE_HINT);
      }
      try {
        pacer.pause(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw refused(
            task, reading, "interrupted while waiting for the colony to cool", WRITE_HINT);
      }
      reading = reading();
    }
  }

  /**
   * Lets a query start (it then waits for bees in the pool's fair queue) unless the colony is
   * critical.
   *
   * @throws BackpressureException if the colony is critical
   */
  public void admitQuery(String task) {
    ColonyReading reading = reading();
    if (reading.regulation() == Regulation.CRITICAL) {
      throw refused(task, reading, "refused", "Retry later or add nodes");
    }
  }

  /** Whether background work (compaction) may run now. */
  public boolean cold() {
    return reading().regulation() == Regulation.COLD;
  }

  private static BackpressureException refused(
      String task, ColonyReading reading, String what, String hint) {
    PoolLoad in = reading.inputs();
    return new BackpressureException(
        String.format(
            Locale.ROOT,
            "The node is %s (colony temperature %.2f: %d of %d bees busy, memory pressure %.2f,"
                + " %d tasks queued): %s %s. %s",
            reading.regulation().label(),
            reading.temperature(),
            in.busy(),
            in.bees(),
            in.memoryPressure(),
            in.queued(),
            task,
            what,
            hint));
  }
}
