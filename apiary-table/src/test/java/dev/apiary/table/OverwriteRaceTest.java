package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.storage.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An overwrite racing with appends: the frame ends up with exactly the overwrite's cells plus the
 * appends committed after it, never a mix with appends committed before it.
 */
class OverwriteRaceTest {
  @TempDir Path root;

  @Test
  void overwriteRacingAppendsKeepsExactlyLaterAppends() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root.resolve("store"));
    for (int round = 0; round < 3; round++) {
      String table = "t" + round + "/";
      LogOptions options =
          LogOptions.defaults().withScratchDirectory(root.resolve("s")).withMaxCommitAttempts(500);
      try (FrameLogs logs = new FrameLogs(store, options)) {
        logs.forTable(table).create(TestFrames.unpartitioned());
        logs.forTable(table)
            .commit(WriteOperation.append(List.of(TestFrames.cell("seed.parquet", 0))));
      }
      Map<String, Long> appendVersions = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch halfway = new CountDownLatch(3 * 20);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        String writer = "r" + round + "w" + t;
        futures.add(
            pool.submit(
                () -> {
                  try (FrameLogs logs = new FrameLogs(store, options)) {
                    FrameLog log = logs.forTable(table);
                    for (int i = 0; i < 40; i++) {
                      String path = writer + "-" + i + ".parquet";
                      appendVersions.put(
                          path,
                          log.commit(WriteOperation.append(List.of(TestFrames.cell(path, i))))
                              .version());
                      halfway.countDown();
                    }
                  }
                  return null;
                }));
      }
      Future<Long> overwrite =
          pool.submit(
              () -> {
                halfway.await();
                try (FrameLogs logs = new FrameLogs(store, options)) {
                  return logs.forTable(table)
                      .commit(
                          WriteOperation.overwrite(
                              List.of(
                                  TestFrames.cell("ow-a.parquet", 1),
                                  TestFrames.cell("ow-b.parquet", 2))))
                      .version();
                }
              });
      for (Future<?> future : futures) {
        future.get();
      }
      long overwriteVersion = overwrite.get();
      pool.shutdown();

      Set<String> expected = new HashSet<>(Set.of("ow-a.parquet", "ow-b.parquet"));
      appendVersions.forEach(
          (path, version) -> {
            if (version > overwriteVersion) {
              expected.add(path);
            }
          });
      try (FrameLogs logs = new FrameLogs(store, options)) {
        FrameLog log = logs.forTable(table);
        Set<String> actual =
            log.snapshot().files().stream().map(DataFile::path).collect(Collectors.toSet());
        assertThat(actual)
            .as("round %d, overwrite at version %d", round, overwriteVersion)
            .isEqualTo(expected);
        // At the overwrite's own version nothing but its cells is live.
        assertThat(log.snapshotAt(overwriteVersion).files().stream().map(DataFile::path))
            .containsExactlyInAnyOrder("ow-a.parquet", "ow-b.parquet");
      }
      assertThat(appendVersions.values())
          .as("some appends landed before the overwrite")
          .anyMatch(v -> v < overwriteVersion);
    }
  }
}
