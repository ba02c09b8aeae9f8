package dev.apiary.runtime.cache;

import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts reads (GET and ranged GET) per key of another store, and can hold reads of cells (file
 * names starting with {@code part-}) at a gate until a test opens it, to make misses overlap.
 * Thread-safe.
 */
public final class KeyCountingStore implements ObjectStore {
  private final ObjectStore delegate;
  private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();

  public KeyCountingStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  /** Reads of this key since creation or {@link #reset()}. */
  public int reads(String key) {
    AtomicInteger count = reads.get(key);
    return count == null ? 0 : count.get();
  }

  /** Reads of keys whose file name starts with {@code part-} (cells), by key. */
  public Map<String, Integer> cellReads() {
    Map<String, Integer> cells = new java.util.TreeMap<>();
    reads.forEach(
        (key, count) -> {
          if (isCell(key)) {
            cells.put(key, count.get());
          }
        });
    return cells;
  }

  private static boolean isCell(String key) {
    return key.substring(key.lastIndexOf('/') + 1).startsWith("part-");
  }

  /** Reads of every key. */
  public int totalReads() {
    return reads.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public void reset() {
    reads.clear();
  }

  /** From now on reads of cells wait until the returned latch is counted down. */
  public CountDownLatch closeGate() {
    CountDownLatch latch = new CountDownLatch(1);
    gate.set(latch);
    return latch;
  }

  private void read(String key) {
    reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    CountDownLatch latch = gate.get();
    if (latch != null && isCell(key)) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted at the test's gate", e);
      }
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    read(key);
    return delegate.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    read(key);
    return delegate.getRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return delegate.head(key);
  }

  @Override
  public void put(String key, byte[] content) {
    delegate.put(key, content);
  }

  @Override
  public void putFile(String key, Path file) {
    delegate.putFile(key, file);
  }

  @Override
  public Optional<Path> localFile(String key) {
    return delegate.localFile(key);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    return delegate.putIfAbsent(key, content);
  }

  @Override
  public List<ObjectInfo> list(String prefix, String startAfter) {
    return delegate.list(prefix, startAfter);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
