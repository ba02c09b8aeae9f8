package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Cold runs: a new JVM per measurement for both systems, interleaved (Apiary, DuckDB, ...), with
 * the OS page cache dropped before each one when that is possible.
 */
final class ColdRunner {
  private final Path root;
  private final double scale;
  private final int threads;
  private final long memoryBytes;
  private final String maxHeap;
  private final int runs;
  private final boolean dropCaches;

  ColdRunner(Path root, double scale, int threads, long memoryBytes, String maxHeap, int runs) {
    this.root = root;
    this.scale = scale;
    this.threads = threads;
    this.memoryBytes = memoryBytes;
    this.maxHeap = maxHeap;
    this.runs = runs;
    this.dropCaches = ChildJvm.dropCaches();
  }

  /** Whether the page cache is dropped before each cold measurement. */
  boolean dropsCaches() {
    return dropCaches;
  }

  QueryTiming measure(QueryTiming hot, BenchmarkQuery query) {
    double[] a = new double[runs];
    double[] d = new double[runs];
    try {
      for (int r = 0; r < runs; r++) {
        a[r] = once("apiary", query);
        d[r] = once("duckdb", query);
      }
      System.err.printf(
          Locale.ROOT,
          "cold %s %s: apiary %.1f ms, duckdb %.1f ms%n",
          query.suite(),
          query.id(),
          Stats.median(a),
          Stats.median(d));
      return hot.withCold(a, d, null);
    } catch (Exception e) {
      System.err.printf("cold %s %s failed: %s%n", query.suite(), query.id(), e);
      return hot.withCold(new double[0], new double[0], "cold: " + e.getMessage());
    }
  }

  private double once(String system, BenchmarkQuery query)
      throws IOException, InterruptedException {
    if (dropCaches) {
      ChildJvm.dropCaches();
    }
    Process process =
        ChildJvm.builder(
                maxHeap,
                ColdQuery.class,
                List.of(
                    system,
                    root.toString(),
                    query.suite(),
                    query.id(),
                    Double.toString(scale),
                    Integer.toString(threads),
                    Long.toString(memoryBytes)))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    for (String line : out.split("\n")) {
      if (line.startsWith("COLD ")) {
        return Double.parseDouble(line.split(" ")[1]);
      }
    }
    throw new IOException(system + " child exited with " + exit + " and no result");
  }
}
