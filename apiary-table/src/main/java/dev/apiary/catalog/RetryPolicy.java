package dev.apiary.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * How a catalog change retries after losing a race to another writer: at most {@code maxAttempts}
 * attempts, sleeping a uniformly random time between zero and {@code initialBackoff * 2^(n-1)}
 * (capped at {@code maxBackoff}) after the n-th lost attempt ("full jitter").
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  /** 25 attempts, backoff from 5 ms doubling up to 500 ms. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(25, Duration.ofMillis(5), Duration.ofMillis(500));

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff durations must not be negative");
    }
  }

  /** The longest sleep allowed after the given (1-based) lost attempt, in nanoseconds. */
  public long ceilingNanos(int attempt) {
    long ceiling = initialBackoff.toNanos();
    for (int i = 1; i < attempt && ceiling < maxBackoff.toNanos(); i++) {
      ceiling *= 2;
    }
    return Math.min(ceiling, maxBackoff.toNanos());
  }
}
