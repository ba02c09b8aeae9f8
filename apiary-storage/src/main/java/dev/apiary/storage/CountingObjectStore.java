package dev.apiary.storage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls made to another store, per {@link ObjectStoreOp}: for tests that assert how many
 * requests an operation costs ("finds the latest version without listing"). A call is counted when
 * it starts, whether it then succeeds or throws. Thread-safe.
 */
public final class CountingObjectStore implements ObjectStore {
  private final ObjectStore delegate;
  private final Map<ObjectStoreOp, LongAdder> counts = new EnumMap<>(ObjectStoreOp.class);

  public CountingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
    for (ObjectStoreOp op : ObjectStoreOp.values()) {
      counts.put(op, new LongAdder());
    }
  }

  /** The store whose calls are counted. */
  public ObjectStore delegate() {
    return delegate;
  }

  /** Calls of one kind since creation or the last {@link #reset()}. */
  public long count(ObjectStoreOp op) {
    return counts.get(op).sum();
  }

  /** Calls of every kind since creation or the last {@link #reset()}. */
  public long total() {
    long total = 0;
    for (LongAdder count : counts.values()) {
      total += count.sum();
    }
    return total;
  }

  /** Sets every count back to zero. Calls running concurrently may or may not be counted. */
  public void reset() {
    for (LongAdder count : counts.values()) {
      count.reset();
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    counts.get(ObjectStoreOp.GET).increment();
    return delegate.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    counts.get(ObjectStoreOp.GET_RANGE).increment();
    return delegate.getRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    counts.get(ObjectStoreOp.HEAD).increment();
    return delegate.head(key);
  }

  @Override
  public void put(String key, byte[] content) {
    counts.get(ObjectStoreOp.PUT).increment();
    delegate.put(key, content);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    counts.get(ObjectStoreOp.PUT_IF_ABSENT).increment();
    return delegate.putIfAbsent(key, content);
  }

  @Override
  public List<ObjectInfo> list(String prefix, String startAfter) {
    counts.get(ObjectStoreOp.LIST).increment();
    return delegate.list(prefix, startAfter);
  }

  @Override
  public void delete(String key) {
    counts.get(ObjectStoreOp.DELETE).increment();
    delegate.delete(key);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  /** Closes the counted store. */
  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CountingObjectStore[");
    for (ObjectStoreOp op : ObjectStoreOp.values()) {
      text.append(op)
          .append('=')
          .append(count(op))
          .append(op.ordinal() < ObjectStoreOp.values().length - 1 ? ", " : "]");
    }
    return text.toString();
  }
}
