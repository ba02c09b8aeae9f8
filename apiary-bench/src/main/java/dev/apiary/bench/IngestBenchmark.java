package dev.apiary.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingest of an Arrow stream and of a CSV file into a partitioned frame, next to DuckDB writing the
 * same input to partitioned Parquet with COPY (same threads, same codec). {@code bench/run} reports
 * the same numbers; see {@link IngestMeasurement}.
 *
 * <p>Usage: {@code IngestBenchmark [--rows 10000000] [--runs 3] [--threads N] [--dir PATH]}:
 * medians of {@code --runs} interleaved rounds.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 10_000_000;
    int threads = Runtime.getRuntime().availableProcessors();
    Path dir = null;
    int runs = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> {
          System.err.println(
              "Usage: ingest [--rows 10000000] [--runs 3] [--threads N] [--dir PATH]");
          System.exit(1);
        }
      }
    }
    Path root = dir != null ? dir : BenchDirectory.temporary("apiary-ingest");
    long memory = 3L << 30;
    List<IngestMeasurement.Result> results = new ArrayList<>();
    results.add(IngestMeasurement.arrow(root, rows, threads, memory, runs));
    results.addAll(IngestMeasurement.csv(root, rows, threads, memory, runs));
    for (IngestMeasurement.Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%s, %d rows, %.1f MB: apiary %.2f s (%.2f M rows/s, %.1f MB/s, %d cells),"
              + " duckdb COPY %.2f s (%.2f M rows/s, %.1f MB/s)%n",
          r.input(),
          r.rows(),
          r.inputBytes() / 1e6,
          r.apiarySeconds(),
          r.apiaryRowsPerSecond() / 1e6,
          r.apiaryMegabytesPerSecond(),
          r.apiaryCells(),
          r.duckSeconds(),
          r.duckRowsPerSecond() / 1e6,
          r.duckMegabytesPerSecond());
    }
  }
}
