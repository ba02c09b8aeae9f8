package dev.apiary.bench;

import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Ingest of an Arrow stream into a partitioned frame, next to DuckDB writing the same stream to
 * partitioned Parquet with COPY (same threads, same codec).
 *
 * <p>Usage: {@code IngestBenchmark [--rows 10000000] [--threads N] [--dir PATH]}
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 10_000_000;
    int threads = Runtime.getRuntime().availableProcessors();
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default -> {
          System.err.println("Usage: ingest [--rows 10000000] [--threads N] [--dir PATH]");
          System.exit(1);
        }
      }
    }
    Path root = dir != null ? dir : Files.createTempDirectory("apiary-ingest");
    Map<String, String> schema = new LinkedHashMap<>();
    schema.put("id", "int64");
    schema.put("value", "float64");
    schema.put("category", "string");
    schema.put("day", "date");
    schema.put("at", "timestamp");
    try (BufferAllocator allocator = new RootAllocator()) {
      // Generator cost alone, so it can be told apart from the writers'.
      long g0 = System.nanoTime();
      try (SyntheticRows source = new SyntheticRows(allocator, rows, 64 * 1024)) {
        while (source.loadNextBatch()) {
          source.getVectorSchemaRoot().getRowCount();
        }
      }
      double generate = (System.nanoTime() - g0) / 1e9;

      double apiarySeconds;
      WriteSummary summary;
      try (Apiary apiary =
          new Apiary(
                  ApiaryConfig.named("ingest")
                      .withStorage(root.resolve("store").toString())
                      .withNodeDirectory(root.resolve("node"))
                      .withResources(threads, 3L << 30))
              .start()) {
        apiary.createFrame("default", "default", "events", schema, List.of("category"));
        long t0 = System.nanoTime();
        try (SyntheticRows source = new SyntheticRows(apiary.allocator(), rows, 64 * 1024)) {
          summary = apiary.write("default", "default", "events", source);
        }
        apiarySeconds = (System.nanoTime() - t0) / 1e9;
      }

      double duckSeconds;
      try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
          Statement statement = connection.createStatement();
          SyntheticRows source = new SyntheticRows(allocator, rows, 64 * 1024);
          ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
        statement.execute("SET threads = " + threads);
        statement.execute("SET TimeZone = 'UTC'");
        long t0 = System.nanoTime();
        Data.exportArrayStream(allocator, source, stream);
        ((DuckDBConnection) connection).registerArrowStream("input", stream);
        statement.execute(
            "COPY input TO '"
                + root.resolve("duckdb")
                + "' (FORMAT parquet, COMPRESSION lz4_raw,"
                + " PARTITION_BY (category), OVERWRITE_OR_IGNORE)");
        duckSeconds = (System.nanoTime() - t0) / 1e9;
      }
      System.out.printf(
          Locale.ROOT,
          "rows: %d, threads: %d (generating the stream alone: %.2f s)%n",
          rows,
          threads,
          generate);
      System.out.printf(
          Locale.ROOT,
          "apiary write: %.2f s, %.2f M rows/s, %d cells, %.1f MB, version %d%n",
          apiarySeconds,
          rows / apiarySeconds / 1e6,
          summary.cellsWritten(),
          summary.bytesWritten() / 1e6,
          summary.version());
      System.out.printf(
          Locale.ROOT,
          "duckdb COPY:  %.2f s, %.2f M rows/s%n",
          duckSeconds,
          rows / duckSeconds / 1e6);
      System.out.printf(
          Locale.ROOT, "apiary / duckdb throughput: %.2f%n", duckSeconds / apiarySeconds);
    }
  }
}
