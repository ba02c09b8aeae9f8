package dev.apiary.runtime.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.engine.CellLease;
import dev.apiary.engine.CellRequest;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellCacheTest {
  @TempDir Path dir;
  final MemoryObjectStore memory = new MemoryObjectStore();
  final KeyCountingStore store = new KeyCountingStore(memory);
  final TickingClock clock = new TickingClock();

  CellRequest cell(String key, int size) {
    byte[] content = new byte[size];
    Arrays.fill(content, (byte) key.hashCode());
    memory.put(key, content);
    return new CellRequest(key, size);
  }

  CellCache open(long capacity) throws Exception {
    return CellCache.open(store, new LocalCacheDisk(dir.resolve("cache")), capacity, clock);
  }

  static byte[] read(CellLease lease, String key) throws Exception {
    return Files.readAllBytes(lease.file(key));
  }

  @Test
  void aMissDownloadsOnceAndLaterLeasesHit() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellCache cache = open(1000);
    try (CellLease lease = cache.lease(List.of(a, a))) {
      assertThat(read(lease, a.key())).isEqualTo(memory.get(a.key()).get());
    }
    try (CellLease lease = cache.lease(List.of(a))) {
      assertThat(lease.file(a.key())).startsWith(dir.resolve("cache").toAbsolutePath());
    }
    assertThat(store.reads(a.key())).isEqualTo(1);
    CacheStatistics stats = cache.statistics();
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.downloads()).isEqualTo(1);
    assertThat(stats.downloadedBytes()).isEqualTo(100);
    assertThat(stats.entries()).isEqualTo(1);
    assertThat(stats.sizeBytes()).isEqualTo(100);
    assertThat(stats.frames())
        .containsExactly(Map.entry("h.b.f", new CacheStatistics.FrameUsage(1, 100)));
  }

  @Test
  void concurrentMissesOfOneCellDownloadItOnce() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellRequest b = cell("h/b/f/part-b.zstd", 50);
    CellCache cache = open(1000);
    CountDownLatch gate = store.closeGate();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            threads.submit(
                () -> {
                  try (CellLease lease = cache.lease(List.of(a, b))) {
                    return read(lease, a.key());
                  }
                }));
      }
      // Every thread has missed cell a (and waits for the one download) before any read returns.
      while (cache.statistics().misses() < 8) {
        Thread.onSpinWait();
      }
      gate.countDown();
      for (Future<byte[]> result : results) {
        assertThat(result.get()).isEqualTo(memory.get(a.key()).get());
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(store.reads(a.key())).isEqualTo(1);
    assertThat(store.reads(b.key())).isEqualTo(1);
    assertThat(cache.statistics().downloads()).isEqualTo(2);
  }

  @Test
  void aFailedDownloadIsReportedToEveryWaiterAndNotCached() throws Exception {
    CellRequest missing = new CellRequest("h/b/f/part-gone.zstd", 10);
    CellCache cache = open(1000);
    CountDownLatch gate = store.closeGate();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(threads.submit(() -> cache.lease(List.of(missing)).close()));
      }
      while (cache.statistics().misses() < 4) {
        Thread.onSpinWait();
      }
      gate.countDown();
      for (Future<?> result : results) {
        assertThatThrownBy(result::get)
            .cause()
            .isInstanceOf(ObjectNotFoundException.class)
            .hasMessageContaining("Cell 'h/b/f/part-gone.zstd' is missing from memory://");
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(store.reads(missing.key())).isEqualTo(1);
    cell(missing.key(), 10);
    try (CellLease lease = cache.lease(List.of(missing))) {
      assertThat(Files.size(lease.file(missing.key()))).isEqualTo(10);
    }
    assertThat(store.reads(missing.key())).isEqualTo(2);
  }

  @Test
  void leastRecentlyUsedEntriesAreEvictedToStayWithinCapacity() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellRequest b = cell("h/b/f/part-b.zstd", 100);
    CellRequest c = cell("h/b/f/part-c.zstd", 100);
    CellCache cache = open(250);
    cache.lease(List.of(a)).close();
    cache.lease(List.of(b)).close();
    cache.lease(List.of(a)).close(); // b is now the least recently used
    Path bFile;
    try (CellLease lease = cache.lease(List.of(b))) {
      bFile = lease.file(b.key());
    }
    cache.lease(List.of(a)).close();
    cache.lease(List.of(c)).close();
    CacheStatistics stats = cache.statistics();
    assertThat(stats.sizeBytes()).isEqualTo(200).isLessThanOrEqualTo(stats.capacityBytes());
    assertThat(stats.evictions()).isEqualTo(1);
    assertThat(bFile).doesNotExist();
    cache.lease(List.of(a, c)).close();
    assertThat(store.reads(a.key())).isEqualTo(1);
    assertThat(store.reads(c.key())).isEqualTo(1);
    cache.lease(List.of(b)).close();
    assertThat(store.reads(b.key())).isEqualTo(2);
  }

  @Test
  void cellsInUseAreNeverEvictedAndAStatementThatDoesNotFitFailsClearly() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellRequest b = cell("h/b/f/part-b.zstd", 100);
    CellRequest c = cell("h/b/f/part-c.zstd", 100);
    CellCache cache = open(250);
    try (CellLease held = cache.lease(List.of(a, b))) {
      assertThatThrownBy(() -> cache.lease(List.of(c)))
          .isInstanceOf(ApiaryException.class)
          .hasMessage(
              "The cell cache at "
                  + dir.resolve("cache").toAbsolutePath()
                  + " has no room for cell 'h/b/f/part-c.zstd' (100 bytes): running statements"
                  + " hold 200 of its 250 bytes; read fewer cells at once (filter on partition"
                  + " columns, run fewer statements together) or raise the cache size"
                  + " (APIARY_CACHE_SIZE, ApiaryConfig.cacheBytes)")
          .extracting(e -> ((ApiaryException) e).category())
          .isEqualTo(ErrorCategory.RESOURCE);
      assertThat(read(held, a.key())).hasSize(100);
      assertThat(read(held, b.key())).hasSize(100);
    }
    try (CellLease lease = cache.lease(List.of(c))) {
      assertThat(read(lease, c.key())).hasSize(100);
    }
    assertThat(cache.statistics().sizeBytes()).isEqualTo(200);
  }

  @Test
  void evictionSkipsCellsInUseEvenWhenTheyAreTheLeastRecentlyUsed() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellRequest b = cell("h/b/f/part-b.zstd", 100);
    CellRequest c = cell("h/b/f/part-c.zstd", 100);
    CellCache cache = open(250);
    try (CellLease held = cache.lease(List.of(a))) {
      Path bFile;
      try (CellLease lease = cache.lease(List.of(b))) {
        bFile = lease.file(b.key());
      }
      cache.lease(List.of(c)).close();
      assertThat(read(held, a.key())).isEqualTo(memory.get(a.key()).get());
      assertThat(bFile).doesNotExist();
      assertThat(cache.statistics().sizeBytes()).isEqualTo(200);
    }
    cache.lease(List.of(a)).close();
    assertThat(store.reads(a.key())).isEqualTo(1);
  }

  @Test
  void aLeaseThatFailsHalfwayHoldsNothing() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellRequest big = cell("h/b/f/part-big.zstd", 300);
    CellCache cache = open(250);
    assertThatThrownBy(() -> cache.lease(List.of(a, big)))
        .isInstanceOf(ApiaryException.class)
        .hasMessage(
            "Cell 'h/b/f/part-big.zstd' (300 bytes) is larger than the cell cache at "
                + dir.resolve("cache").toAbsolutePath()
                + " (250 bytes); raise the cache size (APIARY_CACHE_SIZE,"
                + " ApiaryConfig.cacheBytes)");
    CellRequest b = cell("h/b/f/part-b.zstd", 200);
    cache.lease(List.of(b)).close(); // a was released, so it can be evicted for b
    assertThat(cache.statistics().sizeBytes()).isEqualTo(200);
  }

  @Test
  void reopeningKeepsEntriesAndRecencyAndDeletesUnfinishedDownloads() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellRequest b = cell("h/b/f/part-b.zstd", 100);
    CellCache first = open(1000);
    first.lease(List.of(b)).close();
    first.lease(List.of(a)).close();
    first.lease(List.of(b)).close(); // a is the least recently used
    Path leftover = dir.resolve("cache").resolve(".tmp-crashed-download");
    Files.write(leftover, new byte[77]);

    CellCache second = open(1000);
    assertThat(leftover).doesNotExist();
    assertThat(second.statistics().entries()).isEqualTo(2);
    assertThat(second.statistics().sizeBytes()).isEqualTo(200);
    assertThat(second.statistics().frames())
        .containsExactly(Map.entry("h.b.f", new CacheStatistics.FrameUsage(2, 200)));

    // A smaller capacity keeps the most recently used cell, b.
    CellCache third = open(150);
    assertThat(third.statistics().entries()).isEqualTo(1);
    assertThat(third.statistics().evictions()).isEqualTo(1);
    third.lease(List.of(b)).close();
    assertThat(store.reads(b.key())).isEqualTo(1);
    assertThat(store.reads(a.key())).isEqualTo(1);
    third.lease(List.of(a)).close();
    assertThat(store.reads(a.key())).isEqualTo(2);
  }

  @Test
  void entriesKeepTheirPartitionDirectoriesAcrossRestarts() throws Exception {
    // The engine takes partition values from column=value directories (cells need not hold them).
    CellRequest cell = cell("h/b/f/day=1/tag=a%2Fb c/part-x.zstd", 10);
    CellRequest plain = cell("h/b/f/part-y.zstd", 20);
    CellCache first = open(1000);
    Path file;
    try (CellLease lease = first.lease(List.of(cell, plain))) {
      file = lease.file(cell.key());
      assertThat(file.getParent().getFileName().toString()).isEqualTo("tag=a%2Fb c");
      assertThat(file.getParent().getParent().getFileName().toString()).isEqualTo("day=1");
      assertThat(file.getFileName().toString()).endsWith("-part-x.zstd");
      assertThat(lease.file(plain.key()).getParent().getFileName().toString()).isEqualTo("f");
    }
    CellCache second = open(1000);
    assertThat(second.statistics().frames())
        .containsExactly(Map.entry("h.b.f", new CacheStatistics.FrameUsage(2, 30)));
    try (CellLease lease = second.lease(List.of(cell))) {
      assertThat(lease.file(cell.key())).isEqualTo(file);
    }
    assertThat(store.reads(cell.key())).isEqualTo(1);
    second.forgetFrame("h/b/f/");
    assertThat(file).doesNotExist();
    assertThat(second.statistics().entries()).isZero();
  }

  @Test
  void namesDoNotCollideAcrossPartitionsOrStores() throws Exception {
    CellRequest one = cell("h/b/f/day=1/part-x.zstd", 10);
    CellRequest two = cell("h/b/f/day=2/part-x.zstd", 20);
    CellCache cache = open(1000);
    try (CellLease lease = cache.lease(List.of(one, two))) {
      assertThat(lease.file(one.key())).isNotEqualTo(lease.file(two.key()));
      assertThat(read(lease, two.key())).hasSize(20);
    }
    MemoryObjectStore otherMemory = new MemoryObjectStore();
    otherMemory.put(one.key(), new byte[15]);
    CellCache other =
        CellCache.open(otherMemory, new LocalCacheDisk(dir.resolve("cache")), 1000, clock);
    try (CellLease lease = other.lease(List.of(new CellRequest(one.key(), 15)))) {
      assertThat(read(lease, one.key())).hasSize(15);
    }
    assertThat(other.statistics().frames())
        .containsExactly(Map.entry("h.b.f", new CacheStatistics.FrameUsage(1, 15)));
  }

  @Test
  void aCellWhoseSizeDiffersFromTheLogIsRefusedAndNotCached() throws Exception {
    cell("h/b/f/part-a.zstd", 100);
    CellCache cache = open(1000);
    assertThatThrownBy(() -> cache.lease(List.of(new CellRequest("h/b/f/part-a.zstd", 90))))
        .isInstanceOf(ApiaryException.class)
        .hasMessageStartingWith("Cell 'h/b/f/part-a.zstd' in memory://")
        .hasMessageEndingWith(
            " has 100 bytes but the frame log records 90; cells never change, so it was replaced"
                + " outside Apiary; restore it or rewrite the frame");
    assertThat(cache.statistics().entries()).isZero();
    assertThat(cache.statistics().sizeBytes()).isZero();
  }

  @Test
  void largeCellsAreFetchedInBoundedRanges() throws Exception {
    CellRequest big = cell("h/b/f/part-big.zstd", CellDownload.CHUNK_BYTES + 10);
    CellCache cache = open(64L << 20);
    try (CellLease lease = cache.lease(List.of(big))) {
      assertThat(read(lease, big.key())).isEqualTo(memory.get(big.key()).get());
    }
    assertThat(store.reads(big.key())).isEqualTo(2);
  }

  @Test
  void aFullDiskFailsTheLeaseClearlyAndLeavesNoPartialEntry() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    FullDisk disk = new FullDisk(dir.resolve("cache"), 50);
    CellCache cache = CellCache.open(store, disk, 1000, clock);
    assertThatThrownBy(() -> cache.lease(List.of(a)))
        .isInstanceOf(ApiaryException.class)
        .hasMessageStartingWith(
            "Cannot store cell 'h/b/f/part-a.zstd' in the cell cache at " + disk.root() + ": ")
        .hasMessageContaining("No space left on device")
        .hasMessageEndingWith(
            "; free disk space there, lower the cache size (APIARY_CACHE_SIZE,"
                + " ApiaryConfig.cacheBytes) or move the node directory to a larger disk")
        .extracting(e -> ((ApiaryException) e).category())
        .isEqualTo(ErrorCategory.RESOURCE);
    assertThat(disk.scan()).isEmpty();
    assertThat(cache.statistics().entries()).isZero();
    disk.free(1000);
    try (CellLease lease = cache.lease(List.of(a))) {
      assertThat(read(lease, a.key())).isEqualTo(memory.get(a.key()).get());
    }
  }

  @Test
  void writtenCellsEnterTheCacheSoReadingThemDownloadsNothing() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    Path staged = dir.resolve("staged-a");
    Files.write(staged, memory.get(a.key()).get());
    CellCache cache = open(1000);
    cache.written(Map.of(a.key(), staged));
    Files.delete(staged); // the writer deletes its staging directory afterwards
    try (CellLease lease = cache.lease(List.of(a))) {
      assertThat(read(lease, a.key())).isEqualTo(memory.get(a.key()).get());
    }
    assertThat(store.reads(a.key())).isZero();
    assertThat(cache.statistics().writeThroughs()).isEqualTo(1);
  }

  @Test
  void aWriteThroughOfACellBeingFetchedLeavesTheFetchedEntryHeld() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    Path staged = dir.resolve("staged-a");
    Files.write(staged, memory.get(a.key()).get());
    CellCache cache = open(150);
    CountDownLatch gate = store.closeGate();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<CellLease> fetching = thread.submit(() -> cache.lease(List.of(a)));
      while (cache.statistics().misses() < 1) {
        Thread.onSpinWait();
      }
      cache.written(Map.of(a.key(), staged));
      gate.countDown();
      try (CellLease lease = fetching.get()) {
        // Held by the lease: a cell that needs all the remaining room cannot evict it.
        assertThatThrownBy(() -> cache.lease(List.of(cell("h/b/f/part-b.zstd", 100))))
            .isInstanceOf(ApiaryException.class)
            .hasMessageContaining("running statements hold 100 of its 150 bytes");
        assertThat(read(lease, a.key())).isEqualTo(memory.get(a.key()).get());
      }
    } finally {
      thread.shutdownNow();
    }
    assertThat(cache.statistics().writeThroughs()).isZero();
    assertThat(cache.statistics().entries()).isEqualTo(1);
  }

  @Test
  void aWriteThroughThatDoesNotFitIsSkippedWithoutAnError() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    Path staged = dir.resolve("staged-a");
    Files.write(staged, memory.get(a.key()).get());
    FullDisk disk = new FullDisk(dir.resolve("cache"), 10);
    CellCache cache = CellCache.open(store, disk, 1000, clock);
    cache.written(Map.of(a.key(), staged, "h/b/f/part-vanished.zstd", dir.resolve("nothing")));
    assertThat(cache.statistics().writeThroughsSkipped()).isEqualTo(2);
    assertThat(cache.statistics().entries()).isZero();
    assertThat(disk.scan()).isEmpty();
  }

  @Test
  void forgettingAFrameRemovesItsEntries() throws Exception {
    CellRequest a = cell("h/b/f/part-a.zstd", 100);
    CellRequest g = cell("h/b/g/part-g.zstd", 10);
    CellCache cache = open(1000);
    cache.lease(List.of(a, g)).close();
    cache.forgetFrame("h/b/f/");
    assertThat(cache.statistics().frames())
        .containsExactly(Map.entry("h.b.g", new CacheStatistics.FrameUsage(1, 10)));
  }
}
