package dev.apiary.table;

import static dev.apiary.table.ConcurrentCommitTest.verifyLog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.s3.S3Settings;
import dev.apiary.storage.s3.testing.Faults;
import dev.apiary.storage.s3.testing.S3TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers, one frame, on a real S3 server (s3proxy on 127.0.0.1): every commit is present
 * exactly once, also from separate OS processes and when the store fails 10 % of its requests.
 */
class S3ConcurrentCommitTest {
  @TempDir Path root;
  S3TestServer server;
  String prefix;

  @BeforeEach
  void start() {
    server = S3TestServer.start(new Faults(17));
    prefix = "frames-" + UUID.randomUUID();
  }

  @AfterEach
  void stop() {
    server.close();
  }

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
  void twoProcessesTimes100AppendsEachLandExactlyOnce() throws Exception {
    try (ObjectStore store = server.newStore(prefix)) {
      createTable(store);
      List<Process> processes = new ArrayList<>();
      for (String worker : List.of("procA", "procB")) {
        processes.add(
            ChildJvm.start(
                S3AppendWorker.class, server.uri(prefix), root.toString(), worker, "100"));
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
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
      }
      Set<String> expected = expected(List.of("procA", "procB"), 100);
      assertThat(reported).isEqualTo(expected);
      verifyLog(store, expected, 200);
    }
  }

  @Test
  void fourNodesAppendingWhileTenPercentOfRequestsFailLoseNothing() throws Exception {
    S3Settings fastRetries =
        S3Settings.defaults().withAttempts(10, Duration.ofMillis(2), Duration.ofMillis(50));
    try (ObjectStore setup = server.newStore(prefix)) {
      createTable(setup);
    }
    server.faults().failing(0.10);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<Long>>> results = new ArrayList<>();
    List<String> workers = List.of("node0", "node1", "node2", "node3");
    for (String worker : workers) {
      results.add(
          pool.submit(
              () -> {
                List<Long> versions = new ArrayList<>();
                // Each thread is its own node: its own S3 client, log cache and checkpoints.
                try (ObjectStore store = server.newStore(prefix, fastRetries);
                    FrameLogs logs = new FrameLogs(store, options(worker))) {
                  FrameLog log = logs.forTable("t/");
                  for (int i = 0; i < 25; i++) {
                    String path = worker + "-" + i + ".parquet";
                    versions.add(
                        log.commit(WriteOperation.append(List.of(TestFrames.cell(path, i))))
                            .version());
                  }
                }
                return versions;
              }));
    }
    Set<Long> reported = new HashSet<>();
    for (Future<List<Long>> result : results) {
      for (long version : result.get(180, TimeUnit.SECONDS)) {
        assertThat(reported.add(version)).as("version %d reported twice", version).isTrue();
      }
    }
    pool.shutdown();
    server.faults().none();
    try (ObjectStore store = server.newStore(prefix)) {
      verifyLog(store, expected(workers, 25), 100);
    }
  }

  private static Set<String> expected(List<String> workers, int count) {
    Set<String> expected = new HashSet<>();
    for (String worker : workers) {
      for (int i = 0; i < count; i++) {
        expected.add(worker + "-" + i + ".parquet");
      }
    }
    return expected;
  }
}
