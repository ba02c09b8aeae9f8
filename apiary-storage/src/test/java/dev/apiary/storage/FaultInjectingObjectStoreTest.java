package dev.apiary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.storage.FaultInjectingObjectStore.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Without faults the decorator passes the whole contract; each fault does what it says. */
class FaultInjectingObjectStoreTest extends ObjectStoreContractTest {
  private final MemoryObjectStore memory = new MemoryObjectStore();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final FaultInjectingObjectStore faulty =
      new FaultInjectingObjectStore(memory, sleeps::add);

  @Override
  protected ObjectStore newStore() {
    return new FaultInjectingObjectStore(new MemoryObjectStore());
  }

  private String failed(Fault fault, String operation, String key) {
    return "Injected fault "
        + fault
        + ": "
        + operation
        + " '"
        + key
        + "' failed in "
        + memory.describe();
  }

  @Test
  void failBeforeThrowsAndWritesNothing() {
    faulty.failNext(ObjectStoreOp.PUT_IF_ABSENT, Fault.FAIL_BEFORE, 1);
    faulty.failNext(ObjectStoreOp.PUT, Fault.FAIL_BEFORE, 1);
    assertThatThrownBy(() -> faulty.putIfAbsent("a/k", bytes("x")))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.FAIL_BEFORE, "putIfAbsent", "a/k"));
    assertThatThrownBy(() -> faulty.put("a/k", bytes("x")))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.FAIL_BEFORE, "put", "a/k"));
    assertThat(memory.get("a/k")).isEmpty();
    assertThat(faulty.putIfAbsent("a/k", bytes("y"))).isTrue();
    assertThat(memory.get("a/k").orElseThrow()).isEqualTo(bytes("y"));
  }

  @Test
  void failBeforeWorksOnReadsAndDeletes() {
    memory.put("a/k", bytes("x"));
    faulty
        .failNext(ObjectStoreOp.GET, Fault.FAIL_BEFORE, 1)
        .failNext(ObjectStoreOp.GET_RANGE, Fault.FAIL_BEFORE, 1)
        .failNext(ObjectStoreOp.HEAD, Fault.FAIL_BEFORE, 1)
        .failNext(ObjectStoreOp.LIST, Fault.FAIL_BEFORE, 1)
        .failNext(ObjectStoreOp.DELETE, Fault.FAIL_BEFORE, 1);
    assertThatThrownBy(() -> faulty.get("a/k"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.FAIL_BEFORE, "get", "a/k"));
    assertThatThrownBy(() -> faulty.getRange("a/k", 0, 1))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.FAIL_BEFORE, "getRange", "a/k"));
    assertThatThrownBy(() -> faulty.head("a/k"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.FAIL_BEFORE, "head", "a/k"));
    assertThatThrownBy(() -> faulty.list("a/"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.FAIL_BEFORE, "list", "a/"));
    assertThatThrownBy(() -> faulty.delete("a/k"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.FAIL_BEFORE, "delete", "a/k"));
    assertThat(memory.get("a/k")).isPresent();
    assertThat(faulty.get("a/k")).isPresent();
    assertThat(faulty.injectedTotal()).isEqualTo(5);
    assertThat(faulty.injected(ObjectStoreOp.LIST)).isEqualTo(1);
  }

  @Test
  void writeThenThrowOnPutIfAbsentReallyWritesAndReportsAnUnknownOutcome() {
    faulty.failNext(ObjectStoreOp.PUT_IF_ABSENT, Fault.WRITE_THEN_THROW, 1);
    assertThatThrownBy(() -> faulty.putIfAbsent("a/k", bytes("mine")))
        .isExactlyInstanceOf(OutcomeUnknownException.class)
        .hasMessage(
            failed(Fault.WRITE_THEN_THROW, "putIfAbsent", "a/k")
                + " after the write was sent; it may or may not have happened, read the key back");
    assertThat(memory.get("a/k").orElseThrow()).isEqualTo(bytes("mine"));
    assertThat(faulty.putIfAbsent("a/k", bytes("again"))).isFalse();
  }

  @Test
  void writeThenThrowOnPutAndDeleteReallyTakesEffect() {
    faulty
        .failNext(ObjectStoreOp.PUT, Fault.WRITE_THEN_THROW, 1)
        .failNext(ObjectStoreOp.DELETE, Fault.WRITE_THEN_THROW, 1);
    assertThatThrownBy(() -> faulty.put("a/k", bytes("new")))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.WRITE_THEN_THROW, "put", "a/k") + ", after writing");
    assertThat(memory.get("a/k").orElseThrow()).isEqualTo(bytes("new"));
    assertThatThrownBy(() -> faulty.delete("a/k"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(failed(Fault.WRITE_THEN_THROW, "delete", "a/k") + ", after deleting");
    assertThat(memory.get("a/k")).isEmpty();
  }

  @Test
  void loseRaceReturnsFalseWithoutWriting() {
    faulty.failNext(ObjectStoreOp.PUT_IF_ABSENT, Fault.LOSE_RACE, 1);
    assertThat(faulty.putIfAbsent("a/k", bytes("mine"))).isFalse();
    assertThat(memory.get("a/k")).isEmpty();
    assertThat(faulty.injected(ObjectStoreOp.PUT_IF_ABSENT)).isEqualTo(1);
  }

  @Test
  void aRivalThatWinsLeavesItsContentBehind() {
    faulty.rivalWinsNext(key -> key.startsWith("_registry/"), bytes("rival"), 1);
    assertThat(faulty.putIfAbsent("other/k", bytes("mine"))).isTrue();
    assertThat(faulty.putIfAbsent("_registry/state_000001.json", bytes("mine"))).isFalse();
    assertThat(faulty.get("_registry/state_000001.json").orElseThrow()).isEqualTo(bytes("rival"));
    assertThat(faulty.putIfAbsent("_registry/state_000002.json", bytes("mine"))).isTrue();
    assertThat(faulty.injectedTotal()).isEqualTo(1);
  }

  @Test
  void failNextFailsExactlyNCallsOnMatchingKeysOnly() {
    faulty.failNext(ObjectStoreOp.GET, key -> key.endsWith(".json"), Fault.FAIL_BEFORE, 2);
    memory.put("a/k.json", bytes("x"));
    memory.put("a/k.bin", bytes("y"));
    assertThat(faulty.get("a/k.bin")).isPresent();
    assertThatThrownBy(() -> faulty.get("a/k.json")).isInstanceOf(ObjectStoreException.class);
    assertThatThrownBy(() -> faulty.get("a/k.json")).isInstanceOf(ObjectStoreException.class);
    assertThat(faulty.get("a/k.json")).isPresent();
    assertThat(faulty.injected(ObjectStoreOp.GET)).isEqualTo(2);
  }

  @Test
  void failAlwaysFailsUntilCleared() {
    faulty.failAlways(ObjectStoreOp.HEAD, key -> true, Fault.FAIL_BEFORE);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> faulty.head("a/k")).isInstanceOf(ObjectStoreException.class);
    }
    faulty.clearFaults();
    assertThat(faulty.head("a/k")).isEmpty();
    assertThat(faulty.injected(ObjectStoreOp.HEAD)).isEqualTo(5);
  }

  @Test
  void faultsFireInTheOrderTheyWereProgrammed() {
    faulty
        .failNext(ObjectStoreOp.PUT_IF_ABSENT, Fault.LOSE_RACE, 1)
        .failNext(ObjectStoreOp.PUT_IF_ABSENT, Fault.FAIL_BEFORE, 1);
    assertThat(faulty.putIfAbsent("a/k", bytes("x"))).isFalse();
    assertThatThrownBy(() -> faulty.putIfAbsent("a/k", bytes("x")))
        .isExactlyInstanceOf(ObjectStoreException.class);
    assertThat(faulty.putIfAbsent("a/k", bytes("x"))).isTrue();
  }

  @Test
  void randomFailuresAreRepeatableForASeed() {
    assertThat(randomOutcomes(42)).isEqualTo(randomOutcomes(42));
    assertThat(randomOutcomes(42)).isNotEqualTo(randomOutcomes(43));
    List<Boolean> outcomes = randomOutcomes(42);
    long failures = outcomes.stream().filter(failed -> failed).count();
    assertThat(failures).isBetween(10L, 90L);
  }

  private static List<Boolean> randomOutcomes(long seed) {
    FaultInjectingObjectStore store = new FaultInjectingObjectStore(new MemoryObjectStore());
    store.failRandomly(0.25, seed);
    List<Boolean> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      try {
        store.get("a/k");
        outcomes.add(false);
      } catch (ObjectStoreException e) {
        outcomes.add(true);
      }
    }
    assertThat(store.injectedTotal()).isEqualTo(outcomes.stream().filter(f -> f).count());
    return outcomes;
  }

  @Test
  void randomFailuresCanTargetOneKindWithOneFault() {
    faulty.failRandomly(ObjectStoreOp.PUT_IF_ABSENT, Fault.WRITE_THEN_THROW, 1.0, 1);
    assertThatThrownBy(() -> faulty.putIfAbsent("a/k", bytes("x")))
        .isExactlyInstanceOf(OutcomeUnknownException.class);
    assertThat(memory.get("a/k")).isPresent();
    assertThat(faulty.get("a/k")).isPresent();
  }

  @Test
  void delaysSleepBeforeTheCallAndCanBeRemoved() {
    faulty.delay(ObjectStoreOp.GET, Duration.ofMillis(250));
    faulty.get("a/k");
    faulty.head("a/k");
    faulty.get("a/k");
    assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    faulty.delay(ObjectStoreOp.GET, Duration.ZERO);
    faulty.get("a/k");
    assertThat(sleeps).hasSize(2);
    assertThat(faulty.injectedTotal()).isZero();
  }

  @Test
  void theDefaultSleeperReallySleeps() {
    FaultInjectingObjectStore slow = new FaultInjectingObjectStore(memory);
    slow.delay(ObjectStoreOp.HEAD, Duration.ofNanos(1_500_000));
    assertThat(slow.head("a/k")).isEmpty();
  }

  @Test
  void anInterruptedDelayFailsTheCallAndKeepsTheInterrupt() {
    FaultInjectingObjectStore interrupted =
        new FaultInjectingObjectStore(
            memory,
            duration -> {
              throw new InterruptedException("test");
            });
    interrupted.delay(ObjectStoreOp.PUT, Duration.ofSeconds(1));
    try {
      assertThatThrownBy(() -> interrupted.put("a/k", bytes("x")))
          .isExactlyInstanceOf(ObjectStoreException.class)
          .hasMessage(
              "put 'a/k' in " + memory.describe() + " was interrupted during an injected delay");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(memory.get("a/k")).isEmpty();
  }

  @Test
  void invalidKeysFailAsInvalidInputBeforeAnyFault() {
    faulty.failAlways(ObjectStoreOp.GET, key -> true, Fault.FAIL_BEFORE);
    assertThatThrownBy(() -> faulty.get("../x"))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("Object key '../x' contains a '..' segment, which keys may not");
    assertThat(faulty.injectedTotal()).isZero();
  }

  @Test
  void faultsThatCannotApplyToAnOperationAreRejected() {
    assertThatThrownBy(() -> faulty.failNext(ObjectStoreOp.GET, Fault.WRITE_THEN_THROW, 1))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Fault WRITE_THEN_THROW needs a writing operation (PUT, PUT_IF_ABSENT, DELETE), got"
                + " GET");
    assertThatThrownBy(() -> faulty.failNext(ObjectStoreOp.PUT, Fault.LOSE_RACE, 1))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("Fault LOSE_RACE applies only to PUT_IF_ABSENT, got PUT");
    assertThatThrownBy(() -> faulty.failNext(ObjectStoreOp.PUT, Fault.FAIL_BEFORE, 0))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("failNext needs times >= 1, got 0");
    assertThatThrownBy(() -> faulty.failRandomly(1.5, 1))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("Fault probability must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> faulty.delay(ObjectStoreOp.GET, Duration.ofMillis(-1)))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("delay must not be negative, got PT-0.001S");
  }

  @Test
  void clearFaultsRemovesEverythingButKeepsCounters() {
    faulty
        .failNext(ObjectStoreOp.PUT, Fault.FAIL_BEFORE, 1)
        .failAlways(ObjectStoreOp.GET, key -> true, Fault.FAIL_BEFORE)
        .failRandomly(1.0, 7)
        .delay(ObjectStoreOp.LIST, Duration.ofSeconds(1));
    assertThatThrownBy(() -> faulty.put("a/k", bytes("x")))
        .isInstanceOf(ObjectStoreException.class);
    faulty.clearFaults();
    faulty.put("a/k", bytes("x"));
    assertThat(faulty.get("a/k")).isPresent();
    assertThat(faulty.list("a/")).hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(faulty.injectedTotal()).isEqualTo(1);
  }

  @Test
  void describesAndExposesTheWrappedStore() {
    assertThat(faulty.describe()).isEqualTo(memory.describe());
    assertThat(faulty.delegate()).isSameAs(memory);
  }
}
