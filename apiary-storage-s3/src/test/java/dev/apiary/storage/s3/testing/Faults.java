package dev.apiary.storage.s3.testing;

import java.time.Duration;
import java.util.Random;

/**
 * What a {@link FaultyBlobStore} does wrong, changeable while the server runs. Decisions come from
 * one seeded {@link Random}, so a failing run can be repeated.
 */
public final class Faults {
  private final Random random;
  private volatile double failureRate;
  private volatile Duration delay = Duration.ZERO;
  private volatile double hangAfterWriteRate;
  private volatile Duration hang = Duration.ZERO;
  private volatile boolean ignoreConditionalWrites;
  private final java.util.concurrent.atomic.AtomicInteger completesToHang =
      new java.util.concurrent.atomic.AtomicInteger();

  public Faults(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Fails this fraction of requests with an internal error: half of them before the request takes
   * effect, half after (an ambiguous outcome for writes).
   */
  public Faults failing(double rate) {
    this.failureRate = rate;
    return this;
  }

  /** Delays every request by this long before serving it. */
  public Faults delaying(Duration duration) {
    this.delay = duration;
    return this;
  }

  /**
   * After this fraction of writes has taken effect, holds the response for {@code duration} (longer
   * than the client's timeout makes the client see a network error for a write that happened).
   */
  public Faults hangingAfterWrites(double rate, Duration duration) {
    this.hangAfterWriteRate = rate;
    this.hang = duration;
    return this;
  }

  /**
   * Holds the response of the next {@code count} multipart completions for {@code duration} after
   * they took effect (the client sees a timeout for an upload that completed).
   */
  public Faults hangingAfterCompletes(int count, Duration duration) {
    this.hang = duration;
    completesToHang.set(count);
    return this;
  }

  /** Drops {@code If-None-Match} from PUTs, as stores without conditional writes do. */
  public Faults ignoringConditionalWrites() {
    this.ignoreConditionalWrites = true;
    return this;
  }

  /** Back to a well-behaved store. */
  public Faults none() {
    failureRate = 0;
    delay = Duration.ZERO;
    hangAfterWriteRate = 0;
    hang = Duration.ZERO;
    ignoreConditionalWrites = false;
    completesToHang.set(0);
    return this;
  }

  Duration hangAfterComplete() {
    return completesToHang.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? hang : Duration.ZERO;
  }

  boolean ignoresConditionalWrites() {
    return ignoreConditionalWrites;
  }

  Duration delay() {
    return delay;
  }

  /** Where this request fails, if it does. */
  Stage failureStage() {
    double rate = failureRate;
    if (rate <= 0) {
      return Stage.NONE;
    }
    synchronized (random) {
      if (random.nextDouble() >= rate) {
        return Stage.NONE;
      }
      return random.nextBoolean() ? Stage.BEFORE : Stage.AFTER;
    }
  }

  Duration hangAfterWrite() {
    double rate = hangAfterWriteRate;
    if (rate <= 0) {
      return Duration.ZERO;
    }
    synchronized (random) {
      return random.nextDouble() < rate ? hang : Duration.ZERO;
    }
  }

  enum Stage {
    NONE,
    BEFORE,
    AFTER
  }
}
