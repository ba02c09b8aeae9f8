package dev.apiary.bench;

import dev.apiary.storage.LocalObjectStore;
import dev.apiary.storage.ObjectStore;
import dev.apiary.table.DataFile;
import dev.apiary.table.FileStatistics;
import dev.apiary.table.FrameLog;
import dev.apiary.table.FrameLogs;
import dev.apiary.table.FrameMetadata;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.LogOptions;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Commit latency of single-cell appends on local storage: one writer, then N concurrent writers
 * (each its own node: own log cache and checkpoint thread). Prints a table and a JSON line.
 *
 * <p>Usage: {@code CommitBenchmark [--commits N] [--writers W] [--dir PATH]}
 */
public final class CommitBenchmark {
  private CommitBenchmark() {}

  /** Latencies of one run. */
  record Run(String name, int writers, long[] latenciesNanos, long wallNanos) {
    double percentileMillis(double p) {
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    double commitsPerSecond() {
      return latenciesNanos.length / (wallNanos / 1e9);
    }

    String json() {
      return String.format(
          Locale.ROOT,
          "{\"run\":\"%s\",\"writers\":%d,\"commits\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"commits_per_s\":%.1f}",
          name,
          writers,
          latenciesNanos.length,
          percentileMillis(50),
          percentileMillis(99),
          commitsPerSecond());
    }
  }

  public static void main(String[] args) throws Exception {
    int commits = 1000;
    int writers = 4;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--commits" -> commits = Integer.parseInt(args[++i]);
        case "--writers" -> writers = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--help", "-h" -> {
          System.out.println("Usage: commit-latency [--commits N] [--writers W] [--dir PATH]");
          System.out.println(
              "Measures single-cell append commits on local storage (default: a temp dir).");
          return;
        }
        default -> {
          System.err.println("Unknown argument '" + args[i] + "'; try --help");
          System.exit(1);
        }
      }
    }
    Path root = dir != null ? dir : BenchDirectory.temporary("apiary-commit-bench");
    List<Run> runs = run(root, commits, writers);
    System.out.println("| run | writers | commits | p50 ms | p99 ms | commits/s |");
    System.out.println("|---|---|---|---|---|---|");
    for (Run run : runs) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %.3f | %.3f | %.1f |%n",
          run.name(),
          run.writers(),
          run.latenciesNanos().length,
          run.percentileMillis(50),
          run.percentileMillis(99),
          run.commitsPerSecond());
    }
    for (Run run : runs) {
      System.out.println(run.json());
    }
  }

  static List<Run> run(Path root, int commits, int writers) throws Exception {
    List<Run> runs = new ArrayList<>();
    ObjectStore store = new LocalObjectStore(root.resolve("store"));
    // Warm up the JIT and the file system on a throwaway table; its numbers are not reported.
    measure(store, root, "warm-up", 1, Math.min(commits, 300));
    runs.add(measure(store, root, "single-writer", 1, commits));
    runs.add(measure(store, root, "concurrent", writers, commits));
    return runs;
  }

  private static Run measure(ObjectStore store, Path root, String name, int writers, int commits)
      throws Exception {
    String table = name + "-" + UUID.randomUUID() + "/";
    try (FrameLogs logs = new FrameLogs(store, options(root, "create"))) {
      logs.forTable(table).create(metadata());
    }
    int perWriter = Math.max(1, commits / writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<long[]>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      String writer = "w" + w;
      futures.add(
          pool.submit(
              () -> {
                long[] latencies = new long[perWriter];
                try (FrameLogs logs = new FrameLogs(store, options(root, writer))) {
                  FrameLog log = logs.forTable(table);
                  log.snapshot();
                  for (int i = 0; i < perWriter; i++) {
                    DataFile cell = cell(writer + "-" + i + ".parquet", i);
                    long t0 = System.nanoTime();
                    log.commit(WriteOperation.append(List.of(cell)));
                    latencies[i] = System.nanoTime() - t0;
                  }
                }
                return latencies;
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> future : futures) {
      all.add(future.get());
    }
    long wall = System.nanoTime() - start;
    pool.shutdown();
    // Nothing may be lost: every writer's every append is in the log, exactly once.
    try (FrameLogs logs = new FrameLogs(store, options(root, "check"))) {
      long present = logs.forTable(table).snapshot().fileCount();
      if (present != (long) writers * perWriter) {
        throw new IllegalStateException(
            name
                + ": the log holds "
                + present
                + " cells after "
                + writers * perWriter
                + " appends by "
                + writers
                + " writers");
      }
    }
    long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
    return new Run(name, writers, merged, wall);
  }

  private static LogOptions options(Path root, String name) throws IOException {
    return LogOptions.defaults()
        .withScratchDirectory(root.resolve("scratch-" + name))
        .withMaxCommitAttempts(1000);
  }

  private static FrameMetadata metadata() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("id", "int64");
    columns.put("name", "string");
    return new FrameMetadata(
        UUID.randomUUID().toString(),
        "bench",
        FrameSchema.parse(columns),
        List.of(),
        Map.of(),
        System.currentTimeMillis());
  }

  private static DataFile cell(String path, long n) {
    return new DataFile(
        path,
        Map.of(),
        1024,
        System.currentTimeMillis(),
        true,
        new FileStatistics(
            1,
            Map.of("id", n, "name", "x" + n),
            Map.of("id", n, "name", "x" + n),
            Map.of("id", 0L, "name", 0L)));
  }
}
