package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.runtime.cache.LocalCacheDisk;
import dev.apiary.storage.FaultInjectingObjectStore;
import dev.apiary.storage.FaultInjectingObjectStore.Fault;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectStoreOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query that storage fails is abandoned and tried again, up to three trials. */
class AbandonmentNodeTest {
  private static final Predicate<String> CELLS = key -> key.contains("/part-");

  @TempDir Path dir;
  final FaultInjectingObjectStore store = new FaultInjectingObjectStore(new MemoryObjectStore());
  final List<Apiary> nodes = new ArrayList<>();
  Apiary reader;

  private Apiary node(String name) {
    Apiary node =
        new Apiary(
            ApiaryConfig.named("abandon")
                .withStorage("memory://")
                .withNodeDirectory(dir.resolve(name))
                .withResources(2, 1L << 30),
            store,
            LocalCacheDisk::new);
    nodes.add(node);
    return node.start();
  }

  @BeforeEach
  void setUp() throws Exception {
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "id,v\n1,10\n2,20\n3,30\n");
    node("writer").load(csv, "h", "b", "t", Optional.of(List.of()), rows -> {});
    reader = node("reader"); // its own cache: the cell must be downloaded
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(Apiary::shutdown);
  }

  private List<List<String>> rows(String sql) {
    try (QueryResult result = reader.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  @Test
  void aQueryWhoseCellDownloadFailsOnceIsRetriedAndSucceeds() {
    store.failNext(ObjectStoreOp.GET, CELLS, Fault.FAIL_BEFORE, 1);
    store.failNext(ObjectStoreOp.GET_RANGE, CELLS, Fault.FAIL_BEFORE, 1);
    assertThat(rows("SELECT sum(v) FROM h.b.t")).containsExactly(List.of("60"));
    assertThat(reader.colonyStatus().abandonedTasks()).isEqualTo(1);
  }

  @Test
  void aQueryThatStorageFailsThreeTimesListsEveryAttempt() {
    store.failAlways(ObjectStoreOp.GET, CELLS, Fault.FAIL_BEFORE);
    store.failAlways(ObjectStoreOp.GET_RANGE, CELLS, Fault.FAIL_BEFORE);
    String node = reader.status().nodeId();
    assertThatThrownBy(() -> rows("SELECT sum(v) FROM h.b.t"))
        .isInstanceOf(ApiaryException.class)
        .satisfies(
            e -> assertThat(((ApiaryException) e).category()).isEqualTo(ErrorCategory.EXTERNAL))
        .hasMessageStartingWith(
            "Task the statement failed 3 times: attempt 1 on node " + node + ": ")
        .hasMessageContaining("; attempt 2 on node " + node + ": ")
        .hasMessageContaining("; attempt 3 on node " + node + ": ");
    assertThat(reader.colonyStatus().abandonedTasks()).isEqualTo(3);
    store.clearFaults();
    assertThat(rows("SELECT count(*) FROM h.b.t")).containsExactly(List.of("3"));
    // A wrong query fails at once, the same way every time: nothing is abandoned.
    assertThatThrownBy(() -> rows("SELECT nope FROM h.b.t"))
        .isInstanceOf(ApiaryException.class)
        .hasMessageContaining("nope");
    assertThat(reader.colonyStatus().abandonedTasks()).isEqualTo(3);
  }
}
