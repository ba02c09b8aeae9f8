package dev.apiary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateOnlyProbeTest {

  /** A store whose create-only writes overwrite, as a store that ignores If-None-Match does. */
  private static final class OverwritingStore implements ObjectStore {
    private final MemoryObjectStore delegate = new MemoryObjectStore();

    @Override
    public Optional<byte[]> get(String key) {
      return delegate.get(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
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
    public boolean putIfAbsent(String key, byte[] content) {
      delegate.put(key, content);
      return true;
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
      return "overwriting://test";
    }
  }

  @Test
  void aStoreThatHonoursCreateOnlyPassesAndKeepsNothing() {
    MemoryObjectStore store = new MemoryObjectStore();
    assertThat(CreateOnlyProbe.violation(store)).isEmpty();
    assertThat(CreateOnlyProbe.requireForMultipleWriters(store, Map.of())).isTrue();
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void aStoreThatOverwritesIsReportedAndCleanedUp() {
    OverwritingStore store = new OverwritingStore();
    assertThat(CreateOnlyProbe.violation(store))
        .hasValueSatisfying(
            v ->
                assertThat(v)
                    .matches(
                        "a second create of probe key '_probes/create-only-[0-9a-f-]{36}'"
                            + " succeeded instead of being refused"));
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void multiWriterOperationIsRefusedWithAMessageNamingTheStoreAndTheWayOut() {
    OverwritingStore store = new OverwritingStore();
    assertThatThrownBy(() -> CreateOnlyProbe.requireForMultipleWriters(store, Map.of()))
        .isInstanceOf(ApiaryException.class)
        .satisfies(e -> assertThat(((ApiaryException) e).category()).isEqualTo(ErrorCategory.USER))
        .hasMessageStartingWith(
            "Storage " + store.describe() + " does not honour create-only writes: a second create")
        .hasMessageEndingWith(
            "so this node refuses to start. Use a store that supports conditional writes"
                + " (If-None-Match: *, e.g. AWS S3, Cloudflare R2 or a recent MinIO), or, if this"
                + " is the only node that will ever write to this storage, set"
                + " APIARY_SINGLE_WRITER=1");
  }

  @Test
  void aFailingStoreReportsTheProbeFailureNotTheCleanUpFailure() {
    FaultInjectingObjectStore failing = new FaultInjectingObjectStore(new MemoryObjectStore());
    failing.failAlways(
        ObjectStoreOp.PUT_IF_ABSENT, key -> true, FaultInjectingObjectStore.Fault.FAIL_BEFORE);
    failing.failAlways(
        ObjectStoreOp.DELETE, key -> true, FaultInjectingObjectStore.Fault.FAIL_BEFORE);
    assertThatThrownBy(() -> CreateOnlyProbe.violation(failing))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("putIfAbsent")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
  }

  @Test
  void aDeclaredSingleWriterMayUseAStoreThatOverwrites() {
    OverwritingStore store = new OverwritingStore();
    assertThat(
            CreateOnlyProbe.requireForMultipleWriters(store, Map.of("APIARY_SINGLE_WRITER", "1")))
        .isFalse();
    assertThat(
            CreateOnlyProbe.requireForMultipleWriters(
                store, Map.of("APIARY_SINGLE_WRITER", "true")))
        .isFalse();
    assertThatThrownBy(
            () ->
                CreateOnlyProbe.requireForMultipleWriters(
                    store, Map.of("APIARY_SINGLE_WRITER", "0")))
        .isInstanceOf(ApiaryException.class);
  }
}
