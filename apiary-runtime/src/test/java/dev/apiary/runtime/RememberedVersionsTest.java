package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.InvalidInputException;
import dev.apiary.runtime.cache.LocalCacheDisk;
import dev.apiary.storage.CountingObjectStore;
import dev.apiary.storage.FaultInjectingObjectStore;
import dev.apiary.storage.FaultInjectingObjectStore.Fault;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStoreOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm statement runs on the catalog and frame versions its node remembers while storage is asked
 * whether they are still the latest; it answers only what a statement that asked first would have
 * answered. Two nodes share one store here: {@code writer} changes things, {@code reader} must see
 * every change that returned before its statement began.
 */
class RememberedVersionsTest {
  /** The catalog's versions and the frame logs: what a statement asks storage about. */
  private static final Predicate<String> METADATA =
      key -> key.startsWith("_registry/") || key.contains("_delta_log/");

  @TempDir Path dir;
  final FaultInjectingObjectStore store = new FaultInjectingObjectStore(new MemoryObjectStore());
  final List<Apiary> nodes = new ArrayList<>();
  Apiary writer;
  Apiary reader;
  CountingObjectStore readerRequests;

  private Apiary node(String name, ObjectStore on) {
    Apiary node =
        new Apiary(
            ApiaryConfig.named("remembered")
                .withStorage("memory://")
                .withNodeDirectory(dir.resolve(name))
                .withResources(2, 1L << 30),
            on,
            LocalCacheDisk::new);
    nodes.add(node);
    return node.start();
  }

  @BeforeEach
  void setUp() throws Exception {
    writer = node("writer", store);
    readerRequests = new CountingObjectStore(store);
    reader = node("reader", readerRequests);
    writer.createHive("h");
    writer.createBox("h", "b");
    writer.createFrame("h", "b", "t", Map.of("id", "int64"), List.of());
    load("t", "id\n1\n2\n");
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(Apiary::shutdown);
  }

  private void load(String frame, String csv) throws Exception {
    Path file = Files.createTempFile(dir, frame, ".csv");
    Files.writeString(file, csv);
    writer.load(file, "h", "b", frame, Optional.empty(), n -> {});
  }

  /** The rows of a statement on the reader, and the phases it went through. */
  private record Answer(List<List<String>> rows, Map<String, Long> phases) {}

  private Answer ask(String sql) {
    try (QueryResult result = reader.sql(sql)) {
      return new Answer(ResultRows.of(result.reader()), result.timingsMicros());
    }
  }

  @Test
  void aWarmStatementRunsOnRememberedVersionsThatStorageConfirms() {
    Answer cold = ask("SELECT count(*) FROM h.b.t");
    assertThat(cold.rows()).containsExactly(List.of("2"));
    assertThat(cold.phases())
        .as("the reader's remembered catalog is from before the frame was made")
        .doesNotContainKeys("check", "discarded");

    Answer warm = ask("SELECT count(*) FROM h.b.t");
    assertThat(warm.rows()).containsExactly(List.of("2"));
    assertThat(warm.phases()).containsKey("check").doesNotContainKey("discarded");
    assertThat(List.copyOf(warm.phases().keySet()))
        .as("phases in the order they ran")
        .containsExactly(
            "parse", "analyse", "snapshot", "prune", "fetch", "bees", "setup", "execute", "check");
  }

  @Test
  void anotherNodesCommitDiscardsTheGuessAndTheStatementRunsAgainOnTheLatestVersion()
      throws Exception {
    ask("SELECT count(*) FROM h.b.t");
    ask("SELECT count(*) FROM h.b.t");

    load("t", "id\n3\n");
    long changed = System.nanoTime();

    Answer after = ask("SELECT count(*), max(id) FROM h.b.t");
    assertThat(after.rows()).containsExactly(List.of("3", "3"));
    assertThat(after.phases()).containsKeys("discarded");
    Answer next = ask("SELECT count(*) FROM h.b.t");
    assertThat(next.rows()).containsExactly(List.of("3"));
    if (System.nanoTime() - changed < 1_500_000_000L) {
      assertThat(next.phases())
          .as("a frame that just changed is asked about first for a while")
          .doesNotContainKeys("check", "discarded");
    }
  }

