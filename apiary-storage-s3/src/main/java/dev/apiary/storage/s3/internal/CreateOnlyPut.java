package dev.apiary.storage.s3.internal;

import dev.apiary.error.ApiaryException;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.OutcomeUnknownException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A create-only write ({@code PUT} with {@code If-None-Match: *}) that never reports a win it did
 * not have, nor a loss when it won (SPEC §3.2):
 *
 * <ul>
 *   <li>200: created, {@code true}.
 *   <li>412 while every earlier attempt certainly failed: another writer has the key, {@code
 *       false}.
 *   <li>409 (a concurrent conditional write in progress), 429: nothing happened; retry.
 *   <li>A network error or 5xx: the write may have happened; retry, and from then on the outcome is
 *       ambiguous: a later 412 may be our own earlier attempt. An ambiguous outcome is resolved by
 *       reading the key back: our exact content means we won, other content means we lost.
 *   <li>If the read-back finds nothing, or fails, after an ambiguous attempt: {@link
 *       OutcomeUnknownException} (a delayed request may still land), never a guess.
 * </ul>
 *
 * <p>Comparing content assumes writers racing on one key write different bytes; Apiary's
 * create-only objects (catalog versions, commits) carry a unique transaction id.
 */
public final class CreateOnlyPut {

  /** One attempt of the conditional PUT; throws what the S3 client throws. */
  @FunctionalInterface
  public interface Attempt {
    void run();
  }

  private final Retrying retrying;

  public CreateOnlyPut(Retrying retrying) {
    this.retrying = retrying;
  }

  /**
   * Runs the create-only write.
   *
   * @param readBack reads the key (with retries), for resolving an ambiguous outcome
   * @return whether this call created the object
   * @throws OutcomeUnknownException if the outcome stays ambiguous
   * @throws ObjectStoreException if the write certainly failed
   */
  public boolean run(
      String key, byte[] content, Attempt attempt, Supplier<Optional<byte[]>> readBack) {
    boolean ambiguous = false;
    RuntimeException last = null;
    for (int number = 1; number <= retrying.maxAttempts(); number++) {
      if (number > 1) {
        try {
          retrying.backoff().pause(number - 1, "putIfAbsent '" + key + "'");
        } catch (ObjectStoreException e) {
          // Interrupted: after an ambiguous attempt the write may have landed, so say unknown.
          if (ambiguous) {
            throw unknown(key, number - 1, last, "interrupted before it could be checked");
          }
          throw e;
        }
      }
      try {
        attempt.run();
        return true;
      } catch (ApiaryException e) {
        throw e;
      } catch (RuntimeException e) {
        Failure failure = Failure.of(e);
        if (failure == Failure.PRECONDITION_FAILED) {
          return ambiguous ? resolve(key, content, readBack, e, number) : false;
        }
        if (!failure.retryable()) {
          if (ambiguous) {
            return resolve(key, content, readBack, e, number);
          }
          throw retrying.failure("putIfAbsent", key, e, number);
        }
        ambiguous |= failure.ambiguous();
        last = e;
      }
    }
    if (ambiguous) {
      return resolve(key, content, readBack, last, retrying.maxAttempts());
    }
    throw retrying.failure("putIfAbsent", key, last, retrying.maxAttempts());
  }

  private boolean resolve(
      String key,
      byte[] content,
      Supplier<Optional<byte[]>> readBack,
      RuntimeException cause,
      int attempts) {
    Optional<byte[]> seen;
    try {
      seen = readBack.get();
    } catch (ObjectStoreException e) {
      throw unknown(key, attempts, cause, "reading it back failed too: " + e.getMessage());
    }
    if (seen.isEmpty()) {
      throw unknown(
          key, attempts, cause, "the key is still absent, but a delayed attempt may land");
    }
    return Arrays.equals(seen.get(), content);
  }

  private OutcomeUnknownException unknown(
      String key, int attempts, RuntimeException cause, String detail) {
    return new OutcomeUnknownException(
        "putIfAbsent '"
            + key
            + "' in "
            + retrying.store()
            + " has an unknown outcome after "
            + attempts
            + " attempts ("
            + Failure.describe(cause)
            + "); "
            + detail
            + "; read the key back before deciding whether this write won",
        cause);
  }
}
