package dev.apiary.catalog.internal;

import dev.apiary.catalog.RetryPolicy;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.OutcomeUnknownException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The versioned catalog in a store: a cached snapshot refreshed by probing forward, and the commit
 * loop. Thread-safe; any number of instances (threads, processes, machines) may share one store.
 *
 * <p>A commit writes the full catalog as {@code state_<latest+1>.json} with a create-only put. A
 * writer that loses the race re-reads and re-applies its change. A put whose outcome is unknown is
 * resolved by reading the version back and comparing commit ids, so a change is never reported as
 * failed when it committed, nor as committed when it did not.
 */
public final class Registry {
  private static final System.Logger LOG = System.getLogger(Registry.class.getName());

  private final ObjectStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final RetryPolicy retryPolicy;
  private final StateCodec codec = new StateCodec();
  private final RegistryReader reader;
  private final Map<String, String> warnings = new LinkedHashMap<>();
  private final AtomicReference<RegistrySnapshot> cache;

  /** Opens the registry: reads (never writes) the newest usable version. */
  public Registry(ObjectStore store, Clock clock, RandomGenerator random, RetryPolicy retryPolicy) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.retryPolicy = retryPolicy;
    this.reader = new RegistryReader(store, codec, this::warn);
    long latest = reader.findLatest(reader.hintedVersion());
    StateRecord state = reader.loadNewest(latest, 0).orElse(StateRecord.INITIAL);
    this.cache = new AtomicReference<>(new RegistrySnapshot(latest, state));
  }

  public StateCodec codec() {
    return codec;
  }

  /** The newest snapshot, after probing the store for versions written since the last look. */
  public RegistrySnapshot refresh() {
    RegistrySnapshot known = cache.get();
    long latest = reader.findLatest(known.latestVersion());
    if (latest == known.latestVersion()) {
      return known;
    }
    StateRecord state = reader.loadNewest(latest, known.latestVersion()).orElse(known.state());
    return install(new RegistrySnapshot(latest, state));
  }

  /** The snapshot this instance last read or wrote, without any storage request; may be stale. */
  public RegistrySnapshot cached() {
    return cache.get();
  }

  /** Problems found while reading the registry (corrupt versions skipped), oldest first. */
  public List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings.values());
    }
  }

  /** A random UUID drawn from the injected generator. */
  public String newId() {
    long most;
    long least;
    synchronized (random) {
      most = random.nextLong();
      least = random.nextLong();
    }
    most = (most & ~0xF000L) | 0x4000L; // version 4
    least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(most, least).toString();
  }

  /**
   * Applies a change to the latest catalog and commits it as the next version, retrying after lost
   * races.
   *
   * @return the change's value from the attempt that committed, or from the first attempt that
   *     found nothing to do
   * @throws ApiaryException thrown by the change itself (unchanged); {@link ErrorCategory#CONFLICT}
   *     when every attempt lost a race; {@link ErrorCategory#EXTERNAL} when the store lost the
   *     answer to a write and the version could not be read back to decide
   */
  public <T> T commit(String operation, CatalogChange<T> change) {
    String commitId = newId();
    // Versions whose create-only put had an unknown outcome and were not yet readable: the write
    // may still land, so each is checked on every later attempt.
    Map<Long, Pending<T>> unresolved = new LinkedHashMap<>();
    for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
      RegistrySnapshot base = refresh();
      Optional<T> landed = resolve(unresolved, commitId, base.latestVersion());
      if (landed.isPresent()) {
        return landed.get();
      }
      CatalogChange.Outcome<T> outcome = change.apply(base.state().tree());
      if (outcome.tree().equals(base.state().tree())) {
        return outcome.value();
      }
      long version = base.latestVersion() + 1;
      StateRecord next =
          new StateRecord(version, commitId, clock.instant(), operation, outcome.tree());
      Boolean won = put(version, codec.write(next), commitId);
      if (won == null) {
        unresolved.put(version, new Pending<>(next, outcome.value()));
      } else if (won) {
        committed(next);
        return outcome.value();
      }
      if (attempt < retryPolicy.maxAttempts() && !backoff(attempt)) {
        Thread.currentThread().interrupt();
        throw new ApiaryException(
            ErrorCategory.INTERNAL,
            "Interrupted while retrying the catalog change '"
                + operation
                + "'; "
                + (unresolved.isEmpty()
                    ? "it was not committed"
                    : "it may or may not have been committed; check the catalog before retrying"));
      }
    }
    Optional<T> landed = resolve(unresolved, commitId, refresh().latestVersion());
    if (landed.isPresent()) {
      return landed.get();
    }
    if (!unresolved.isEmpty()) {
      throw new ApiaryException(
          ErrorCategory.EXTERNAL,
          "The catalog change '"
              + operation
              + "' may or may not have been committed in "
              + store.describe()
              + ": the store lost its answer to the write of "
              + RegistryKeys.state(unresolved.keySet().iterator().next())
              + " and the version could not be read back; check the catalog before retrying");
    }
    throw new ApiaryException(
        ErrorCategory.CONFLICT,
        "The catalog change '"
            + operation
            + "' was not committed in "
            + store.describe()
            + " after "
            + retryPolicy.maxAttempts()
            + " attempts: another writer committed first every time; retry the operation");
  }

  private record Pending<T>(StateRecord state, T value) {}

  /**
   * Writes a version create-only.
   *
   * @return true if ours is there, false if another writer's is, null if still unknown
   */
  private Boolean put(long version, byte[] content, String commitId) {
    try {
      // false: another writer's version is there (a late-landing earlier attempt of ours is
      // recognised by resolve() on the next attempt).
      return store.putIfAbsent(RegistryKeys.state(version), content);
    } catch (OutcomeUnknownException e) {
      LOG.log(
          Level.DEBUG,
          "Outcome of writing {0} unknown ({1}); reading it back",
          RegistryKeys.state(version),
          e.getMessage());
    }
    return isOurs(version, commitId);
  }

  /** Whether an existing version carries our commit id; null if it is absent or unreadable. */
  private Boolean isOurs(long version, String commitId) {
    try {
      Optional<byte[]> content = reader.read(version);
      return content.isEmpty() ? null : commitId.equals(codec.commitIdOf(content.get()));
    } catch (ObjectStoreException e) {
      return null;
    }
  }

  private <T> Optional<T> resolve(Map<Long, Pending<T>> unresolved, String commitId, long latest) {
    for (Map.Entry<Long, Pending<T>> entry : List.copyOf(unresolved.entrySet())) {
      if (entry.getKey() > latest) {
        continue;
      }
      Boolean ours = isOurs(entry.getKey(), commitId);
      if (ours == null) {
        continue;
      }
      unresolved.remove(entry.getKey());
      if (ours) {
        committed(entry.getValue().state());
        return Optional.of(entry.getValue().value());
      }
    }
    return Optional.empty();
  }

  private void committed(StateRecord state) {
    install(new RegistrySnapshot(state.version(), state));
    try {
      store.put(RegistryKeys.LATEST_HINT, codec.writeHint(state.version()));
    } catch (RuntimeException e) {
      // The hint only speeds up the next open; readers probe forward from wherever it points.
      LOG.log(
          Level.DEBUG,
          "Could not update " + RegistryKeys.LATEST_HINT + " to version " + state.version(),
          e);
    }
  }

  private RegistrySnapshot install(RegistrySnapshot fresh) {
    return cache.accumulateAndGet(
        fresh,
        (old, candidate) -> candidate.latestVersion() > old.latestVersion() ? candidate : old);
  }

  /** Sleeps a jittered backoff; false if interrupted. */
  private boolean backoff(int attempt) {
    long ceiling = retryPolicy.ceilingNanos(attempt);
    if (ceiling <= 0) {
      return true;
    }
    long nanos;
    synchronized (random) {
      nanos = random.nextLong(ceiling + 1);
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void warn(String key, String problem) {
    String message =
        "Catalog version "
            + key
            + " in "
            + store.describe()
            + " is unreadable and was skipped: "
            + problem
            + "; the catalog uses the newest readable version before it";
    synchronized (warnings) {
      if (warnings.putIfAbsent(key, message) != null) {
        return;
      }
    }
    LOG.log(Level.WARNING, message);
  }
}
