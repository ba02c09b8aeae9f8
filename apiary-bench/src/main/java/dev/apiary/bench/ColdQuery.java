package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import dev.apiary.runtime.NodeResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Child process main of a cold measurement: opens Apiary (a fresh node directory on the prepared
 * storage) or DuckDB (views over the plain Parquet files), runs one query, and prints {@code COLD
 * <millis> <rows>}; the time runs from opening the engine to the last result batch (JVM start is
 * not included, but the engine's start and the first reads of metadata are).
 *
 * <p>Usage: {@code ColdQuery apiary|duckdb DATA_DIR SUITE QUERY_ID SCALE THREADS MEMORY_BYTES}
 */
public final class ColdQuery {
  private ColdQuery() {}

  public static void main(String[] args) throws Exception {
    String system = args[0];
    Path root = Path.of(args[1]);
    String suite = args[2];
    String id = args[3];
    double scale = Double.parseDouble(args[4]);
    int threads = Integer.parseInt(args[5]);
    long memory = Long.parseLong(args[6]);
    BenchmarkQuery query =
        DataPreparation.queries(suite).stream()
            .filter(q -> q.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No query " + id + " in " + suite));
    QueryExecution.Outcome outcome;
    if (system.equals("apiary")) {
      Path node = root.resolve("cold-nodes").resolve(UUID.randomUUID().toString());
      long t0 = System.nanoTime();
      try (Apiary apiary = new Apiary(config(root, node, threads, memory)).start()) {
        QueryExecution.useApiary(apiary, suite);
        QueryExecution.Outcome o = QueryExecution.apiary(apiary, query.sql(), false);
        outcome =
            new QueryExecution.Outcome((System.nanoTime() - t0) / 1e6, o.rowCount(), null, 0, 0);
      }
      deleteTree(node);
    } else {
      NodeResources resources = NodeResources.detect(threads, memory);
      long t0 = System.nanoTime();
      try (BufferAllocator allocator = new RootAllocator();
          Connection duck = Sql.duck(threads, resources.memoryBytes() - resources.reserveBytes())) {
        DataPreparation.createViews(duck, root, suite, scale);
        QueryExecution.useDuck(duck, suite);
        QueryExecution.Outcome o = QueryExecution.duck(duck, allocator, query.sql(), false);
        outcome =
            new QueryExecution.Outcome((System.nanoTime() - t0) / 1e6, o.rowCount(), null, 0, 0);
      }
    }
    System.out.printf(Locale.ROOT, "COLD %.3f %d%n", outcome.millis(), outcome.rowCount());
  }

  static ApiaryConfig config(Path root, Path node, int threads, long memory) {
    return ApiaryConfig.named("bench")
        .withStorage(root.resolve("store").toString())
        .withNodeDirectory(node)
        .withResources(threads, memory);
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