  @Test
  void aFrameAnotherNodeCreatedIsFoundThoughTheRememberedCatalogLacksIt() throws Exception {
    ask("SELECT count(*) FROM h.b.t");
    writer.createFrame("h", "b", "u", Map.of("name", "string"), List.of());
    load("u", "name\nbee\n");

    Answer answer = ask("SELECT name FROM h.b.u");

    assertThat(answer.rows()).containsExactly(List.of("bee"));
    assertThat(answer.phases())
        .as("a frame missing from the remembered catalog is asked about first")
        .doesNotContainKeys("check", "discarded");
  }

  @Test
  void aFrameDroppedAndRecreatedWithAnotherSchemaIsReadAsItIsNow() throws Exception {
    ask("SELECT * FROM h.b.t");
    ask("SELECT * FROM h.b.t");
    writer.dropFrame("h", "b", "t");
    writer.createFrame("h", "b", "t", Map.of("name", "string"), List.of());
    load("t", "name\nwasp\n");

    Answer answer = ask("SELECT * FROM h.b.t");

    assertThat(answer.rows()).containsExactly(List.of("wasp"));
    assertThat(answer.phases()).containsKey("discarded");
  }

  @Test
  void aStatementThatFailsOnConfirmedVersionsReportsItsOwnError() {
    ask("SELECT count(*) FROM h.b.t");

    assertThatThrownBy(() -> ask("SELECT nope FROM h.b.t"))
        .isInstanceOf(ApiaryException.class)
        .hasMessageContaining("nope");
    assertThat(reader.colonyStatus().abandonedTasks()).isZero();
  }

  @Test
  void aStatementWhoseCheckFailsReturnsNoRows() {
    ask("SELECT count(*) FROM h.b.t");
    ask("SELECT count(*) FROM h.b.t");

    // The remembered versions are there, and the cell is cached: only the check can fail.
    store.failAlways(ObjectStoreOp.GET, METADATA, Fault.FAIL_BEFORE);
    store.failAlways(ObjectStoreOp.HEAD, METADATA, Fault.FAIL_BEFORE);

    assertThatThrownBy(() -> ask("SELECT count(*) FROM h.b.t"))
        .isInstanceOf(ApiaryException.class)
        .satisfies(
            e -> assertThat(((ApiaryException) e).category()).isEqualTo(ErrorCategory.EXTERNAL));
    store.clearFaults();
    assertThat(ask("SELECT count(*) FROM h.b.t").rows()).containsExactly(List.of("2"));
  }

  private List<List<String>> read(Map<String, String> partitionFilter) {
    try (QueryResult result = reader.read("h", "b", "t", partitionFilter)) {
      return ResultRows.of(result.reader());
    }
  }

  @Test
  void aWarmReadOfAFrameAsksStorageOnlyWhatAWarmQueryAsks() {
    read(Map.of());
    ask("SELECT count(*) FROM h.b.t");
    readerRequests.reset();
    ask("SELECT count(*) FROM h.b.t");
    long query = readerRequests.total();
    readerRequests.reset();

    assertThat(read(Map.of())).containsExactlyInAnyOrder(List.of("1"), List.of("2"));

    assertThat(readerRequests.total()).as("requests of a warm read").isEqualTo(query);
  }

  @Test
  void aReadFilteredOnAColumnThatBecameAPartitionColumnElsewhereWorks() throws Exception {
    read(Map.of());
    writer.dropFrame("h", "b", "t");
    writer.createFrame("h", "b", "t", Map.of("id", "int64", "p", "string"), List.of("p"));
    load("t", "id,p\n7,x\n8,y\n");

    List<List<String>> rows = read(Map.of("p", "x"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsExactlyInAnyOrder("7", "x");
  }

  @Test
  void aReadFilteredOnAColumnThatIsNoLongerAPartitionColumnIsRefused() throws Exception {
    writer.createFrame("h", "b", "parted", Map.of("id", "int64", "p", "string"), List.of("p"));
    try (QueryResult result = reader.read("h", "b", "parted", Map.of("p", "x"))) {
      assertThat(ResultRows.of(result.reader())).isEmpty();
    }
    writer.dropFrame("h", "b", "parted");
    writer.createFrame("h", "b", "parted", Map.of("id", "int64", "p", "string"), List.of());
    load("parted", "id,p\n7,x\n");

    assertThatThrownBy(() -> reader.read("h", "b", "parted", Map.of("p", "x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'p' is not a partition column of h.b.parted");
  }
}
