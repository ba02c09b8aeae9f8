package dev.apiary.storage;

import dev.apiary.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A store that fails on purpose, for tests of the code above it: it wraps another store and injects
 * programmed {@link Fault faults}, rivals and delays. Thread-safe; faults may be programmed while
 * other threads use the store.
 *
 * <pre>{@code
 * store.failNext(ObjectStoreOp.PUT_IF_ABSENT, Fault.WRITE_THEN_THROW, 1);
 * store.rivalWinsNext(key -> key.startsWith("_registry/"), rivalBytes, 1);
 * store.failRandomly(0.1, 42);
 * store.delay(ObjectStoreOp.GET, Duration.ofMillis(50));
 * }</pre>
 *
 * <p>Key arguments are validated before any fault, so invalid keys still fail with {@link
 * InvalidInputException}. For {@link ObjectStoreOp#LIST} the key a predicate sees is the prefix.
 * When several programmed faults match a call, the one programmed first fires; random faults are
 * drawn only when no programmed fault fires. Each call first sleeps for the delay of its kind.
 */
public final class FaultInjectingObjectStore implements ObjectStore {

  /** What an injected fault does to the call it hits. */
  public enum Fault {
    /** Throw an {@link ObjectStoreException} without calling the store: nothing happens. */
    FAIL_BEFORE,
    /**
     * Perform the write, then throw as if the answer was lost: {@link OutcomeUnknownException} for
     * {@code putIfAbsent}, {@link ObjectStoreException} for {@code put} and {@code delete}. Only
     * for writing operations.
     */
    WRITE_THEN_THROW,
    /**
     * {@code putIfAbsent} only: return {@code false} without writing, as if another writer had won.
     * Use {@link #rivalWinsNext} when the rival's object should really exist.
     */
    LOSE_RACE
  }

  /** How the store waits for a {@link #delay}; tests may pass one that records instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Predicate<String> ANY_KEY = key -> true;

  /** A programmed fault; {@code rival} is non-null for {@link #rivalWinsNext} rules. */
  private static final class Rule {
    final ObjectStoreOp op;
    final Predicate<String> keys;
    final Fault fault;
    final byte[] rival;
    int remaining;

    Rule(ObjectStoreOp op, Predicate<String> keys, Fault fault, byte[] rival, int remaining) {
      this.op = op;
      this.keys = keys;
      this.fault = fault;
      this.rival = rival;
      this.remaining = remaining;
    }
  }

  /** A fault drawn at random; {@code op == null} means every kind of call. */
  private record RandomRule(ObjectStoreOp op, Fault fault, double probability, Random random) {}

  private final ObjectStore delegate;
  private final Sleeper sleeper;
  private final Object lock = new Object();
  private final List<Rule> rules = new ArrayList<>();
  private final List<RandomRule> randomRules = new ArrayList<>();
  private final Map<ObjectStoreOp, Duration> delays = new EnumMap<>(ObjectStoreOp.class);
  private final Map<ObjectStoreOp, LongAdder> injected = new EnumMap<>(ObjectStoreOp.class);

  public FaultInjectingObjectStore(ObjectStore delegate) {
    this(
        delegate,
        duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
  }

  public FaultInjectingObjectStore(ObjectStore delegate, Sleeper sleeper) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    for (ObjectStoreOp op : ObjectStoreOp.values()) {
      injected.put(op, new LongAdder());
    }
  }

  /** The store that calls reach when no fault fires. */
  public ObjectStore delegate() {
    return delegate;
  }

  /** Injects {@code fault} into the next {@code times} calls of kind {@code op}. */
  public FaultInjectingObjectStore failNext(ObjectStoreOp op, Fault fault, int times) {
    return failNext(op, ANY_KEY, fault, times);
  }

  /**
   * Injects {@code fault} into the next {@code times} calls of kind {@code op} on matching keys.
   */
  public FaultInjectingObjectStore failNext(
      ObjectStoreOp op, Predicate<String> keys, Fault fault, int times) {
    checkApplies(op, fault);
    if (times < 1) {
      throw new InvalidInputException("failNext needs times >= 1, got " + times);
    }
    return addRule(new Rule(op, Objects.requireNonNull(keys, "keys"), fault, null, times));
  }

  /** Injects {@code fault} into every call of kind {@code op} on matching keys until cleared. */
  public FaultInjectingObjectStore failAlways(
      ObjectStoreOp op, Predicate<String> keys, Fault fault) {
    checkApplies(op, fault);
    return addRule(
        new Rule(op, Objects.requireNonNull(keys, "keys"), fault, null, Integer.MAX_VALUE));
  }

  /**
   * Makes the next {@code times} {@code putIfAbsent} calls on matching keys lose a real race: just
   * before each, a rival creates the key with {@code rivalContent} (if it is still absent), so the
   * call returns {@code false} and reading the key back shows the rival's content.
   */
  public FaultInjectingObjectStore rivalWinsNext(
      Predicate<String> keys, byte[] rivalContent, int times) {
    if (times < 1) {
      throw new InvalidInputException("rivalWinsNext needs times >= 1, got " + times);
    }
    return addRule(
        new Rule(
            ObjectStoreOp.PUT_IF_ABSENT,
            Objects.requireNonNull(keys, "keys"),
            Fault.LOSE_RACE,
            rivalContent.clone(),
            times));
  }

  /**
   * Fails each call of any kind, with probability {@code probability}, by {@link
   * Fault#FAIL_BEFORE}. The draws come from a {@link Random} seeded with {@code seed}: repeatable
   * for one thread.
   */
  public FaultInjectingObjectStore failRandomly(double probability, long seed) {
    return addRandom(null, Fault.FAIL_BEFORE, probability, seed);
  }

  /**
   * Injects {@code fault} into each call of kind {@code op} with probability {@code probability}.
   */
  public FaultInjectingObjectStore failRandomly(
      ObjectStoreOp op, Fault fault, double probability, long seed) {
    checkApplies(Objects.requireNonNull(op, "op"), fault);
    return addRandom(op, fault, probability, seed);
  }

  /** Makes every call of kind {@code op} sleep for {@code delay} first; zero removes the delay. */
  public FaultInjectingObjectStore delay(ObjectStoreOp op, Duration delay) {
    if (delay.isNegative()) {
      throw new InvalidInputException("delay must not be negative, got " + delay);
    }
    synchronized (lock) {
      if (delay.isZero()) {
        delays.remove(op);
      } else {
        delays.put(op, delay);
      }
    }
    return this;
  }

  /** Removes every programmed fault, rival, random fault and delay; keeps the counters. */
  public void clearFaults() {
    synchronized (lock) {
      rules.clear();
      randomRules.clear();
      delays.clear();
    }
  }

  /** How many faults (including rivals, excluding delays) hit calls of kind {@code op}. */
  public long injected(ObjectStoreOp op) {
    return injected.get(op).sum();
  }

  /** How many faults (including rivals, excluding delays) hit calls of any kind. */
  public long injectedTotal() {
    long total = 0;
    for (LongAdder count : injected.values()) {
      total += count.sum();
    }
    return total;
  }

  @Override
  public Optional<byte[]> get(String key) {
    before(ObjectStoreOp.GET, ObjectKeys.requireValid(key));
    return delegate.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    before(ObjectStoreOp.GET_RANGE, ObjectKeys.requireValid(key));
    return delegate.getRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    before(ObjectStoreOp.HEAD, ObjectKeys.requireValid(key));
    return delegate.head(key);
  }

  @Override
  public void put(String key, byte[] content) {
    Rule rule = before(ObjectStoreOp.PUT, ObjectKeys.requireValid(key));
    delegate.put(key, content);
    if (rule != null) {
      throw new ObjectStoreException(message(rule.fault, "put", key) + ", after writing");
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    Rule rule = before(ObjectStoreOp.PUT_IF_ABSENT, ObjectKeys.requireValid(key));
    if (rule == null) {
      return delegate.putIfAbsent(key, content);
    }
    if (rule.fault == Fault.LOSE_RACE) {
      if (rule.rival != null) {
        delegate.putIfAbsent(key, rule.rival);
        return delegate.putIfAbsent(key, content);
      }
      return false;
    }
    delegate.putIfAbsent(key, content);
    throw new OutcomeUnknownException(
        message(rule.fault, "putIfAbsent", key)
            + " after the write was sent; it may or may not have happened, read the key back",
        null);
  }

  @Override
  public List<ObjectInfo> list(String prefix, String startAfter) {
    before(ObjectStoreOp.LIST, ObjectKeys.requireValidPrefix(prefix));
    return delegate.list(prefix, startAfter);
  }

  @Override
  public void delete(String key) {
    Rule rule = before(ObjectStoreOp.DELETE, ObjectKeys.requireValid(key));
    delegate.delete(key);
    if (rule != null) {
      throw new ObjectStoreException(message(rule.fault, "delete", key) + ", after deleting");
    }
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  /** Closes the wrapped store. */
  @Override
  public void close() {
    delegate.close();
  }

  /**
   * Sleeps, then picks the fault for this call. Throws for {@link Fault#FAIL_BEFORE}; returns the
   * rule of any other fault for the caller to act out, or {@code null} to call through.
   */
  private Rule before(ObjectStoreOp op, String key) {
    Duration delay;
    synchronized (lock) {
      delay = delays.get(op);
    }
    if (delay != null) {
      sleep(op, key, delay);
    }
    Rule rule = pick(op, key);
    if (rule == null) {
      return null;
    }
    injected.get(op).increment();
    if (rule.fault == Fault.FAIL_BEFORE) {
      throw new ObjectStoreException(message(rule.fault, name(op), key));
    }
    return rule;
  }

  private Rule pick(ObjectStoreOp op, String key) {
    synchronized (lock) {
      for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
        Rule rule = it.next();
        if (rule.op == op && rule.keys.test(key)) {
          if (rule.remaining != Integer.MAX_VALUE && --rule.remaining == 0) {
            it.remove();
          }
          return rule;
        }
      }
      for (RandomRule random : randomRules) {
        if ((random.op() == null || random.op() == op)
            && random.random().nextDouble() < random.probability()) {
          return new Rule(op, ANY_KEY, random.fault(), null, 1);
        }
      }
      return null;
    }
  }

  private void sleep(ObjectStoreOp op, String key, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObjectStoreException(
          name(op)
              + " '"
              + key
              + "' in "
              + describe()
              + " was interrupted during an injected delay",
          e);
    }
  }

  private FaultInjectingObjectStore addRule(Rule rule) {
    synchronized (lock) {
      rules.add(rule);
    }
    return this;
  }

  private FaultInjectingObjectStore addRandom(
      ObjectStoreOp op, Fault fault, double probability, long seed) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new InvalidInputException("Fault probability must be in [0, 1], got " + probability);
    }
    synchronized (lock) {
      randomRules.add(new RandomRule(op, fault, probability, new Random(seed)));
    }
    return this;
  }

  private static void checkApplies(ObjectStoreOp op, Fault fault) {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(fault, "fault");
    if (fault == Fault.WRITE_THEN_THROW && !op.writes()) {
      throw new InvalidInputException(
          "Fault WRITE_THEN_THROW needs a writing operation (PUT, PUT_IF_ABSENT, DELETE), got "
              + op);
    }
    if (fault == Fault.LOSE_RACE && op != ObjectStoreOp.PUT_IF_ABSENT) {
      throw new InvalidInputException("Fault LOSE_RACE applies only to PUT_IF_ABSENT, got " + op);
    }
  }

  private String message(Fault fault, String operation, String key) {
    return "Injected fault " + fault + ": " + operation + " '" + key + "' failed in " + describe();
  }

  private static String name(ObjectStoreOp op) {
    return switch (op) {
      case GET -> "get";
      case GET_RANGE -> "getRange";
      case HEAD -> "head";
      case PUT -> "put";
      case PUT_IF_ABSENT -> "putIfAbsent";
      case LIST -> "list";
      case DELETE -> "delete";
    };
  }
}
