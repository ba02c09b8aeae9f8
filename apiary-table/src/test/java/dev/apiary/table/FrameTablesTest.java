package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes' frame tables on one store, while one of them drops and recreates a frame. */
class FrameTablesTest {
  @TempDir Path scratch;
  private MemoryObjectStore store;
  private FrameLogs nodeA;
  private FrameLogs nodeB;

  @BeforeEach
  void setUp() {
    store = new MemoryObjectStore();
    nodeA = new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch.resolve("a")));
    nodeB = new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch.resolve("b")));
  }

  @AfterEach
  void tearDown() {
    nodeA.close();
    nodeB.close();
  }

  private static FrameEntry entry() {
    return new FrameEntry(
        "h",
        "b",
        "events",
        FrameDefinition.of(TestFrames.schema()),
        UUID.randomUUID().toString(),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private void append(FrameTables tables, FrameEntry entry, String path, long n) {
    tables.log(entry).commit(WriteOperation.append(List.of(TestFrames.cell(path, Map.of(), n))));
  }

  private void purge(FrameEntry entry) {
    nodeA.evict(entry.location());
    for (ObjectInfo info : store.list(entry.location())) {
      store.delete(info.key());
    }
  }

  @Test
  void cachedLogOfADroppedFrameIsNotServedForItsRecreatedNamesake() {
    FrameTables a = new FrameTables(nodeA);
    FrameTables b = new FrameTables(nodeB);
    FrameEntry old = entry();
    append(a, old, "part-old-1.parquet", 1);
    assertThat(b.snapshot(old).files()).extracting(DataFile::path).contains("part-old-1.parquet");

    purge(old);
    FrameEntry recreated = entry();
    for (int i = 1; i <= 3; i++) {
      append(a, recreated, "part-new-" + i + ".parquet", i);
    }

    // Node B still caches the old table at version 1; probing forward from it would lay the new
    // table's commits 2 and 3 over the old state.
    Snapshot seen = b.snapshot(recreated);
    assertThat(seen.metadata().tableId()).isEqualTo(recreated.tableId());
    assertThat(seen.version()).isEqualTo(3);
    assertThat(seen.files())
        .extracting(DataFile::path)
        .containsExactlyInAnyOrder(
            "part-new-1.parquet", "part-new-2.parquet", "part-new-3.parquet");
    assertThat(b.log(recreated).snapshot().metadata().tableId()).isEqualTo(recreated.tableId());
  }

  @Test
  void staleCatalogEntryOfADroppedFrameIsAConflictNamingBothTableIds() {
    FrameTables a = new FrameTables(nodeA);
    FrameTables b = new FrameTables(nodeB);
    FrameEntry old = entry();
    append(a, old, "part-old-1.parquet", 1);
    purge(old);
    FrameEntry recreated = entry();
    append(a, recreated, "part-new-1.parquet", 1);

    assertThatThrownBy(() -> b.snapshot(old))
        .isInstanceOf(CommitConflictException.class)
        .hasMessage(
            "Frame h.b.events was dropped and recreated while this operation ran: its log at"
                + " 'h/b/events/' belongs to table id "
                + recreated.tableId()
                + ", the catalog names table id "
                + old.tableId()
                + "; retry");
  }

  @Test
  void snapshotsOfSeveralFramesProbeTheirLogsAtTheSameTime() throws Exception {
    java.util.concurrent.CountDownLatch inFlight = new java.util.concurrent.CountDownLatch(4);
    java.util.concurrent.atomic.AtomicInteger waitedAlone =
        new java.util.concurrent.atomic.AtomicInteger();
    dev.apiary.storage.FaultInjectingObjectStore slow =
        new dev.apiary.storage.FaultInjectingObjectStore(
            store,
            delay -> {
              inFlight.countDown();
              if (!inFlight.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                waitedAlone.incrementAndGet();
              }
            });
    try (FrameLogs node =
        new FrameLogs(slow, LogOptions.defaults().withScratchDirectory(scratch.resolve("c")))) {
      FrameTables tables = new FrameTables(node);
      List<FrameEntry> entries = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        FrameEntry entry =
            new FrameEntry(
                "h",
                "b",
                "f" + i,
                FrameDefinition.of(TestFrames.schema()),
                UUID.randomUUID().toString(),
                Instant.parse("2026-01-01T00:00:00Z"));
        append(tables, entry, "part-" + i + ".parquet", i);
        entries.add(entry);
      }
      // Each cached log now needs one probe (a GET for its next commit); each GET waits until
      // all four are in flight, which only happens if they run concurrently.
      slow.delay(dev.apiary.storage.ObjectStoreOp.GET, java.time.Duration.ofMillis(1));
      List<Snapshot> snapshots = tables.snapshots(entries);
      assertThat(waitedAlone.get()).as("probes that waited in vain for the others").isZero();
      assertThat(snapshots)
          .extracting(s -> s.files().iterator().next().path())
          .containsExactly("part-0.parquet", "part-1.parquet", "part-2.parquet", "part-3.parquet");
    }
  }
}
