package dev.apiary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as JSON (times in milliseconds; null where a value was not measured). */
final class JsonReport {
  private JsonReport() {}

  static void write(BenchReport report, Path file) throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), tree(report));
  }

  static Map<String, Object> tree(BenchReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    MachineInfo m = r.machine();
    root.put(
        "machine",
        map(
            "cpu", m.cpuModel(),
            "cores", m.cores(),
            "memory_bytes", m.memoryBytes(),
            "os", m.os(),
            "jdk", m.jdk(),
            "date", m.date()));
    BenchOptions o = r.options();
    root.put(
        "settings",
        map(
            "scale", o.scale(),
            "suites", o.suites(),
            "runs", o.runs(),
            "cold_runs", o.coldRunsOrDefault(),
            "smoke", o.smoke(),
            "threads", o.threads(),
            "apiary_node_memory_bytes", o.memoryBytes(),
            "duckdb_memory_limit_bytes", r.duckMemoryLimitBytes(),
            "page_cache", r.pageCache()));
    List<Object> loads = new ArrayList<>();
    for (DataPreparation.Loaded l : r.loads()) {
      loads.add(
          map(
              "suite", l.suite(),
              "table", l.table(),
              "rows", l.rows(),
              "partition_by", l.partitionBy(),
              "apiary_seconds", num(l.apiarySeconds()),
              "apiary_cells", l.cells(),
              "apiary_bytes", l.apiaryBytes(),
              "plain_parquet_seconds", num(l.plainSeconds()),
              "plain_parquet_bytes", l.plainBytes()));
    }
    root.put("load", loads);
    List<Object> queries = new ArrayList<>();
    for (QueryTiming q : r.queries()) {
      Map<String, Object> entry =
          map(
              "suite", q.suite(),
              "id", q.id(),
              "ran", q.ran(),
              "equal", q.equal(),
              "rows", q.rows(),
              "cells_total", q.cellsTotal(),
              "cells_kept", q.cellsKept());
      entry.put("hot_apiary_ms", num(q.apiaryHot()));
      entry.put("hot_duckdb_ms", num(q.duckHot()));
      entry.put("hot_ratio", num(q.hotRatio()));
      entry.put("hot_apiary_runs_ms", nums(q.apiaryHotMs()));
      entry.put("hot_duckdb_runs_ms", nums(q.duckHotMs()));
      entry.put("cold_apiary_ms", num(q.apiaryCold()));
      entry.put("cold_duckdb_ms", num(q.duckCold()));
      entry.put("cold_ratio", num(q.coldRatio()));
      entry.put("cold_apiary_runs_ms", nums(q.apiaryColdMs()));
      entry.put("cold_duckdb_runs_ms", nums(q.duckColdMs()));
      entry.put("difference", q.difference());
      entry.put("error", q.error());
      queries.add(entry);
    }
    root.put("queries", queries);
    List<Object> summaries = new ArrayList<>();
    for (BenchReport.Summary s : r.summaries()) {
      summaries.add(
          map(
              "scope", s.scope(),
              "queries", s.queries(),
              "ran", s.ran(),
              "equal", s.equal(),
              "hot_geomean_ratio", num(s.hotGeoMean()),
              "hot_total_ratio", num(s.hotTotalRatio()),
              "hot_apiary_total_ms", num(s.hotApiaryTotalMs()),
              "hot_duckdb_total_ms", num(s.hotDuckTotalMs()),
              "cold_geomean_ratio", num(s.coldGeoMean()),
              "cold_total_ratio", num(s.coldTotalRatio())));
    }
    root.put("summary", summaries);
    List<Object> ingest = new ArrayList<>();
    for (IngestMeasurement.Result i : r.ingest()) {
      ingest.add(
          map(
              "input", i.input(),
              "rows", i.rows(),
              "input_bytes", i.inputBytes(),
              "apiary_seconds", num(i.apiarySeconds()),
              "apiary_rows_per_s", num(i.apiaryRowsPerSecond()),
              "apiary_mb_per_s", num(i.apiaryMegabytesPerSecond()),
              "apiary_cells", i.apiaryCells(),
              "duckdb_seconds", num(i.duckSeconds()),
              "duckdb_rows_per_s", num(i.duckRowsPerSecond()),
              "duckdb_mb_per_s", num(i.duckMegabytesPerSecond())));
    }
    root.put("ingest", ingest);
    List<Object> commits = new ArrayList<>();
    for (CommitBenchmark.Run c : r.commits()) {
      commits.add(
          map(
              "run", c.name(),
              "writers", c.writers(),
              "commits", c.latenciesNanos().length,
              "p50_ms", num(c.percentileMillis(50)),
              "p99_ms", num(c.percentileMillis(99)),
              "commits_per_s", num(c.commitsPerSecond())));
    }
    root.put("commits", commits);
    MemoryMeasurement.Result mem = r.memory();
    root.put(
        "memory",
        mem == null
            ? null
            : map(
                "limit_bytes", mem.limitBytes(),
                "jvm_heap", mem.heap(),
                "engine_bytes", mem.engineBytes(),
                "peak_rss_bytes", mem.peakRssBytes(),
                "exit_code", mem.exitCode(),
                "all_finished", mem.allFinished(),
                "ssb_queries_spilled", mem.ssbQueriesThatSpilled(),
                "spill_check_sql", MemoryProbe.SPILL_CHECK_SQL,
                "spill_check_spilled_bytes", mem.spilledBytes(MemoryProbe.SPILL_CHECK),
                "queries", mem.queries()));
    return root;
  }

  static Double num(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static List<Double> nums(double[] values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(num(v));
    }
    return list;
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
