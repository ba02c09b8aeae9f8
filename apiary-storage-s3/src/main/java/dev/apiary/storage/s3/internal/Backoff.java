package dev.apiary.storage.s3.internal;

import dev.apiary.storage.ObjectStoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: retry {@code n} waits a uniformly random time between zero
 * and {@code min(max, base * 2^(n-1))}, so that many nodes retrying after one outage spread out
 * instead of hammering the store in lock-step.
 */
public final class Backoff {

  /** Waits; injected so tests need not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  public Backoff(Duration base, Duration max, RandomGenerator random, Sleeper sleeper) {
    this.base = Objects.requireNonNull(base, "base");
    this.max = Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The real thing: sleeps the calling thread. */
  public static Backoff sleeping(Duration base, Duration max, RandomGenerator random) {
    return new Backoff(base, max, random, duration -> Thread.sleep(duration.toMillis()));
  }

  /** The longest wait before retry {@code retry} (1 for the first retry). */
  public Duration ceiling(int retry) {
    long baseMillis = Math.max(1, base.toMillis());
    int shift = Math.min(30, Math.max(0, retry - 1));
    long millis = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /** A random wait in {@code [0, ceiling(retry)]}. */
  public Duration delay(int retry) {
    return Duration.ofMillis(random.nextLong(ceiling(retry).toMillis() + 1));
  }

  /**
   * Waits before retry {@code retry}.
   *
   * @throws ObjectStoreException if the thread is interrupted (the interrupt flag is kept)
   */
  public void pause(int retry, String operation) {
    try {
      sleeper.sleep(delay(retry));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObjectStoreException("Interrupted while retrying " + operation, e);
    }
  }
}
