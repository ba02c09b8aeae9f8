package dev.apiary.catalog.internal;

import dev.apiary.error.ApiaryException;
import dev.apiary.storage.ObjectStore;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Finds and reads catalog versions without listing the registry: versions are contiguous (a writer
 * creates {@code v+1} only after seeing {@code v}), so existence is monotonic and the newest
 * version is found by galloping forward from a version known to exist, then bisecting; {@code O(log
 * distance)} {@code head} requests.
 */
public final class RegistryReader {
  private final ObjectStore store;
  private final StateCodec codec;
  private final BiConsumer<String, String> warn;

  /**
   * @param warn receives (key, problem) for every state file that cannot be used
   */
  public RegistryReader(ObjectStore store, StateCodec codec, BiConsumer<String, String> warn) {
    this.store = store;
    this.codec = codec;
    this.warn = warn;
  }

  /**
   * The version named by the latest-version hint if that version exists, otherwise 0. The hint is
   * written best-effort and may be missing, stale or corrupt; it is only a starting point.
   */
  public long hintedVersion() {
    Optional<byte[]> hint = store.get(RegistryKeys.LATEST_HINT);
    if (hint.isEmpty()) {
      return 0;
    }
    try {
      long version = codec.readHint(hint.get());
      return version > 0 && exists(version) ? version : 0;
    } catch (CorruptStateException e) {
      return 0;
    }
  }

  /**
   * The newest existing version, given one that is known to exist (0 always does).
   *
   * <p>Probes {@code known+1, known+2, known+4, ...} until a version is missing, then bisects
   * between the last present and the first missing one.
   */
  public long findLatest(long known) {
    long present = known;
    long step = 1;
    long missing;
    while (true) {
      long candidate = present + step;
      if (!exists(candidate)) {
        missing = candidate;
        break;
      }
      present = candidate;
      step *= 2;
    }
    while (missing - present > 1) {
      long middle = present + (missing - present) / 2;
      if (exists(middle)) {
        present = middle;
      } else {
        missing = middle;
      }
    }
    return present;
  }

  /**
   * The newest readable state among versions {@code floor+1 .. latest}, newest first; every
   * unreadable one is reported to the warning sink and skipped.
   */
  public Optional<StateRecord> loadNewest(long latest, long floor) {
    for (long version = latest; version > floor; version--) {
      String key = RegistryKeys.state(version);
      Optional<byte[]> content = store.get(key);
      if (content.isEmpty()) {
        warn.accept(key, "it disappeared while being read (was the registry edited by hand?)");
        continue;
      }
      try {
        return Optional.of(codec.read(content.get(), version));
      } catch (CorruptStateException e) {
        warn.accept(key, e.getMessage());
      } catch (ApiaryException e) {
        throw new ApiaryException(
            e.category(), "Catalog state '" + key + "' cannot be used: " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  /** The raw content of a version, if it exists. */
  public Optional<byte[]> read(long version) {
    return store.get(RegistryKeys.state(version));
  }

  private boolean exists(long version) {
    return version == 0 || store.head(RegistryKeys.state(version)).isPresent();
  }
}
