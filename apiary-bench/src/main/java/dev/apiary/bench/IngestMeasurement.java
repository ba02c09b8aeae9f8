package dev.apiary.bench;

import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import dev.apiary.runtime.NodeResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Ingest throughput: a synthetic Arrow stream written from Java into a frame partitioned by its
 * category column, and a CSV file of the same rows loaded by an {@code apiary load} process; each
 * next to DuckDB (in this process) writing the same input to Parquet partitioned the same way with
 * {@code COPY} (same threads and memory limit).
 */
final class IngestMeasurement {
  private IngestMeasurement() {}

  /**
   * @param inputBytes size of the input: Arrow buffers of the stream, or the CSV file
   */
  record Result(
      String input,
      long rows,
      long inputBytes,
      double apiarySeconds,
      int apiaryCells,
      long apiaryBytes,
      double duckSeconds,
      long duckBytes) {
    double apiaryRowsPerSecond() {
      return rows / apiarySeconds;
    }

    double duckRowsPerSecond() {
      return rows / duckSeconds;
    }

    double apiaryMegabytesPerSecond() {
      return inputBytes / 1e6 / apiarySeconds;
    }

    double duckMegabytesPerSecond() {
      return inputBytes / 1e6 / duckSeconds;
    }
  }

  static Map<String, String> schema() {
    Map<String, String> schema = new LinkedHashMap<>();
    schema.put("id", "int64");
    schema.put("value", "float64");
    schema.put("category", "string");
    schema.put("day", "date");
    schema.put("at", "timestamp");
    return schema;
  }

  /**
   * The Arrow stream from Java, {@code rounds} times (Apiary, then DuckDB, each round into fresh
   * directories); medians.
   */
  static Result arrow(Path root, long rows, int threads, long memory, int rounds)
      throws IOException, SQLException {
    // Loading the engine's native library (most of a second) is paid once per process; pay it
    // before either side is timed, not inside whichever side runs first.
    try (Connection warmUp = duck(threads, memory)) {
      warmUp.isValid(1);
    }
    long arrowBytes = 0;
    try (BufferAllocator allocator = new RootAllocator();
        SyntheticRows source = new SyntheticRows(allocator, rows, 64 * 1024)) {
      while (source.loadNextBatch()) {
        for (FieldVector vector : source.getVectorSchemaRoot().getFieldVectors()) {
          arrowBytes += vector.getBufferSize();
        }
      }
    }
    double[] apiarySeconds = new double[rounds];
    double[] duckSeconds = new double[rounds];
    WriteSummary summary = null;
    long duckBytes = 0;
    for (int round = 0; round < rounds; round++) {
      Path dir = root.resolve("arrow-" + round);
      try (Apiary apiary = node(dir, threads, memory)) {
        apiary.createHive("ingest");
        apiary.createBox("ingest", "default");
        apiary.createFrame("ingest", "default", "events", schema(), List.of("category"));
        long t0 = System.nanoTime();
        try (SyntheticRows source = new SyntheticRows(apiary.allocator(), rows, 64 * 1024)) {
          summary = apiary.write("ingest", "default", "events", source);
        }
        apiarySeconds[round] = (System.nanoTime() - t0) / 1e9;
      }
      Path duckOut = dir.resolve("duckdb");
      duckSeconds[round] = copyStream(rows, threads, memory, duckOut, copyOptions());
      duckBytes = treeSize(duckOut);
      ColdQuery.deleteTree(dir);
    }
    return new Result(
        "arrow stream",
        rows,
        arrowBytes,
        Stats.median(apiarySeconds),
        summary.cellsWritten(),
        summary.bytesWritten(),
        Stats.median(duckSeconds),
        duckBytes);
  }

