package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.NodeResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Where a query's time goes: loads SSB and TPC-H into a data directory once (reused by later runs),
 * then runs the chosen queries interleaved with DuckDB and prints, per query, both medians and the
 * median of each of Apiary's phases (parse, analyse, snapshot, prune, fetch, bees, setup, execute,
 * check and discarded when a statement ran on remembered versions, the rest: reading the result).
 *
 * <p>Usage: {@code bench/profile [--scale 1] [--runs 5] [--dir PATH] [--threads N] [query ids]},
 * e.g. {@code bench/profile --dir /tmp/prof Q02 Q18 Q3.4}.
 */
public final class QueryProfile {
  private QueryProfile() {}

  public static void main(String[] args) throws Exception {
    double scale = 1;
    int runs = 5;
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "apiary-profile");
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "Usage: bench/profile [--scale 1] [--runs 5] [--dir PATH] [--threads N] [query ids]");
          return;
        }
        default -> wanted.add(args[i]);
      }
    }
    long memory = 4L << 30;
    NodeResources resources = NodeResources.detect(threads, memory);
    long duckLimit = resources.memoryBytes() - resources.reserveBytes();
    boolean loaded = Files.exists(dir.resolve("loaded"));
    try (BufferAllocator allocator = new RootAllocator();
        Apiary apiary =
            new Apiary(ColdQuery.config(dir, dir.resolve("node"), threads, memory)).start();
        Connection duck = Sql.duck(threads, duckLimit)) {
      for (String suite : List.of("ssb", "tpch")) {
        if (!loaded) {
          DataPreparation.load(apiary, duck, dir, suite, scale, allocator);
        }
        DataPreparation.createViews(duck, dir, suite, scale);
      }
      Files.writeString(dir.resolve("loaded"), Double.toString(scale));
      ChildJvm.flushWrites(); // As bench/run: no writeback of the loaded data while timing.
      for (String suite : List.of("ssb", "tpch")) {
        for (BenchmarkQuery query : DataPreparation.queries(suite)) {
          if (!wanted.isEmpty() && !wanted.contains(query.id())) {
            continue;
          }
          profile(apiary, duck, allocator, query, runs);
        }
      }
    }
  }

  private static void profile(
      Apiary apiary, Connection duck, BufferAllocator allocator, BenchmarkQuery query, int runs)
      throws Exception {
    QueryExecution.useApiary(apiary, query.suite());
    QueryExecution.useDuck(duck, query.suite());
    QueryExecution.duck(duck, allocator, query.sql(), false);
    QueryExecution.phased(apiary, query.sql());
    double[] a = new double[runs];
    double[] d = new double[runs];
    List<Map<String, Double>> phases = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      QueryExecution.Phased run = QueryExecution.phased(apiary, query.sql());
      a[r] = run.millis();
      phases.add(run.phases());
      d[r] = QueryExecution.duck(duck, allocator, query.sql(), false).millis();
    }
    System.out.printf(
        Locale.ROOT,
        "%s %s: apiary %.1f duckdb %.1f ratio %.2f | %s%n",
        query.suite(),
        query.id(),
        Stats.median(a),
        Stats.median(d),
        Stats.median(a) / Stats.median(d),
        Stats.phaseMedians(phases));
  }
}
