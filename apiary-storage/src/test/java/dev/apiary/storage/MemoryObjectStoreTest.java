package dev.apiary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MemoryObjectStoreTest extends ObjectStoreContractTest {
  @Override
  protected ObjectStore newStore() {
    return new MemoryObjectStore();
  }

  @Test
  void lastModifiedComesFromTheInjectedClock() {
    Instant now = Instant.parse("2024-05-06T07:08:09Z");
    ObjectStore clocked = new MemoryObjectStore(Clock.fixed(now, ZoneOffset.UTC));
    clocked.put("a/k", bytes("x"));
    assertThat(clocked.head("a/k").orElseThrow().lastModified()).isEqualTo(now);
    assertThat(clocked.list("a/").get(0).lastModified()).isEqualTo(now);
  }

  @Test
  void describeNamesTheMemoryScheme() {
    assertThat(store.describe()).startsWith("memory://");
  }
}
