package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.runtime.cache.CacheStatistics;
import dev.apiary.runtime.cache.FullDisk;
import dev.apiary.runtime.cache.KeyCountingStore;
import dev.apiary.runtime.cache.LocalCacheDisk;
import dev.apiary.storage.CountingObjectStore;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cell cache on every read path of a node over a remote-like store (memory, no local files):
 * what queries and reads fetch from storage, per cell.
 */
class CellCacheNodeTest {
  static final String SUMMARY = "SELECT day, count(*) AS n, sum(v) AS s FROM t GROUP BY day";

  @TempDir Path dir;
  final MemoryObjectStore memory = new MemoryObjectStore();
  final CountingObjectStore counting = new CountingObjectStore(memory);
  final KeyCountingStore store = new KeyCountingStore(counting);
  final List<Apiary> nodes = new ArrayList<>();
  Apiary writer;
  List<String> cells;
  List<List<String>> expected;

  Apiary node(String name, Apiary.CacheDisks disks) {
    Apiary node =
        new Apiary(
            ApiaryConfig.named("cache")
                .withStorage("memory://")
                .withNodeDirectory(dir.resolve(name))
                .withResources(2, 1L << 30)
                .withCacheBytes(64L << 20),
            store,
            disks);
    nodes.add(node);
    return node.start();
  }

  Apiary node(String name) {
    return node(name, LocalCacheDisk::new);
  }

  @BeforeEach
  void writeFivePartitions() throws Exception {
    writer = node("writer");
    StringBuilder csv = new StringBuilder("id,day,v\n");
    for (int i = 0; i < 500; i++) {
      csv.append(i).append(',').append(i % 5).append(',').append(i * 3).append('\n');
    }
    Path file = dir.resolve("t.csv");
    Files.writeString(file, csv);
    writer.load(file, "default", "default", "t", Optional.of(List.of("day")), n -> {});
    cells =
        memory.list("default/default/t/").stream()
            .map(ObjectInfo::key)
            .filter(key -> !key.contains("_delta_log"))
            .sorted()
            .toList();
    assertThat(cells).hasSize(5);
    expected = rows(writer, SUMMARY + " ORDER BY day");
    store.reset();
    counting.reset();
  }

  @AfterEach
  void shutDown() {
    nodes.forEach(Apiary::shutdown);
  }

