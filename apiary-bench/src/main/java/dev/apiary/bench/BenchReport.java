package dev.apiary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one {@code bench/run} measured.
 *
 * @param duckMemoryLimitBytes DuckDB's memory_limit, equal to what the Apiary node gives its
 *     chamber
 * @param pageCache how cold runs treated the OS page cache
 * @param memory null if the memory test did not run
 */
record BenchReport(
    MachineInfo machine,
    BenchOptions options,
    long duckMemoryLimitBytes,
    String pageCache,
    List<DataPreparation.Loaded> loads,
    List<QueryTiming> queries,
    List<IngestMeasurement.Result> ingest,
    List<CommitBenchmark.Run> commits,
    MemoryMeasurement.Result memory) {

  /** Ratios over a set of queries (a suite, or all). */
  record Summary(
      String scope,
      int queries,
      int ran,
      int equal,
      double hotGeoMean,
      double hotApiaryTotalMs,
      double hotDuckTotalMs,
      double coldGeoMean,
      double coldApiaryTotalMs,
      double coldDuckTotalMs) {
    double hotTotalRatio() {
      return hotApiaryTotalMs / hotDuckTotalMs;
    }

    double coldTotalRatio() {
      return coldApiaryTotalMs / coldDuckTotalMs;
    }
  }

  List<Summary> summaries() {
    List<Summary> list = new ArrayList<>();
    for (String suite : options.suites()) {
      list.add(summary(suite, queries.stream().filter(q -> q.suite().equals(suite)).toList()));
    }
    if (options.suites().size() > 1) {
      list.add(summary("all", queries));
    }
    return list;
  }

  private static Summary summary(String scope, List<QueryTiming> timings) {
    List<Double> hot = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    double ha = 0;
    double hd = 0;
    double ca = 0;
    double cd = 0;
    int ran = 0;
    int equal = 0;
    for (QueryTiming t : timings) {
      if (!t.ran()) {
        continue;
      }
      ran++;
      if (t.equal()) {
        equal++;
      }
      hot.add(t.hotRatio());
      ha += t.apiaryHot();
      hd += t.duckHot();
      if (t.apiaryColdMs().length > 0) {
        cold.add(t.coldRatio());
        ca += t.apiaryCold();
        cd += t.duckCold();
      }
    }
    return new Summary(
        scope,
        timings.size(),
        ran,
        equal,
        Stats.geometricMean(hot),
        ha,
        hd,
        cold.isEmpty() ? Double.NaN : Stats.geometricMean(cold),
        cold.isEmpty() ? Double.NaN : ca,
        cold.isEmpty() ? Double.NaN : cd);
  }

  boolean allRanAndEqual() {
    return queries.stream().allMatch(q -> q.ran() && q.equal());
  }
}
