package dev.apiary.cli;

import dev.apiary.cli.output.ArrowRows;
import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.datagen.Ssb;
import dev.apiary.datagen.TableGenerator;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.SqlSession;
import dev.apiary.error.InvalidInputException;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apiary quickstart}: a demo apiary with the Star Schema Benchmark loaded and a few of its
 * queries run. Safe to repeat: frames already holding the right rows are not loaded again.
 */
@Command(
    name = "quickstart",
    description =
        "Create a demo apiary (hive demo, box ssb), load the Star Schema Benchmark and run"
            + " some of its queries. Default storage: ~/.apiary/data/quickstart.",
    footer = {
      "",
      "Examples:",
      "  apiary quickstart",
      "  apiary quickstart --scale 1 --storage /data/ssb1"
    })
final class QuickstartCommand extends ApiaryCommand {
  static final String HIVE = "demo";
  static final String BOX = "ssb";
  static final Map<String, List<String>> PARTITION_BY = Map.of("lineorder", List.of("lo_discount"));
  static final List<String> QUERIES = List.of("Q1.1", "Q2.1", "Q3.1", "Q4.1");
  static final int SHOWN_ROWS = 5;
  static final int BATCH_ROWS = 65_536;

  @Option(
      names = "--scale",
      defaultValue = "0.2",
      paramLabel = "SF",
      description =
          "SSB scale factor (default ${DEFAULT-VALUE}: lineorder has about 6 million rows x SF).")
  double scale;

  @Override
  public Integer call() {
    if (!(scale > 0) || scale > 1000) {
      throw new InvalidInputException(
          "--scale must be a positive scale factor up to 1000, e.g. 0.2; got " + scale);
    }
    ApiaryConfig config = common.config("quickstart");
    PrintWriter out = out();
    List<TableGenerator> tables = Ssb.tables(scale);
    String storage;
    try (Apiary apiary = new Apiary(config).start()) {
      storage = apiary.status().storageUri();
      out.printf(
          Locale.ROOT,
          "Apiary quickstart: Star Schema Benchmark at scale %s in %s.%s on %s%n%n",
          scale,
          HIVE,
          BOX,
          storage);
      apiary.createHive(HIVE);
      apiary.createBox(HIVE, BOX);
      out.println("Loading frames:");
      FrameLoader loader = new FrameLoader(apiary, HIVE, BOX, BATCH_ROWS, out);
      for (TableGenerator table : tables) {
        loader.load(table, PARTITION_BY.getOrDefault(table.name(), List.of()));
      }
      out.println();
      runQueries(apiary, out);
    }
    out.println("Open the shell on the same data:");
    out.println("  ./apiary shell --storage " + storage);
    out.println("  apiary default.default> USE demo.ssb;");
    out.println("  apiary demo.ssb> SELECT d_year, sum(lo_revenue) AS revenue");
    out.println("            ...> FROM lineorder JOIN date ON lo_orderdate = d_datekey");
    out.println("            ...> GROUP BY d_year ORDER BY d_year;");
    out.flush();
    return ExitCodes.OK;
  }

  private void runQueries(Apiary apiary, PrintWriter out) {
    SqlSession session = apiary.newSession();
    apiary.sql("USE " + HIVE + "." + BOX, session).close();
    for (BenchmarkQuery query : Ssb.queries()) {
      if (!QUERIES.contains(query.id())) {
        continue;
      }
      out.println("SSB " + query.id() + ":");
      for (String line : query.sql().strip().split("\n")) {
        out.println("  " + line);
      }
      out.flush();
      long started = System.nanoTime();
      try (QueryResult result = apiary.sql(query.sql(), session)) {
        ArrowRows.copy(result.reader(), common.format().sink(out, SHOWN_ROWS));
        long wall = System.nanoTime() - started;
        long kept = 0;
        long total = 0;
        for (QueryResult.FramePlan frame : result.plan()) {
          kept += frame.cellsKept();
          total += frame.cellsTotal();
        }
        out.printf(
            Locale.ROOT,
            "cells scanned: %d of %d (%d pruned)%n%s%n%n",
            kept,
            total,
            total - kept,
            Timings.format(result.timingsMicros(), wall));
      }
    }
  }
}
