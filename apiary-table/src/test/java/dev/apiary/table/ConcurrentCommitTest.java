package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.storage.LocalObjectStore;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import dev.apiary.table.internal.LogPaths;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers, one frame, local storage: every commit is present exactly once, versions are
 * contiguous and the replayed file set is exactly what was appended.
 */
class ConcurrentCommitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;

  private LogOptions options(String name) {
    return LogOptions.defaults()
        .withScratchDirectory(root.resolve("scratch-" + name))
        .withMaxCommitAttempts(500);
  }

  private void createTable(ObjectStore store) {
    try (FrameLogs logs = new FrameLogs(store, options("create"))) {
      logs.forTable("t/").create(TestFrames.unpartitioned());
    }
  }

  @Test
  void fourThreadsTimes250AppendsEachLandExactlyOnce() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root.resolve("store"));
    createTable(store);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String worker = "thread" + t;
      results.add(
          pool.submit(
              () -> {
                List<Long> versions = new ArrayList<>();
                // Each thread is its own node: its own log cache and checkpoint thread.
                try (FrameLogs logs = new FrameLogs(store, options(worker))) {
                  FrameLog log = logs.forTable("t/");
                  for (int i = 0; i < 250; i++) {
                    versions.add(
                        log.commit(
                                WriteOperation.append(
                                    List.of(TestFrames.cell(worker + "-" + i + ".parquet", i))))
                            .version());
                  }
                }
                return versions;
              }));
    }
    Set<Long> reported = new HashSet<>();
    for (Future<List<Long>> result : results) {
      for (long version : result.get()) {
        assertThat(reported.add(version)).as("version %d reported twice", version).isTrue();
      }
    }
    pool.shutdown();
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 250; i++) {
        expected.add("thread" + t + "-" + i + ".parquet");
      }
    }
    assertThat(reported).hasSize(1000);
    verifyLog(store, expected, 1000);
  }

  @Test
  void twoProcessesTimes100AppendsEachLandExactlyOnce() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root.resolve("store"));
    createTable(store);
    List<Process> processes = new ArrayList<>();
    for (String worker : List.of("procA", "procB")) {
      processes.add(ChildJvm.start(AppendWorker.class, root.toString(), worker, "100"));
    }
    Set<String> reported = new HashSet<>();
    Set<Long> versions = new HashSet<>();
    for (Process process : processes) {
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          String[] parts = line.split(" ");
          assertThat(versions.add(Long.parseLong(parts[1]))).as(line).isTrue();
          reported.add(parts[2]);
        }
      }
      assertThat(process.waitFor()).isZero();
    }
    Set<String> expected = new HashSet<>();
    for (String worker : List.of("procA", "procB")) {
      for (int i = 0; i < 100; i++) {
        expected.add(worker + "-" + i + ".parquet");
      }
    }
    assertThat(reported).isEqualTo(expected);
    verifyLog(store, expected, 200);
  }

  /**
   * Checks the log directly (commit files, not just the snapshot): versions 0..last contiguous,
   * every expected file added exactly once across all commits, and replay (with checkpoints, and
   * from commit 0 alone) equal to the expected set.
   */
  static void verifyLog(ObjectStore store, Set<String> expected, long lastVersion)
      throws Exception {
    List<Long> commitVersions = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (ObjectInfo info : store.list("t/" + LogPaths.LOG_DIR)) {
      long version = LogPaths.commitVersion(info.key());
      if (version < 0) {
        continue;
      }
      commitVersions.add(version);
      for (String line :
          new String(store.get(info.key()).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode node = JSON.readTree(line);
        if (node.has("add")) {
          added.add(node.get("add").get("path").asText());
        }
      }
    }
    List<Long> contiguous = new ArrayList<>();
    for (long v = 0; v <= lastVersion; v++) {
      contiguous.add(v);
    }
    assertThat(commitVersions).isEqualTo(contiguous);
    assertThat(added).hasSize(expected.size()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(added)).isEqualTo(expected);
    Path scratch = java.nio.file.Files.createTempDirectory("verify");
    try (FrameLogs logs =
        new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch))) {
      Snapshot snapshot = logs.forTable("t/").snapshot();
      assertThat(snapshot.version()).isEqualTo(lastVersion);
      assertThat(snapshot.files().stream().map(DataFile::path).collect(Collectors.toSet()))
          .isEqualTo(expected);
      assertThat(snapshot.fileCount()).isEqualTo(expected.size());
    }
  }
}
