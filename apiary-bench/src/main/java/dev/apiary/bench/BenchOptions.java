package dev.apiary.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@code bench/run}.
 *
 * @param scale scale factor of SSB and TPC-H
 * @param runs timed runs per query and system (after one warm-up)
 * @param suites {@code ssb}, {@code tpch} or both
 * @param smoke a tiny run: SF 0.01, 1 timed run, no cold runs, small ingest, few commits, no memory
 *     test
 * @param threads DuckDB threads on both sides (the Apiary node's cores)
 * @param memoryBytes memory of the Apiary node in the hot runs; DuckDB gets what the node gives its
 *     chamber
 * @param coldRuns cold measurements per query and system (0 = no cold runs)
 * @param ingestRows rows of the Arrow stream and of the CSV file in the ingest measurement
 * @param commits commits per commit-latency run
 * @param memoryTest whether to run the 512 MB node
 * @param dir working directory for data (null = a temporary one, deleted at the end)
 * @param out directory the report files go to
 * @param name base name of the report files ({@code latest} or {@code smoke})
 */
record BenchOptions(
    double scale,
    int runs,
    List<String> suites,
    boolean smoke,
    int threads,
    long memoryBytes,
    int coldRuns,
    long ingestRows,
    int commits,
    boolean memoryTest,
    Path dir,
    Path out,
    String name) {

  static final String USAGE =
      "Usage: bench/run [--scale 1] [--runs 3] [--suite ssb,tpch] [--smoke]\n"
          + "                 [--threads N] [--memory 4GB] [--cold-runs N] [--ingest-rows N]\n"
          + "                 [--commits N] [--no-memory-test] [--dir PATH] [--out DIR]";

  static BenchOptions defaults() {
    return new BenchOptions(
        1,
        3,
        List.of("ssb", "tpch"),
        false,
        Runtime.getRuntime().availableProcessors(),
        4L << 30,
        -1,
        10_000_000,
        1000,
        true,
        null,
        Path.of("bench", "results"),
        "latest");
  }

  /** The tiny run behind {@code --smoke}; explicit options given after it still apply. */
  BenchOptions smokeRun() {
    return new BenchOptions(
        0.01, 1, suites, true, threads, memoryBytes, 0, 100_000, 50, false, dir, out, "smoke");
  }

  /** Cold runs per query: as many as the timed runs unless given. */
  int coldRunsOrDefault() {
    return coldRuns >= 0 ? coldRuns : runs;
  }

  static BenchOptions parse(String... args) {
    BenchOptions o = defaults();
    for (String arg : args) {
      if (arg.equals("--smoke")) {
        o = o.smokeRun();
      }
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--smoke" -> {}
        case "--scale" -> o = o.with(Double.parseDouble(value(args, ++i)), o.runs, o.suites);
        case "--runs" -> o = o.with(o.scale, Integer.parseInt(value(args, ++i)), o.suites);
        case "--suite", "--suites" -> o = o.with(o.scale, o.runs, suites(value(args, ++i)));
        case "--threads" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    Integer.parseInt(value(args, ++i)),
                    o.memoryBytes,
                    o.coldRuns,
                    o.ingestRows,
                    o.commits,
                    o.memoryTest,
                    o.dir,
                    o.out,
                    o.name);
        case "--memory" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    o.threads,
                    dev.apiary.runtime.NodeResources.parseBytes(value(args, ++i)),
                    o.coldRuns,
                    o.ingestRows,
                    o.commits,
                    o.memoryTest,
                    o.dir,
                    o.out,
                    o.name);
        case "--cold-runs" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    o.threads,
                    o.memoryBytes,
                    Integer.parseInt(value(args, ++i)),
                    o.ingestRows,
                    o.commits,
                    o.memoryTest,
                    o.dir,
                    o.out,
                    o.name);
        case "--ingest-rows" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    o.threads,
                    o.memoryBytes,
                    o.coldRuns,
                    Long.parseLong(value(args, ++i)),
                    o.commits,
                    o.memoryTest,
                    o.dir,
                    o.out,
                    o.name);
        case "--commits" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    o.threads,
                    o.memoryBytes,
                    o.coldRuns,
                    o.ingestRows,
                    Integer.parseInt(value(args, ++i)),
                    o.memoryTest,
                    o.dir,
                    o.out,
                    o.name);
        case "--no-memory-test" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    o.threads,
                    o.memoryBytes,
                    o.coldRuns,
                    o.ingestRows,
                    o.commits,
                    false,
                    o.dir,
                    o.out,
                    o.name);
        case "--dir" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    o.threads,
                    o.memoryBytes,
                    o.coldRuns,
                    o.ingestRows,
                    o.commits,
                    o.memoryTest,
                    Path.of(value(args, ++i)),
                    o.out,
                    o.name);
        case "--out" ->
            o =
                new BenchOptions(
                    o.scale,
                    o.runs,
                    o.suites,
                    o.smoke,
                    o.threads,
                    o.memoryBytes,
                    o.coldRuns,
                    o.ingestRows,
                    o.commits,
                    o.memoryTest,
                    o.dir,
                    Path.of(value(args, ++i)),
                    o.name);
        default -> throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
      }
    }
    if (o.runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1\n" + USAGE);
    }
    return o;
  }

  private BenchOptions with(double newScale, int newRuns, List<String> newSuites) {
    return new BenchOptions(
        newScale,
        newRuns,
        newSuites,
        smoke,
        threads,
        memoryBytes,
        coldRuns,
        ingestRows,
        commits,
        memoryTest,
        dir,
        out,
        name);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static List<String> suites(String text) {
    List<String> list = new ArrayList<>();
    for (String s : text.split(",")) {
      String suite = s.strip().toLowerCase(Locale.ROOT);
      if (!suite.equals("ssb") && !suite.equals("tpch")) {
        throw new IllegalArgumentException("Unknown suite '" + s + "': use ssb, tpch or ssb,tpch");
      }
      if (!list.contains(suite)) {
        list.add(suite);
      }
    }
    return List.copyOf(list);
  }
}
