package dev.apiary.storage.s3.internal;

import dev.apiary.error.ApiaryException;
import dev.apiary.storage.ObjectStoreException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs an idempotent S3 request, retrying failures that another attempt can fix ({@link
 * Failure#retryable()}) with jittered exponential backoff. Requests that are not idempotent
 * (create-only writes) use {@link CreateOnlyPut} instead.
 */
public final class Retrying {
  private final int maxAttempts;
  private final Backoff backoff;
  private final String store;

  public Retrying(int maxAttempts, Backoff backoff, String store) {
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.store = Objects.requireNonNull(store, "store");
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The store's description, for messages. */
  public String store() {
    return store;
  }

  public Backoff backoff() {
    return backoff;
  }

  /**
   * Runs {@code request} until it succeeds, fails in a way retrying cannot fix, or runs out of
   * attempts. {@link ApiaryException}s thrown by the request pass through unchanged.
   *
   * @throws ObjectStoreException naming the operation, key, store, attempts and the last failure
   */
  public <T> T call(String operation, String key, Supplier<T> request) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        backoff.pause(attempt - 1, operation + " '" + key + "' in " + store);
      }
      try {
        return request.get();
      } catch (ApiaryException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!Failure.of(e).retryable()) {
          throw failure(operation, key, e, attempt);
        }
        last = e;
      }
    }
    throw failure(operation, key, last, maxAttempts);
  }

  /** The exception for a request that failed for good. */
  public ObjectStoreException failure(
      String operation, String key, RuntimeException cause, int attempts) {
    return new ObjectStoreException(
        operation
            + " '"
            + key
            + "' failed in "
            + store
            + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + ": "
            + Failure.describe(cause),
        cause);
  }
}
