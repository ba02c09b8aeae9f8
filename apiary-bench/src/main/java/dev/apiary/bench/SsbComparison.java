package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.datagen.Ssb;
import dev.apiary.datagen.TableGenerator;
import dev.apiary.engine.QueryResult;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A first side-by-side run (the full benchmark harness comes with its own issue): loads SSB at a
 * scale factor into Apiary (lineorder partitioned by lo_discount), then runs each query on Apiary
 * and on DuckDB reading the same Parquet cells directly, interleaved, one warm-up and N timed runs
 * each, same thread count, and prints medians and ratios (hot).
 *
 * <p>Usage: {@code SsbComparison [--scale 0.1] [--runs 3] [--threads 2] [--dir PATH]}
 */
public final class SsbComparison {
  private SsbComparison() {}

  public static void main(String[] args) throws Exception {
    double scale = 0.1;
    int runs = 3;
    int threads = Runtime.getRuntime().availableProcessors();
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default -> {
          System.err.println(
              "Usage: ssb-ratio [--scale 0.1] [--runs 3] [--threads N] [--dir PATH]");
          System.exit(1);
        }
      }
    }
    Path root = dir != null ? dir : BenchDirectory.temporary("apiary-ssb");
    long memory = 2L << 30;
    try (Apiary apiary =
            new Apiary(
                    ApiaryConfig.named("bench")
                        .withStorage(root.resolve("store").toString())
                        .withNodeDirectory(root.resolve("node"))
                        .withResources(threads, memory + (1L << 30)))
                .start();
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = " + threads);
      }
      apiary.createHive("bench");
      apiary.createBox("bench", "ssb");
      for (TableGenerator table : Ssb.tables(scale)) {
        long t0 = System.nanoTime();
        apiary.createFrame(
            "bench",
            "ssb",
            table.name(),
            table.columnTypes(),
            table.name().equals("lineorder") ? List.of("lo_discount") : List.of());
        try (ArrowReader reader = table.open(apiary.allocator(), 64 * 1024)) {
          apiary.write("bench", "ssb", table.name(), reader);
        }
        System.err.printf(
            Locale.ROOT,
            "loaded %s: %d rows in %.1f s%n",
            table.name(),
            table.rowCount(),
            (System.nanoTime() - t0) / 1e9);
        try (Statement s = duck.createStatement()) {
          s.execute(
              "CREATE VIEW "
                  + table.name()
                  + " AS SELECT * FROM read_parquet('"
                  + root.resolve("store/bench/ssb").resolve(table.name())
                  + "/**/*.parquet')");
        }
      }
      apiary.sql("USE bench.ssb").close();
      System.out.printf(
          Locale.ROOT, "SSB SF %s, %d threads, %d timed runs, hot%n", scale, threads, runs);
      System.out.println("| query | apiary ms | duckdb ms | ratio |");
      System.out.println("|---|---|---|---|");
      double logSum = 0;
      int n = 0;
      for (BenchmarkQuery query : Ssb.queries()) {
        double[] a = new double[runs];
        double[] d = new double[runs];
        for (int r = -1; r < runs; r++) {
          double ta = timeApiary(apiary, query.sql());
          double td = timeDuck(duck, query.sql());
          if (r >= 0) {
            a[r] = ta;
            d[r] = td;
          }
        }
        double ma = Stats.median(a);
        double md = Stats.median(d);
        logSum += Math.log(ma / md);
        n++;
        System.out.printf(
            Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", query.id(), ma, md, ma / md);
      }
      System.out.printf(Locale.ROOT, "geometric mean of ratios: %.2f%n", Math.exp(logSum / n));
    }
  }

  static double timeApiary(Apiary apiary, String sql) throws Exception {
    long t0 = System.nanoTime();
    try (QueryResult result = apiary.sql(sql)) {
      ArrowReader reader = result.reader();
      while (reader.loadNextBatch()) {
        reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double timeDuck(Connection duck, String sql) throws Exception {
    long t0 = System.nanoTime();
    try (Statement s = duck.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        rows.getObject(1);
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }
}
