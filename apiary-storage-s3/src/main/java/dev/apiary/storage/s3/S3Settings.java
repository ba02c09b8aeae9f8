package dev.apiary.storage.s3;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an {@link S3ObjectStore}.
 *
 * @param maxAttempts attempts per request (first try included) before a failure is reported
 * @param backoffBase the first retry waits up to this long (full jitter), doubling each retry
 * @param backoffMax no retry waits longer than this
 * @param attemptTimeout one HTTP attempt that takes longer is abandoned (and counts as a network
 *     error: its outcome is unknown)
 * @param multipartThreshold {@link S3ObjectStore#putFile} uses multipart upload for files larger
 *     than this
 * @param partSize size of each multipart part (S3 needs at least 5 MiB for all but the last)
 * @param maxConnections HTTP connections kept open to the endpoint
 */
public record S3Settings(
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration attemptTimeout,
    long multipartThreshold,
    long partSize,
    int maxConnections) {
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  public S3Settings {
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    if (partSize < MIN_PART_SIZE || multipartThreshold < partSize) {
      throw new IllegalArgumentException(
          "partSize must be >= 5 MiB and multipartThreshold >= partSize, got partSize "
              + partSize
              + " and multipartThreshold "
              + multipartThreshold);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1: " + maxConnections);
    }
  }

  /**
   * 8 attempts, 100 ms to 5 s backoff, 60 s per attempt, 64 MiB multipart threshold, 16 MiB parts.
   */
  public static S3Settings defaults() {
    return new S3Settings(
        8,
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        64L * 1024 * 1024,
        16L * 1024 * 1024,
        64);
  }

  public S3Settings withAttempts(int attempts, Duration base, Duration max) {
    return new S3Settings(
        attempts, base, max, attemptTimeout, multipartThreshold, partSize, maxConnections);
  }

  public S3Settings withAttemptTimeout(Duration timeout) {
    return new S3Settings(
        maxAttempts,
        backoffBase,
        backoffMax,
        timeout,
        multipartThreshold,
        partSize,
        maxConnections);
  }

  public S3Settings withMultipart(long threshold, long size) {
    return new S3Settings(
        maxAttempts, backoffBase, backoffMax, attemptTimeout, threshold, size, maxConnections);
  }
}
