package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.datagen.ResultRows;
import dev.apiary.runtime.Apiary;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Hot runs in one warm process: first one untimed pass over every query on each system ({@link
 * #warmUp}), then per query one warm-up on each system (whose results are compared) and the timed
 * runs interleaved Apiary, DuckDB, Apiary, DuckDB...
 */
final class HotRunner {
  private final Apiary apiary;
  private final Connection duck;
  private final BufferAllocator allocator;
  private final int runs;

  HotRunner(Apiary apiary, Connection duck, BufferAllocator allocator, int runs) {
    this.apiary = apiary;
    this.duck = duck;
    this.allocator = allocator;
    this.runs = runs;
  }

  QueryTiming run(BenchmarkQuery query) {
    double[] a = new double[runs];
    double[] d = new double[runs];
    double[] none = new double[0];
    try {
      QueryExecution.useApiary(apiary, query.suite());
      QueryExecution.useDuck(duck, query.suite());
      QueryExecution.Outcome warmA = QueryExecution.apiary(apiary, query.sql(), true);
      QueryExecution.Outcome warmD = QueryExecution.duck(duck, allocator, query.sql(), true);
      String difference = ResultRows.difference(warmA.rows(), warmD.rows());
      for (int r = 0; r < runs; r++) {
        a[r] = QueryExecution.apiary(apiary, query.sql(), false).millis();
        d[r] = QueryExecution.duck(duck, allocator, query.sql(), false).millis();
      }
      QueryTiming timing =
          new QueryTiming(
              query.suite(),
              query.id(),
              a,
              d,
              none,
              none,
              warmD.rowCount(),
              difference == null,
              difference,
              warmA.cellsTotal(),
              warmA.cellsKept(),
              null);
      System.err.printf(
          Locale.ROOT,
          "hot %s %s: apiary %.1f ms, duckdb %.1f ms, ratio %.2f%s%n",
          query.suite(),
          query.id(),
          timing.apiaryHot(),
          timing.duckHot(),
          timing.hotRatio(),
          difference == null ? "" : " RESULTS DIFFER: " + difference);
      return timing;
    } catch (Exception e) {
      System.err.printf("hot %s %s failed: %s%n", query.suite(), query.id(), e);
      return new QueryTiming(
          query.suite(), query.id(), none, none, none, none, 0, false, null, 0, 0, e.toString());
    }
  }

  /**
   * Runs every query once on each system, untimed, so the JVM has compiled the code paths of all
   * the queries before any is timed. Without it the JIT compiler's thread took one of the 2 cores
   * during some timed Apiary runs (TPC-H Q16 and Q02 ran 1.5–1.8× DuckDB's time in some runs, and
   * 1.0–1.15× with the optimizing compiler off). Failures are reported by {@link #run}.
   */
  void warmUp(List<BenchmarkQuery> queries) {
    for (BenchmarkQuery query : queries) {
      try {
        QueryExecution.useApiary(apiary, query.suite());
        QueryExecution.useDuck(duck, query.suite());
        QueryExecution.apiary(apiary, query.sql(), false);
        QueryExecution.duck(duck, allocator, query.sql(), false);
      } catch (Exception e) {
        // The query's own run reports it.
      }
    }
  }
}
