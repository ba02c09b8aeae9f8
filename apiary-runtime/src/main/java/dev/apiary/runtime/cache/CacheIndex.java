package dev.apiary.runtime.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache's entries in least-recently-used order, with their sizes and pins, and the bytes
 * reserved for files being added. Not thread-safe: {@link CellCache} guards it with its lock.
 *
 * <p>Invariant: {@code size + reserved <= capacity}, except that an index opened over more than its
 * capacity is brought under it by {@link #evictFor} before anything is added.
 */
final class CacheIndex {
  private static final class Entry {
    final long sizeBytes;
    int pins;

    Entry(long sizeBytes) {
      this.sizeBytes = sizeBytes;
    }
  }

  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final long capacityBytes;
  private long sizeBytes;
  private long reservedBytes;

  CacheIndex(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  /** Pins an entry (marking it used) if present. */
  boolean pin(String name) {
    Entry entry = entries.get(name);
    if (entry == null) {
      return false;
    }
    entry.pins++;
    return true;
  }

  void unpin(String name) {
    Entry entry = entries.get(name);
    if (entry != null && entry.pins > 0) {
      entry.pins--;
    }
  }

  boolean contains(String name) {
    return entries.containsKey(name);
  }

  /** Adds an entry as the most recently used, pinned once or not at all. */
  void add(String name, long bytes, int pins) {
    Entry entry = new Entry(bytes);
    entry.pins = pins;
    Entry previous = entries.put(name, entry);
    sizeBytes += bytes - (previous == null ? 0 : previous.sizeBytes);
  }

  /** Removes an unpinned entry; returns whether it did. */
  boolean removeUnpinned(String name) {
    Entry entry = entries.get(name);
    if (entry == null || entry.pins > 0) {
      return false;
    }
    entries.remove(name);
    sizeBytes -= entry.sizeBytes;
    return true;
  }

  /** Whether evicting unpinned entries could make room for {@code bytes} more. */
  boolean fits(long bytes) {
    return sizeBytes - unpinnedBytes() + reservedBytes + bytes <= capacityBytes;
  }

  /**
   * Removes least-recently-used unpinned entries until {@code bytes} more fit, and reserves them.
   * Call only after {@link #fits} said yes.
   *
   * @return the names removed, whose files the caller deletes
   */
  List<String> evictFor(long bytes) {
    List<String> victims = new ArrayList<>();
    Iterator<Map.Entry<String, Entry>> oldestFirst = entries.entrySet().iterator();
    while (sizeBytes + reservedBytes + bytes > capacityBytes && oldestFirst.hasNext()) {
      Map.Entry<String, Entry> e = oldestFirst.next();
      if (e.getValue().pins == 0) {
        oldestFirst.remove();
        sizeBytes -= e.getValue().sizeBytes;
        victims.add(e.getKey());
      }
    }
    reservedBytes += bytes;
    return victims;
  }

  void release(long bytes) {
    reservedBytes -= bytes;
  }

  long sizeBytes() {
    return sizeBytes;
  }

  long capacityBytes() {
    return capacityBytes;
  }

  int entryCount() {
    return entries.size();
  }

  /** Bytes of entries in use by running statements. */
  long pinnedBytes() {
    return sizeBytes - unpinnedBytes();
  }

  private long unpinnedBytes() {
    long unpinned = 0;
    for (Entry entry : entries.values()) {
      if (entry.pins == 0) {
        unpinned += entry.sizeBytes;
      }
    }
    return unpinned;
  }

  /** Size of every entry by name, in no particular order. */
  Map<String, Long> sizes() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    entries.forEach((name, entry) -> sizes.put(name, entry.sizeBytes));
    return sizes;
  }

  /** Names under a prefix. */
  List<String> namesStartingWith(String prefix) {
    List<String> names = new ArrayList<>();
    for (String name : entries.keySet()) {
      if (name.startsWith(prefix)) {
        names.add(name);
      }
    }
    return names;
  }
}
