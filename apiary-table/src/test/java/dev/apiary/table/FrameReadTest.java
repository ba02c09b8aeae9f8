package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.catalog.Catalog;
import dev.apiary.catalog.CatalogView;
import dev.apiary.catalog.DropMode;
import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.storage.CountingObjectStore;
import dev.apiary.storage.FaultInjectingObjectStore;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.ObjectStoreOp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the catalog and the frame logs of a statement together ({@link FrameTables#read}). */
class FrameReadTest {
  private static final Function<CatalogView, List<FrameEntry>> ORDERS_AND_ITEMS =
      view ->
          List.of("orders", "items").stream()
              .flatMap(name -> view.findFrame("h", "b", name).stream())
              .toList();

  @TempDir Path scratch;
  private MemoryObjectStore memory;

  /** The latch of the current rendezvous of delayed requests. */
  private final AtomicReference<CountDownLatch> rendezvous = new AtomicReference<>();

  private final AtomicInteger waitedAlone = new AtomicInteger();
  private FaultInjectingObjectStore faulty;
  private CountingObjectStore store;
  private FrameLogs logs;
  private FrameTables tables;
  private Catalog catalog;

  @BeforeEach
  void setUp() {
    memory = new MemoryObjectStore();
    // Every delayed request waits until all the requests of the rendezvous are in flight.
    faulty =
        new FaultInjectingObjectStore(
            memory,
            delay -> {
              CountDownLatch latch = rendezvous.get();
              latch.countDown();
              if (!latch.await(5, TimeUnit.SECONDS)) {
                waitedAlone.incrementAndGet();
              }
            });
    store = new CountingObjectStore(faulty);
    logs = new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch));
    tables = new FrameTables(logs);
    catalog = Catalog.open(store);
    catalog.createHive("h");
    catalog.createBox("h", "b");
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private FrameEntry create(String name) {
    return catalog.createFrame("h", "b", name, FrameDefinition.of(TestFrames.schema()));
  }

  private void append(FrameTables on, FrameEntry entry, String path) {
    on.log(entry).commit(WriteOperation.append(List.of(TestFrames.cell(path, 1))));
  }

  private List<Snapshot> readOrdersAndItems(FrameTables on, Catalog from) {
    FrameRead read = on.read(from, ORDERS_AND_ITEMS);
    return read.snapshots(ORDERS_AND_ITEMS.apply(read.view()));
  }

  private static List<String> paths(Snapshot snapshot) {
    return snapshot.files().stream().map(DataFile::path).toList();
  }

  @Test
  void catalogRefreshAndLogProbesAreInFlightAtTheSameTime() {
    append(tables, create("orders"), "orders-1.parquet");
    append(tables, create("items"), "items-1.parquet");
    readOrdersAndItems(tables, catalog);

    // Warm, the read is one HEAD for the next catalog version and one GET per frame for its next
    // commit; each waits until all three are in flight, which only happens if they overlap.
    rendezvous.set(new CountDownLatch(3));
    faulty.delay(ObjectStoreOp.HEAD, Duration.ofNanos(1));
    faulty.delay(ObjectStoreOp.GET, Duration.ofNanos(1));
    store.reset();
    List<Snapshot> snapshots = readOrdersAndItems(tables, catalog);

    assertThat(waitedAlone.get()).as("requests that waited in vain for the others").isZero();
    assertThat(store.total()).as("requests of a warm read of two frames").isEqualTo(3);
    assertThat(snapshots.get(0).files()).extracting(DataFile::path).contains("orders-1.parquet");
    assertThat(snapshots.get(1).files()).extracting(DataFile::path).contains("items-1.parquet");
  }

  @Test
  void snapshotsProbedDuringTheRefreshAreNotProbedAgain() {
    append(tables, create("orders"), "orders-1.parquet");
    append(tables, create("items"), "items-1.parquet");
    readOrdersAndItems(tables, catalog);
    // Another node changes the catalog (a new frame) and appends to orders.
    Catalog other = Catalog.open(memory);
    try (FrameLogs otherLogs = new FrameLogs(memory, LogOptions.defaults())) {
      FrameTables otherTables = new FrameTables(otherLogs);
      other.createFrame("h", "b", "extra", FrameDefinition.of(TestFrames.schema()));
      append(otherTables, other.frame("h", "b", "orders"), "orders-2.parquet");
    }

    store.reset();
    List<Snapshot> snapshots = readOrdersAndItems(tables, catalog);

    assertThat(paths(snapshots.get(0)))
        .containsExactlyInAnyOrder("orders-1.parquet", "orders-2.parquet");
    assertThat(paths(snapshots.get(1))).containsExactly("items-1.parquet");
    // Catalog: HEAD v+1 (found), HEAD v+2, HEAD v+3 (gallop), GET v+1. Logs: orders GETs commit 2
    // (found) and 3, items GETs commit 2; none of them again after the refresh.
    assertThat(store.count(ObjectStoreOp.GET)).isEqualTo(4);
    assertThat(store.total()).isEqualTo(7);
  }

  @Test
  void frameRecreatedOnAnotherNodeIsNotServedFromItsSpeculativeProbe() {
    FrameEntry old = create("orders");
    append(tables, old, "old-1.parquet");
    append(tables, create("items"), "items-1.parquet");
    readOrdersAndItems(tables, catalog);

    // Another node drops orders, purges its data and recreates it at the same location with
    // three commits, so probing forward from the cached version 1 finds commit 2 of the new table.
    Catalog other = Catalog.open(memory);
    try (FrameLogs otherLogs = new FrameLogs(memory, LogOptions.defaults())) {
      other.dropFrame("h", "b", "orders");
      for (ObjectInfo info : memory.list(old.location())) {
        memory.delete(info.key());
      }
      FrameEntry recreated =
          other.createFrame("h", "b", "orders", FrameDefinition.of(TestFrames.schema()));
      FrameTables otherTables = new FrameTables(otherLogs);
      for (int i = 1; i <= 3; i++) {
        append(otherTables, recreated, "new-" + i + ".parquet");
      }
    }

    FrameRead read = tables.read(catalog, ORDERS_AND_ITEMS);
    List<Snapshot> snapshots = read.snapshots(ORDERS_AND_ITEMS.apply(read.view()));

    FrameEntry current = read.view().frame("h", "b", "orders");
    assertThat(current.tableId()).isNotEqualTo(old.tableId());
    assertThat(snapshots.get(0).metadata().tableId()).isEqualTo(current.tableId());
    assertThat(snapshots.get(0).version()).isEqualTo(3);
    assertThat(paths(snapshots.get(0)))
        .containsExactlyInAnyOrder("new-1.parquet", "new-2.parquet", "new-3.parquet");
    assertThat(paths(snapshots.get(1))).containsExactly("items-1.parquet");
  }

  @Test
  void speculativeProbeOfAFrameWithoutLogWritesNothing() {
    // The frame's creator died after the catalog commit, before writing commit 0.
    FrameEntry orders = create("orders");
    store.reset();

    FrameRead read = tables.read(catalog, ORDERS_AND_ITEMS);
    assertThat(store.count(ObjectStoreOp.PUT) + store.count(ObjectStoreOp.PUT_IF_ABSENT))
        .as("writes while the catalog refreshed")
        .isZero();
    assertThat(memory.list(orders.location())).isEmpty();

    // The snapshot itself completes the frame, as FrameTables.snapshots does.
    List<Snapshot> snapshots = read.snapshots(ORDERS_AND_ITEMS.apply(read.view()));
    assertThat(snapshots.get(0).version()).isZero();
    assertThat(snapshots.get(0).metadata().tableId()).isEqualTo(orders.tableId());
  }

  @Test
  void failedSpeculativeProbeIsRepeatedAndItsErrorReportedBySnapshots() {
    append(tables, create("orders"), "orders-1.parquet");
    readOrdersAndItems(tables, catalog);
    faulty.failAlways(
        ObjectStoreOp.GET,
        key -> key.startsWith("h/b/orders/_delta_log/"),
        FaultInjectingObjectStore.Fault.FAIL_BEFORE);

    FrameRead read = tables.read(catalog, ORDERS_AND_ITEMS);
    long failedBefore = faulty.injected(ObjectStoreOp.GET);
    assertThat(failedBefore).as("the speculative probe failed").isEqualTo(1);

    assertThatThrownBy(() -> read.snapshots(ORDERS_AND_ITEMS.apply(read.view())))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("h/b/orders/_delta_log/00000000000000000002.json");
    assertThat(faulty.injected(ObjectStoreOp.GET)).isEqualTo(2);
  }

  @Test
  void droppedFrameStillFailsItsLookupInTheRefreshedCatalog() {
    append(tables, create("orders"), "orders-1.parquet");
    readOrdersAndItems(tables, catalog);
    Catalog.open(memory).dropHive("h", DropMode.CASCADE);

    FrameRead read = tables.read(catalog, ORDERS_AND_ITEMS);

    assertThat(read.view().findFrame("h", "b", "orders")).isEmpty();
    assertThat(read.snapshots(ORDERS_AND_ITEMS.apply(read.view()))).isEmpty();
  }

  @Test
  void rememberedReadCostsNoRequestAndNeedsEveryFramesLogReadBefore() {
    append(tables, create("orders"), "orders-1.parquet");
    append(tables, create("items"), "items-1.parquet");
    try (FrameLogs otherLogs = new FrameLogs(store, LogOptions.defaults())) {
      FrameTables fresh = new FrameTables(otherLogs);
      store.reset();

      assertThat(fresh.remembered(catalog, ORDERS_AND_ITEMS))
          .as("no log read by this instance yet")
          .isEmpty();
      readOrdersAndItems(fresh, catalog);
      store.reset();
      FrameRead guess = fresh.remembered(catalog, ORDERS_AND_ITEMS).orElseThrow();
      List<FrameEntry> entries = ORDERS_AND_ITEMS.apply(guess.view());
      assertThat(guess.holds(entries)).isTrue();
      assertThat(guess.snapshots(entries)).extracting(Snapshot::version).containsExactly(1L, 1L);
      assertThat(store.total()).as("requests of a remembered read").isZero();
    }
  }

  @Test
  void rememberedReadIsNotOfferedWithAFreshnessWindow() {
    append(tables, create("orders"), "orders-1.parquet");
    FrameTables windowed =
        new FrameTables(
            logs, new FreshnessWindow(Duration.ofMinutes(1), new ManualClock(Instant.EPOCH)));
    readOrdersAndItems(windowed, catalog);

    assertThat(windowed.remembered(catalog, ORDERS_AND_ITEMS)).isEmpty();
  }

  @Test
  void latestReadAgreesWithTheGuessUntilAnotherNodeCommits() {
    append(tables, create("orders"), "orders-1.parquet");
    append(tables, create("items"), "items-1.parquet");
    readOrdersAndItems(tables, catalog);

    FrameRead guess = tables.remembered(catalog, ORDERS_AND_ITEMS).orElseThrow();
    List<FrameEntry> entries = ORDERS_AND_ITEMS.apply(guess.view());
    assertThat(tables.readAsync(catalog, ORDERS_AND_ITEMS).await().agrees(guess, entries)).isTrue();

    Catalog other = Catalog.open(memory);
    try (FrameLogs otherLogs = new FrameLogs(memory, LogOptions.defaults())) {
      append(new FrameTables(otherLogs), other.frame("h", "b", "items"), "items-2.parquet");
    }
    FrameRead latest = tables.readAsync(catalog, ORDERS_AND_ITEMS).await();
    assertThat(latest.agrees(guess, entries)).as("items moved to version 2").isFalse();
    assertThat(latest.agrees(guess, entries.subList(0, 1)))
        .as("a statement that read only orders")
        .isTrue();

    FrameRead second = tables.remembered(catalog, ORDERS_AND_ITEMS).orElseThrow();
    other.createFrame("h", "b", "unrelated", FrameDefinition.of(TestFrames.schema()));
    assertThat(tables.readAsync(catalog, ORDERS_AND_ITEMS).await().agrees(second, List.of()))
        .as("the catalog moved on: every lookup may differ")
        .isFalse();
  }

  @Test
  void pendingReadReportsWhatReadWouldThrow() {
    append(tables, create("orders"), "orders-1.parquet");
    readOrdersAndItems(tables, catalog);
    faulty.failAlways(
        ObjectStoreOp.HEAD,
        key -> key.startsWith("_registry/"),
        FaultInjectingObjectStore.Fault.FAIL_BEFORE);

    FrameTables.PendingRead pending = tables.readAsync(catalog, ORDERS_AND_ITEMS);

    assertThatThrownBy(pending::await).isInstanceOf(ObjectStoreException.class);
    assertThatThrownBy(() -> tables.read(catalog, ORDERS_AND_ITEMS))
        .isInstanceOf(ObjectStoreException.class);
  }
}
