package dev.apiary.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The start-up check of SPEC §3.2: does the store really honour create-only writes? Commits of
 * several writers are only serialised if {@link ObjectStore#putIfAbsent} refuses a second create of
 * the same key; some S3-compatible stores silently ignore {@code If-None-Match: *} and overwrite.
 *
 * <p>The probe creates a fresh key {@code _probes/create-only-<uuid>} twice with different content
 * and expects the second create to report {@code false} and leave the first content in place; the
 * key is deleted afterwards. It costs four requests and is run once per node start.
 *
 * <p>A store that fails the probe may still be used by exactly one writer: the operator says so by
 * setting the environment variable {@value #SINGLE_WRITER_VARIABLE} to {@code 1}.
 */
public final class CreateOnlyProbe {
  /** Setting this environment variable to {@code 1} (or {@code true}) allows a failing store. */
  public static final String SINGLE_WRITER_VARIABLE = "APIARY_SINGLE_WRITER";

  static final String PREFIX = "_probes/create-only-";

  private CreateOnlyProbe() {}

  /**
   * Probes the store.
   *
   * @return empty if create-only writes are honoured, otherwise what the store did wrong
   * @throws ObjectStoreException if the store fails (outcomes it cannot resolve included)
   */
  public static Optional<String> violation(ObjectStore store) {
    String key = PREFIX + UUID.randomUUID();
    Optional<String> result;
    try {
      result = probe(store, key);
    } catch (RuntimeException e) {
      // Clean up if we can, but report why the probe failed, not why the clean-up failed.
      try {
        store.delete(key);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    store.delete(key);
    return result;
  }

  private static Optional<String> probe(ObjectStore store, String key) {
    byte[] first = ("first " + key).getBytes(UTF_8);
    byte[] second = ("second " + key).getBytes(UTF_8);
    if (!store.putIfAbsent(key, first)) {
      return Optional.of("the first create of the new probe key '" + key + "' was refused");
    }
    if (store.putIfAbsent(key, second)) {
      return Optional.of(
          "a second create of probe key '" + key + "' succeeded instead of being refused");
    }
    byte[] seen = store.get(key).orElse(null);
    if (!Arrays.equals(seen, first)) {
      return Optional.of(
          "a refused second create of probe key '" + key + "' still replaced its content");
    }
    return Optional.empty();
  }

  /**
   * Refuses multi-writer operation on a store that does not honour create-only writes: unless the
   * environment sets {@value #SINGLE_WRITER_VARIABLE}, throws a {@link ErrorCategory#USER} error
   * that names the store, what went wrong and what to do.
   *
   * @param environment the process environment ({@link System#getenv()})
   * @return true if the store honours create-only writes, false if it does not but the operator
   *     declared a single writer
   * @throws ApiaryException if the store fails the probe and no single writer was declared
   * @throws ObjectStoreException if the store fails while probing
   */
  public static boolean requireForMultipleWriters(
      ObjectStore store, Map<String, String> environment) {
    Optional<String> violation = violation(store);
    if (violation.isEmpty()) {
      return true;
    }
    String declared = environment.getOrDefault(SINGLE_WRITER_VARIABLE, "").trim();
    if (declared.equals("1") || declared.equalsIgnoreCase("true")) {
      return false;
    }
    throw new ApiaryException(
        ErrorCategory.USER,
        "Storage "
            + store.describe()
            + " does not honour create-only writes: "
            + violation.get()
            + ". Several nodes writing to it could overwrite each other's commits and lose data,"
            + " so this node refuses to start. Use a store that supports conditional writes"
            + " (If-None-Match: *, e.g. AWS S3, Cloudflare R2 or a recent MinIO), or, if this is"
            + " the only node that will ever write to this storage, set "
            + SINGLE_WRITER_VARIABLE
            + "=1");
  }
}
