package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.catalog.Catalog;
import dev.apiary.catalog.CatalogView;
import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.error.InvalidInputException;
import dev.apiary.storage.CountingObjectStore;
import dev.apiary.storage.MemoryObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements reusing recent catalog and log answers ({@link FreshnessWindow}), opt-in only. */
class FreshnessWindowTest {
  private static final Function<CatalogView, List<FrameEntry>> ORDERS =
      view -> view.findFrame("h", "b", "orders").stream().toList();

  @TempDir Path scratch;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private MemoryObjectStore memory;
  private CountingObjectStore store;
  private FrameLogs logs;
  private Catalog catalog;

  @BeforeEach
  void setUp() {
    memory = new MemoryObjectStore();
    store = new CountingObjectStore(memory);
    logs = new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch));
    catalog = Catalog.open(store);
    catalog.createHive("h");
    catalog.createBox("h", "b");
    FrameEntry orders =
        catalog.createFrame("h", "b", "orders", FrameDefinition.of(TestFrames.schema()));
    new FrameTables(logs).log(orders).commit(append("orders-1.parquet"));
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private static WriteOperation append(String path) {
    return WriteOperation.append(List.of(TestFrames.cell(path, 1)));
  }

  private static List<String> readOrders(FrameTables tables, Catalog from) {
    FrameRead read = tables.read(from, ORDERS);
    Snapshot snapshot = read.snapshots(ORDERS.apply(read.view())).get(0);
    return snapshot.files().stream().map(DataFile::path).toList();
  }

  /** Another node (its own catalog and logs on the same storage) appends to orders. */
  private void appendOnAnotherNode(String path) {
    Catalog other = Catalog.open(memory);
    try (FrameLogs otherLogs = new FrameLogs(memory, LogOptions.defaults())) {
      new FrameTables(otherLogs).log(other.frame("h", "b", "orders")).commit(append(path));
    }
  }

  @Test
  void byDefaultEveryStatementChecksStorageAndSeesAnotherNodesCommitAtOnce() {
    FrameTables tables = new FrameTables(logs);
    readOrders(tables, catalog);
    appendOnAnotherNode("orders-2.parquet");

    store.reset();
    assertThat(readOrders(tables, catalog))
        .containsExactlyInAnyOrder("orders-1.parquet", "orders-2.parquet");
    // HEAD of the next catalog version, GET of commit 2 (found) and of commit 3.
    assertThat(store.total()).isEqualTo(3);

    store.reset();
    readOrders(tables, catalog);
    assertThat(store.total()).as("requests of an unchanged read, checked again").isEqualTo(2);
  }

  @Test
  void withinTheWindowAStatementReusesWhatItReadAndSeesACommitOnceTheWindowPassed() {
    FrameTables tables = new FrameTables(logs, new FreshnessWindow(Duration.ofSeconds(5), clock));
    readOrders(tables, catalog);
    appendOnAnotherNode("orders-2.parquet");

    store.reset();
    clock.advance(Duration.ofMillis(4_999));
    assertThat(readOrders(tables, catalog)).containsExactly("orders-1.parquet");
    assertThat(store.total()).as("requests within the window").isZero();

    clock.advance(Duration.ofMillis(1));
    assertThat(readOrders(tables, catalog))
        .containsExactlyInAnyOrder("orders-1.parquet", "orders-2.parquet");
    assertThat(store.total()).as("requests once the window passed").isEqualTo(3);
  }

  @Test
  void withinTheWindowTheNodesOwnCommitIsSeenAtOnce() {
    FrameTables tables = new FrameTables(logs, new FreshnessWindow(Duration.ofMinutes(1), clock));
    readOrders(tables, catalog);
    tables.log(catalog.frame("h", "b", "orders")).commit(append("orders-2.parquet"));

    store.reset();
    assertThat(readOrders(tables, catalog))
        .containsExactlyInAnyOrder("orders-1.parquet", "orders-2.parquet");
    assertThat(store.total()).isZero();
  }

  @Test
  void negativeWindowIsRejected() {
    assertThatThrownBy(() -> new FreshnessWindow(Duration.ofSeconds(-1), clock))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "The freshness window must be zero (always check storage) or positive, got PT-1S");
  }
}