  static List<List<String>> rows(Apiary node, String sql) {
    try (QueryResult result = node.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  Map<String, Integer> eachCellOnce() {
    return cells.stream().collect(Collectors.toMap(Function.identity(), key -> 1));
  }

  @Test
  void aColdQueryDownloadsEachNeededCellOnceAndAWarmQueryDownloadsNothing() {
    Apiary reader = node("reader");
    assertThat(rows(reader, SUMMARY + " ORDER BY day")).isEqualTo(expected);
    assertThat(store.cellReads()).isEqualTo(eachCellOnce());
    long cold = counting.total();
    String coldByOperation = counting.toString();

    store.reset();
    counting.reset();
    assertThat(rows(reader, SUMMARY + " ORDER BY day")).isEqualTo(expected);
    assertThat(store.cellReads()).isEmpty();
    long warm = counting.total();
    System.out.printf(
        "storage requests per query (5 cells, 1 commit): cold %d %s, warm %d %s%n",
        cold, coldByOperation, warm, counting);

    CacheStatistics stats = reader.status().cache();
    assertThat(stats.downloads()).isEqualTo(5);
    assertThat(stats.misses()).isEqualTo(5);
    assertThat(stats.hits()).isEqualTo(5);
    assertThat(stats.entries()).isEqualTo(5);
    long bytes = cells.stream().mapToLong(key -> memory.head(key).get().size()).sum();
    assertThat(stats.downloadedBytes()).isEqualTo(bytes);
    assertThat(stats.frames())
        .containsExactly(Map.entry("default.default.t", new CacheStatistics.FrameUsage(5, bytes)));
    assertThat(reader.cacheStatistics().sizeBytes()).isEqualTo(bytes);
  }

  @Test
  void heartbeatsSummariseTheCacheByFrame() throws Exception {
    Apiary reader = node("reader");
    assertThat(rows(reader, SUMMARY + " ORDER BY day")).isEqualTo(expected);
    String key = "_heartbeats/node_" + reader.status().nodeId() + ".json";
    long cachedBytes = reader.cacheStatistics().sizeBytes();
    assertThat(cachedBytes).isPositive();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String expectedSummary =
        "{\"size_bytes\":"
            + cachedBytes
            + ",\"frames\":{\"default.default.t\":{\"cells\":5,\"bytes\":"
            + cachedBytes
            + "}}}";
    // The heartbeat thread publishes every 5 s; wait for one after the query.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    String summary = "";
    while (!summary.equals(expectedSummary) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      Optional<byte[]> heartbeat = memory.get(key);
      if (heartbeat.isPresent()) {
        summary = json.readTree(heartbeat.get()).get("cache").toString();
      }
    }
    assertThat(summary).isEqualTo(expectedSummary);
  }

  @Test
  void aPrunedQueryDownloadsOnlyTheCellsItKeeps() {
    Apiary reader = node("reader");
    assertThat(rows(reader, "SELECT count(*) FROM t WHERE day = 2"))
        .containsExactly(List.of("100"));
    assertThat(store.cellReads()).hasSize(1);
    assertThat(store.cellReads().keySet().iterator().next()).contains("day=2/");
  }

  @Test
  void aQueryRightAfterAWriteDownloadsNothing() {
    assertThat(rows(writer, SUMMARY + " ORDER BY day")).isEqualTo(expected);
    assertThat(store.cellReads()).isEmpty();
    CacheStatistics stats = writer.cacheStatistics();
    assertThat(stats.writeThroughs()).isEqualTo(5);
    assertThat(stats.downloads()).isZero();
  }

  @Test
  void eightThreadsQueryingAColdFrameDownloadEachCellOnce() throws Exception {
    Apiary reader = node("reader");
    CountDownLatch gate = store.closeGate();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<List<String>>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(threads.submit(() -> rows(reader, SUMMARY + " ORDER BY day")));
      }
      // Cell downloads are held until all 8 statements have missed a cell, so they overlap.
      while (reader.cacheStatistics().misses() < 8 && results.stream().noneMatch(Future::isDone)) {
        Thread.onSpinWait();
      }
      gate.countDown();
      for (Future<List<List<String>>> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(store.cellReads()).isEqualTo(eachCellOnce());
    assertThat(reader.cacheStatistics().downloads()).isEqualTo(5);
  }

  @Test
  void restartingTheNodeKeepsTheCache() {
    Apiary reader = node("reader");
    rows(reader, SUMMARY);
    reader.shutdown();
    store.reset();

    Apiary restarted = node("reader");
    assertThat(restarted.cacheStatistics().entries()).isEqualTo(5);
    assertThat(rows(restarted, SUMMARY + " ORDER BY day")).isEqualTo(expected);
    assertThat(store.cellReads()).isEmpty();
    assertThat(restarted.cacheStatistics().hits()).isEqualTo(5);
  }

  @Test
  void readFromFrameGoesThroughTheCache() {
    Apiary reader = node("reader");
    try (QueryResult result = reader.read("default", "default", "t", Map.of("day", "3"))) {
      assertThat(ResultRows.of(result.reader())).hasSize(100);
    }
    try (QueryResult result = reader.read("default", "default", "t", Map.of())) {
      assertThat(ResultRows.of(result.reader())).hasSize(500);
    }
    assertThat(store.cellReads()).isEqualTo(eachCellOnce());
    store.reset();
    try (QueryResult result = reader.read("default", "default", "t", null)) {
      assertThat(ResultRows.of(result.reader())).hasSize(500);
    }
    assertThat(store.cellReads()).isEmpty();
  }

  @Test
  void aFullCacheDiskFailsQueriesClearlyButNeverAWrite() throws Exception {
    Path cacheDirectory = dir.resolve("full").resolve("cache");
    FullDisk disk = new FullDisk(cacheDirectory, 0);
    Apiary full = node("full", root -> disk);

    // The write commits: its cells are in storage, only the cache copy is skipped.
    Path file = dir.resolve("more.csv");
    Files.writeString(file, "id,day,v\n1000,7,1\n1001,7,2\n");
    WriteSummary summary = full.load(file, "default", "default", "t", Optional.empty(), n -> {});
    assertThat(summary.cellsWritten()).isEqualTo(1);
    assertThat(full.getFrame("default", "default", "t").rowCount()).isEqualTo(502);
    assertThat(full.cacheStatistics().writeThroughsSkipped()).isEqualTo(1);

    assertThatThrownBy(() -> rows(full, "SELECT count(*) FROM t"))
        .isInstanceOf(ApiaryException.class)
        .hasMessageStartingWith("Cannot store cell 'default/default/t/")
        .hasMessageContaining(" in the cell cache at " + cacheDirectory + ": ")
        .hasMessageContaining("No space left on device")
        .extracting(e -> ((ApiaryException) e).category())
        .isEqualTo(ErrorCategory.RESOURCE);
    assertThat(disk.scan()).isEmpty();

    // Another node sees every committed row.
    assertThat(rows(node("reader"), "SELECT count(*), sum(v) FROM t"))
        .containsExactly(List.of("502", String.valueOf(expectedSum() + 3)));

    disk.free(64L << 20);
    assertThat(rows(full, "SELECT count(*), sum(v) FROM t"))
        .containsExactly(List.of("502", String.valueOf(expectedSum() + 3)));
  }

  private long expectedSum() {
    return expected.stream().mapToLong(row -> Long.parseLong(row.get(2))).sum();
  }

  @Test
  void theCacheSizeIsConfiguredPerNodeAndValidated() {
    assertThat(writer.cacheStatistics().capacityBytes()).isEqualTo(64L << 20);
    assertThatThrownBy(() -> ApiaryConfig.named("cache").withCacheBytes(-1L))
        .isInstanceOf(dev.apiary.error.InvalidInputException.class)
        .hasMessage("The cell cache size must be 0 or more bytes, got -1");
  }

  @Test
  void droppingAFrameRemovesItsCachedCells() {
    Apiary reader = node("reader");
    rows(reader, SUMMARY);
    assertThat(reader.cacheStatistics().frames()).containsOnlyKeys("default.default.t");
    reader.dropFrame("default", "default", "t");
    assertThat(reader.cacheStatistics().frames()).isEmpty();
    assertThat(reader.cacheStatistics().sizeBytes()).isZero();
  }
}
