package dev.apiary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The counting decorator passes the whole contract and counts every call by kind. */
class CountingObjectStoreTest extends ObjectStoreContractTest {
  @Override
  protected ObjectStore newStore() {
    return new CountingObjectStore(new MemoryObjectStore());
  }

  @Test
  void countsEachKindOfCall() {
    CountingObjectStore counting = new CountingObjectStore(new MemoryObjectStore());
    counting.put("a/k", bytes("x"));
    counting.putIfAbsent("a/k", bytes("y"));
    counting.putIfAbsent("a/j", bytes("y"));
    counting.get("a/k");
    counting.get("a/missing");
    counting.getRange("a/k", 0, 1);
    counting.head("a/k");
    counting.list("a/");
    counting.list("a/", "a/j");
    counting.delete("a/k");

    assertThat(counting.count(ObjectStoreOp.PUT)).isEqualTo(1);
    assertThat(counting.count(ObjectStoreOp.PUT_IF_ABSENT)).isEqualTo(2);
    assertThat(counting.count(ObjectStoreOp.GET)).isEqualTo(2);
    assertThat(counting.count(ObjectStoreOp.GET_RANGE)).isEqualTo(1);
    assertThat(counting.count(ObjectStoreOp.HEAD)).isEqualTo(1);
    assertThat(counting.count(ObjectStoreOp.LIST)).isEqualTo(2);
    assertThat(counting.count(ObjectStoreOp.DELETE)).isEqualTo(1);
    assertThat(counting.total()).isEqualTo(10);
    assertThat(counting)
        .hasToString(
            "CountingObjectStore[GET=2, GET_RANGE=1, HEAD=1, PUT=1, PUT_IF_ABSENT=2, LIST=2,"
                + " DELETE=1]");
  }

  @Test
  void countsCallsThatThrow() {
    CountingObjectStore counting = new CountingObjectStore(new MemoryObjectStore());
    assertThatThrownBy(() -> counting.getRange("a/missing", 0, 1))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThatThrownBy(() -> counting.get("/bad")).isInstanceOf(InvalidInputException.class);
    assertThat(counting.count(ObjectStoreOp.GET_RANGE)).isEqualTo(1);
    assertThat(counting.count(ObjectStoreOp.GET)).isEqualTo(1);
  }

  @Test
  void resetStartsAgainFromZero() {
    CountingObjectStore counting = new CountingObjectStore(new MemoryObjectStore());
    counting.put("a/k", bytes("x"));
    counting.list("");
    counting.reset();
    assertThat(counting.total()).isZero();
    assertThat(counting.count(ObjectStoreOp.PUT)).isZero();
    counting.get("a/k");
    assertThat(counting.total()).isEqualTo(1);
    assertThat(counting.count(ObjectStoreOp.LIST)).isZero();
  }

  @Test
  void describesAndClosesTheCountedStore() {
    MemoryObjectStore memory = new MemoryObjectStore();
    CountingObjectStore counting = new CountingObjectStore(memory);
    assertThat(counting.describe()).isEqualTo(memory.describe());
    assertThat(counting.delegate()).isSameAs(memory);
  }
}