  /**
   * A CSV file of the same rows loaded by an {@code apiary load} process ({@link CliLoad}), timed
   * from starting the process to its exit, so JVM and engine start-up count against Apiary: next to
   * DuckDB's {@code COPY} in this process (the engine already started), and next to the same {@code
   * COPY} as its own JVM process ({@link DuckCopyProcess}). {@code rounds} rounds of the three, in
   * that order, each into fresh directories; medians.
   *
   * @return the in-process comparison, then the process-to-process one
   */
  static List<Result> csv(Path root, long rows, int threads, long memory, int rounds)
      throws IOException, SQLException {
    Path dir = root.resolve("csv");
    Files.createDirectories(dir);
    Path csv = dir.resolve("events.csv");
    copyStream(rows, threads, memory, csv, " (FORMAT csv, HEADER true)");
    double[] apiarySeconds = new double[rounds];
    double[] duckSeconds = new double[rounds];
    double[] processSeconds = new double[rounds];
    CliLoad.Outcome loaded = null;
    long duckBytes = 0;
    long processBytes = 0;
    for (int round = 0; round < rounds; round++) {
      Path roundDir = dir.resolve("round-" + round);
      long started = System.nanoTime();
      loaded = CliLoad.run(roundDir, csv, "ingest.default.csv_events", "category");
      apiarySeconds[round] = (System.nanoTime() - started) / 1e9;
      if (loaded.rows() != rows) {
        throw new IllegalStateException("apiary load loaded " + loaded.rows() + " of " + rows);
      }
      Path duckOut = roundDir.resolve("duckdb");
      try (Connection duck = duck(threads, memory);
          Statement statement = duck.createStatement()) {
        long t0 = System.nanoTime();
        statement.execute(
            "COPY (SELECT * FROM read_csv("
                + Sql.literal(csv.toString())
                + ")) TO "
                + Sql.literal(duckOut.toString())
                + copyOptions());
        duckSeconds[round] = (System.nanoTime() - t0) / 1e9;
      }
      duckBytes = treeSize(duckOut);
      Path processOut = roundDir.resolve("duckdb-process");
      processSeconds[round] =
          DuckCopyProcess.run(csv, processOut, threads, duckMemory(threads, memory));
      processBytes = treeSize(processOut);
      ColdQuery.deleteTree(roundDir);
    }
    double apiary = Stats.median(apiarySeconds);
    return List.of(
        new Result(
            "csv file",
            rows,
            Files.size(csv),
            apiary,
            loaded.cells(),
            loaded.bytes(),
            Stats.median(duckSeconds),
            duckBytes),
        new Result(
            "csv file, DuckDB as a process too",
            rows,
            Files.size(csv),
            apiary,
            loaded.cells(),
            loaded.bytes(),
            Stats.median(processSeconds),
            processBytes));
  }

  /**
   * DuckDB's {@code COPY} of the synthetic rows, streamed from Java, to {@code target}.
   *
   * @return the seconds from exporting the stream to the end of the {@code COPY}
   */
  private static double copyStream(long rows, int threads, long memory, Path target, String options)
      throws IOException, SQLException {
    try (BufferAllocator allocator = new RootAllocator();
        Connection duck = duck(threads, memory);
        Statement statement = duck.createStatement();
        SyntheticRows source = new SyntheticRows(allocator, rows, 64 * 1024);
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
      long t0 = System.nanoTime();
      Data.exportArrayStream(allocator, source, stream);
      ((org.duckdb.DuckDBConnection) duck).registerArrowStream("input", stream);
      statement.execute("COPY input TO " + Sql.literal(target.toString()) + options);
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  static String copyOptions() {
    return " (FORMAT parquet, COMPRESSION lz4_raw, PARTITION_BY (category), OVERWRITE_OR_IGNORE)";
  }

  private static Apiary node(Path dir, int threads, long memory) {
    return new Apiary(
            ApiaryConfig.named("ingest")
                .withStorage(dir.resolve("store").toString())
                .withNodeDirectory(dir.resolve("node"))
                .withResources(threads, memory))
        .start();
  }

  /** DuckDB with the memory an Apiary node of this size gives its chamber. */
  static Connection duck(int threads, long memory) throws SQLException {
    return Sql.duck(threads, duckMemory(threads, memory));
  }

  private static long duckMemory(int threads, long memory) {
    NodeResources resources = NodeResources.detect(threads, memory);
    return resources.memoryBytes() - resources.reserveBytes();
  }

  static long treeSize(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }
}
