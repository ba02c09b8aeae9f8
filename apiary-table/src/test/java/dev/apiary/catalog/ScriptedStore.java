package dev.apiary.catalog;

import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.OutcomeUnknownException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test decorator: counts requests by kind and lets a test script the answers of {@code
 * putIfAbsent} and {@code put}.
 */
final class ScriptedStore implements ObjectStore {
  /** Decides what a create-only put does; may call through to the delegate. */
  @FunctionalInterface
  interface PutIfAbsentScript {
    boolean putIfAbsent(ObjectStore delegate, String key, byte[] content);
  }

  static final PutIfAbsentScript PASS_THROUGH = ObjectStore::putIfAbsent;

  /** Writes, then claims the answer was lost. */
  static final PutIfAbsentScript WRITE_THEN_LOSE_ANSWER =
      (delegate, key, content) -> {
        delegate.putIfAbsent(key, content);
        throw new OutcomeUnknownException("connection reset after sending " + key, null);
      };

  /** Does not write and claims the answer was lost. */
  static final PutIfAbsentScript LOSE_REQUEST =
      (delegate, key, content) -> {
        throw new OutcomeUnknownException("connection reset before sending " + key, null);
      };

  /** Always reports that another writer got there first, without writing. */
  static final PutIfAbsentScript ALWAYS_LOSE = (delegate, key, content) -> false;

  final ObjectStore delegate;
  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger heads = new AtomicInteger();
  final AtomicInteger lists = new AtomicInteger();
  final AtomicInteger puts = new AtomicInteger();
  final AtomicInteger putIfAbsents = new AtomicInteger();
  private volatile PutIfAbsentScript putIfAbsentScript = PASS_THROUGH;
  private volatile boolean failPuts;

  ScriptedStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  /** Scripts the next create-only put only; later ones pass through. */
  void onNextPutIfAbsent(PutIfAbsentScript script) {
    AtomicInteger calls = new AtomicInteger();
    putIfAbsentScript =
        (d, k, c) ->
            calls.getAndIncrement() == 0 ? script.putIfAbsent(d, k, c) : d.putIfAbsent(k, c);
  }

  void onEveryPutIfAbsent(PutIfAbsentScript script) {
    putIfAbsentScript = script;
  }

  /** Makes every unconditional put fail (the latest-version hint is written that way). */
  void failPuts() {
    failPuts = true;
  }

  int reads() {
    return gets.get() + heads.get();
  }

  void resetCounts() {
    gets.set(0);
    heads.set(0);
    lists.set(0);
    puts.set(0);
    putIfAbsents.set(0);
  }

  @Override
  public Optional<byte[]> get(String key) {
    gets.incrementAndGet();
    return delegate.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    gets.incrementAndGet();
    return delegate.getRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    heads.incrementAndGet();
    return delegate.head(key);
  }

  @Override
  public void put(String key, byte[] content) {
    puts.incrementAndGet();
    if (failPuts) {
      throw new ObjectStoreException("scripted failure of put " + key);
    }
    delegate.put(key, content);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    putIfAbsents.incrementAndGet();
    return putIfAbsentScript.putIfAbsent(delegate, key, content);
  }

  @Override
  public List<ObjectInfo> list(String prefix, String startAfter) {
    lists.incrementAndGet();
    return delegate.list(prefix, startAfter);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public String describe() {
    return "scripted+" + delegate.describe();
  }
}
