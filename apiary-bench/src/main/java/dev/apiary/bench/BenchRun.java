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
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The benchmark behind {@code bench/run}: SSB and TPC-H on Apiary next to DuckDB on plain Parquet
 * (hot and cold), ingest, commit latency and a memory-limited node; writes {@code <name>.json},
 * {@code <name>.md} and {@code <name>.svg} to the output directory.
 */
public final class BenchRun {
  private BenchRun() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
      return;
    }
    BenchReport report = run(options);
    System.out.print(MarkdownReport.render(report));
    System.out.println();
    System.out.println("Written: " + reportFiles(options));
    System.exit(report.allRanAndEqual() ? 0 : 1);
  }

  static List<Path> reportFiles(BenchOptions options) {
    return List.of(
        options.out().resolve(options.name() + ".json"),
        options.out().resolve(options.name() + ".md"),
        options.out().resolve(options.name() + ".svg"));
  }

  static BenchReport run(BenchOptions o) throws Exception {
    Path root = o.dir() != null ? o.dir() : BenchDirectory.temporary("apiary-bench");
    BenchReport report = measure(o, root);
    Files.createDirectories(o.out());
    List<Path> files = reportFiles(o);
    JsonReport.write(report, files.get(0));
    MarkdownReport.write(report, files.get(1));
    SvgChart.write(report, files.get(2));
    return report;
  }

  private static BenchReport measure(BenchOptions o, Path root) throws Exception {
    MachineInfo machine = MachineInfo.detect();
    NodeResources resources = NodeResources.detect(o.threads(), o.memoryBytes());
    long duckLimit = resources.memoryBytes() - resources.reserveBytes();
    System.err.printf(
        Locale.ROOT,
        "bench: SF %s, suites %s, %d threads, node memory %d MiB (chamber and DuckDB: %d MiB),"
            + " data in %s%n",
        MarkdownReport.fmt(o.scale()),
        o.suites(),
        o.threads(),
        o.memoryBytes() >> 20,
        duckLimit >> 20,
        root);
    List<DataPreparation.Loaded> loads = new ArrayList<>();
    List<QueryTiming> timings = new ArrayList<>();
    List<BenchmarkQuery> queries = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        Apiary apiary =
            new Apiary(ColdQuery.config(root, root.resolve("node"), o.threads(), o.memoryBytes()))
                .start();
        Connection duck = Sql.duck(o.threads(), duckLimit)) {
      for (String suite : o.suites()) {
        loads.addAll(DataPreparation.load(apiary, duck, root, suite, o.scale(), allocator));
        DataPreparation.createViews(duck, root, suite, o.scale());
      }
      // The data just written would otherwise be written back to disk during the hot runs.
      ChildJvm.flushWrites();
      HotRunner hot = new HotRunner(apiary, duck, allocator, o.runs());
      for (String suite : o.suites()) {
        queries.addAll(DataPreparation.queries(suite));
      }
      hot.warmUp(queries);
      for (BenchmarkQuery query : queries) {
        timings.add(hot.run(query));
      }
    }
    String pageCache = "no cold runs";
    if (o.coldRunsOrDefault() > 0) {
      ColdRunner cold =
          new ColdRunner(
              root,
              o.scale(),
              o.threads(),
              o.memoryBytes(),
              (Runtime.getRuntime().maxMemory() >> 20) + "m",
              o.coldRunsOrDefault());
      pageCache =
          cold.dropsCaches()
              ? "page cache dropped before each measurement"
              : "page cache not dropped";
      for (int i = 0; i < timings.size(); i++) {
        if (timings.get(i).ran()) {
          timings.set(i, cold.measure(timings.get(i), queries.get(i)));
        }
      }
    }
    List<IngestMeasurement.Result> ingest = new ArrayList<>();
    Path ingestRoot = root.resolve("ingest");
    ingest.add(
        IngestMeasurement.arrow(
            ingestRoot, o.ingestRows(), o.threads(), o.memoryBytes(), o.runs()));
    ingest.addAll(
        IngestMeasurement.csv(ingestRoot, o.ingestRows(), o.threads(), o.memoryBytes(), o.runs()));
    for (IngestMeasurement.Result r : ingest) {
      System.err.printf(
          Locale.ROOT,
          "ingest %s: apiary %.2f s, duckdb %.2f s%n",
          r.input(),
          r.apiarySeconds(),
          r.duckSeconds());
    }
    ColdQuery.deleteTree(ingestRoot);
    List<CommitBenchmark.Run> commits =
        CommitBenchmark.run(root.resolve("commits"), o.commits(), 4);
    MemoryMeasurement.Result memory = null;
    if (o.memoryTest() && o.suites().contains("ssb")) {
      memory = MemoryMeasurement.run(root, o.threads());
      System.err.printf(
          Locale.ROOT,
          "memory: peak RSS %d MiB, all finished: %s%n",
          memory.peakRssBytes() >> 20,
          memory.allFinished());
    }
    return new BenchReport(
        machine, o, duckLimit, pageCache, loads, timings, ingest, commits, memory);
  }
}
