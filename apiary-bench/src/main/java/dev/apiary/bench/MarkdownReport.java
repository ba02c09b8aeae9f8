package dev.apiary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as Markdown tables. */
final class MarkdownReport {
  private MarkdownReport() {}

  static void write(BenchReport report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  static String render(BenchReport r) {
    StringBuilder md = new StringBuilder();
    MachineInfo m = r.machine();
    BenchOptions o = r.options();
    line(
        md,
        "## Apiary vs DuckDB%s, scale factor %s",
        o.smoke() ? " (smoke run)" : "",
        fmt(o.scale()));
    md.append('\n');
    line(
        md,
        "Machine: %s, %d cores, %.1f GiB memory, %s, %s; %s.",
        m.cpuModel(),
        m.cores(),
        m.memoryBytes() / (double) (1L << 30),
        m.os(),
        m.jdk(),
        m.date());
    line(
        md,
        "Both systems: %d threads; the Apiary node has %.1f GiB and gives its chamber %.0f MiB,"
            + " DuckDB's memory_limit is the same. One untimed pass over all queries, then"
            + " per query one warm-up and %d timed runs, interleaved; medians. Cold: %s, %s.",
        o.threads(),
        o.memoryBytes() / (double) (1L << 30),
        r.duckMemoryLimitBytes() / (double) (1L << 20),
        o.runs(),
        o.coldRunsOrDefault() > 0
            ? "a new JVM per measurement, " + o.coldRunsOrDefault() + " per query and system"
            : "not measured",
        r.pageCache());
    md.append('\n');
    md.append(
        "### Summary (ratio = Apiary time / DuckDB time; below 1 means Apiary is faster)\n\n");
    md.append(
        "| scope | queries | ran | equal results | hot geomean | hot total ratio | cold geomean |"
            + " cold total ratio |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BenchReport.Summary s : r.summaries()) {
      line(
          md,
          "| %s | %d | %d | %d | %s | %s | %s | %s |",
          s.scope(),
          s.queries(),
          s.ran(),
          s.equal(),
          ratio(s.hotGeoMean()),
          ratio(s.hotTotalRatio()),
          ratio(s.coldGeoMean()),
          ratio(s.coldTotalRatio()));
    }
    md.append('\n');
    md.append("### Queries (median ms)\n\n");
    md.append(
        "| suite | query | rows | cells kept | hot Apiary | hot DuckDB | hot ratio | cold Apiary |"
            + " cold DuckDB | cold ratio | results |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (QueryTiming q : r.queries()) {
      line(
          md,
          "| %s | %s | %d | %d/%d | %s | %s | %s | %s | %s | %s | %s |",
          q.suite(),
          q.id(),
          q.rows(),
          q.cellsKept(),
          q.cellsTotal(),
          ms(q.apiaryHot()),
          ms(q.duckHot()),
          ratio(q.hotRatio()),
          ms(q.apiaryCold()),
          ms(q.duckCold()),
          ratio(q.coldRatio()),
          !q.ran() ? "failed: " + q.error() : q.equal() ? "equal" : "DIFFER: " + q.difference());
    }
    md.append('\n');
    md.append("### Ingest\n\n");
    line(
        md,
        "Medians of %d rounds; each round runs Apiary, then DuckDB in this process, then (CSV) DuckDB"
            + " as its own process, into fresh directories.\n",
        r.options().runs());
    md.append(
        "| input | rows | input MB | Apiary rows/s | Apiary MB/s | DuckDB COPY rows/s |"
            + " DuckDB COPY MB/s | Apiary / DuckDB time |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (IngestMeasurement.Result i : r.ingest()) {
      line(
          md,
          "| %s | %d | %.1f | %.0f | %.1f | %.0f | %.1f | %.2f |",
          i.input(),
          i.rows(),
          i.inputBytes() / 1e6,
          i.apiaryRowsPerSecond(),
          i.apiaryMegabytesPerSecond(),
          i.duckRowsPerSecond(),
          i.duckMegabytesPerSecond(),
          i.apiarySeconds() / i.duckSeconds());
    }
    md.append('\n');
    md.append("### Commit latency (single-row appends, local storage)\n\n");
    md.append("| writers | commits | p50 ms | p99 ms | commits/s |\n");
    md.append("|---:|---:|---:|---:|---:|\n");
    for (CommitBenchmark.Run c : r.commits()) {
      line(
          md,
          "| %d | %d | %.3f | %.3f | %.1f |",
          c.writers(),
          c.latenciesNanos().length,
          c.percentileMillis(50),
          c.percentileMillis(99),
          c.commitsPerSecond());
    }
    md.append('\n');
    md.append("### Memory (node limited to 512 MiB in total, SSB queries)\n\n");
    MemoryMeasurement.Result mem = r.memory();
    if (mem == null) {
      md.append("Not measured in this run.\n");
    } else {
      long ok =
          DataPreparation.queries("ssb").stream()
              .filter(q -> mem.queries().getOrDefault(q.id(), "").startsWith("ok"))
              .count();
      line(
          md,
          "JVM heap -Xmx%s, engine memory %.0f MiB: peak RSS %.0f MiB; %d of %d queries"
              + " finished%s.",
          mem.heap(),
          mem.engineBytes() / (double) (1L << 20),
          mem.peakRssBytes() / (double) (1L << 20),
          ok,
          DataPreparation.queries("ssb").size(),
          mem.allFinished() ? " (all)" : ", exit code " + mem.exitCode());
      List<String> spilled = mem.ssbQueriesThatSpilled();
      long peak = spilled.stream().mapToLong(mem::spilledBytes).max().orElse(0);
      line(
          md,
          "SSB queries that spilled to the engine's temp directory: %s.",
          spilled.isEmpty()
              ? "none (their hash tables fit in the chamber's memory)"
              : String.join(", ", spilled)
                  + String.format(Locale.ROOT, " (peak %.1f MiB)", peak / (double) (1L << 20)));
      long check = mem.spilledBytes(MemoryProbe.SPILL_CHECK);
      line(
          md,
          "Spill check (`%s`): %s.",
          MemoryProbe.SPILL_CHECK_SQL,
          check < 0
              ? "did not finish: " + mem.queries().getOrDefault(MemoryProbe.SPILL_CHECK, "not run")
              : String.format(
                  Locale.ROOT,
                  "finished in %s ms, peak %.1f MiB spilled",
                  mem.queries().get(MemoryProbe.SPILL_CHECK).split(" ")[1],
                  check / (double) (1L << 20)));
      for (Map.Entry<String, String> e : mem.queries().entrySet()) {
        if (!e.getValue().startsWith("ok")) {
          line(md, "- %s: %s", e.getKey(), e.getValue());
        }
      }
    }
    return md.toString();
  }

  private static void line(StringBuilder md, String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  static String fmt(double scale) {
    return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
  }

  private static String ms(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : "–";
  }

  private static String ratio(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "–";
  }
}
