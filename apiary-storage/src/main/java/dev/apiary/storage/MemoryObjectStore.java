package dev.apiary.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An object store in the memory of one JVM: for tests and for scratch use. Atomic by construction
 * (a {@link ConcurrentSkipListMap} of immutable entries); keys are sorted by UTF-8 byte order like
 * every other store.
 */
public final class MemoryObjectStore implements ObjectStore {
  private record Entry(byte[] content, Instant lastModified) {}

  private final ConcurrentNavigableMap<String, Entry> objects =
      new ConcurrentSkipListMap<>(Utf8Order.COMPARATOR);
  private final Clock clock;

  public MemoryObjectStore() {
    this(Clock.systemUTC());
  }

  public MemoryObjectStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<byte[]> get(String key) {
    Entry entry = objects.get(ObjectKeys.requireValid(key));
    return entry == null ? Optional.empty() : Optional.of(entry.content().clone());
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    Entry entry = objects.get(ObjectKeys.requireValid(key));
    if (entry == null) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
    }
    return RangeReads.slice(entry.content(), offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Entry entry = objects.get(ObjectKeys.requireValid(key));
    return entry == null
        ? Optional.empty()
        : Optional.of(new ObjectInfo(key, entry.content().length, entry.lastModified()));
  }

  @Override
  public void put(String key, byte[] content) {
    objects.put(ObjectKeys.requireValid(key), new Entry(content.clone(), clock.instant()));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    return objects.putIfAbsent(
            ObjectKeys.requireValid(key), new Entry(content.clone(), clock.instant()))
        == null;
  }

  @Override
  public List<ObjectInfo> list(String prefix, String startAfter) {
    ObjectKeys.requireValidPrefix(prefix);
    String from =
        startAfter != null && Utf8Order.COMPARATOR.compare(startAfter, prefix) > 0
            ? startAfter
            : prefix;
    boolean inclusive = from.equals(prefix) && !from.equals(startAfter);
    List<ObjectInfo> result = new ArrayList<>();
    for (Map.Entry<String, Entry> e : objects.tailMap(from, inclusive).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      result.add(
          new ObjectInfo(e.getKey(), e.getValue().content().length, e.getValue().lastModified()));
    }
    return result;
  }

  @Override
  public void delete(String key) {
    objects.remove(ObjectKeys.requireValid(key));
  }

  @Override
  public String describe() {
    return "memory://" + Integer.toHexString(System.identityHashCode(this));
  }
}
