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
    BenchOptions base = defaults();
    for (String arg : args) {
      if (arg.equals("--smoke")) {
        base = base.smokeRun();
      }
    }
    double scale = base.scale;
    int runs = base.runs;
    List<String> suites = base.suites;
    int threads = base.threads;
    long memoryBytes = base.memoryBytes;
    int coldRuns = base.coldRuns;
    long ingestRows = base.ingestRows;
    int commits = base.commits;
    boolean memoryTest = base.memoryTest;
    Path dir = base.dir;
    Path out = base.out;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--smoke" -> {}
        case "--scale" -> scale = Double.parseDouble(value(args, ++i));
        case "--runs" -> runs = Integer.parseInt(value(args, ++i));
        case "--suite", "--suites" -> suites = suites(value(args, ++i));
        case "--threads" -> threads = Integer.parseInt(value(args, ++i));
        case "--memory" ->
            memoryBytes = dev.apiary.runtime.NodeResources.parseBytes(value(args, ++i));
        case "--cold-runs" -> coldRuns = Integer.parseInt(value(args, ++i));
        case "--ingest-rows" -> ingestRows = Long.parseLong(value(args, ++i));
        case "--commits" -> commits = Integer.parseInt(value(args, ++i));
        case "--no-memory-test" -> memoryTest = false;
        case "--dir" -> dir = Path.of(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
      }
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1\n" + USAGE);
    }
    return new BenchOptions(
        scale,
        runs,
        suites,
        base.smoke,
        threads,
        memoryBytes,
        coldRuns,
        ingestRows,
        commits,
        memoryTest,
        dir,
        out,
        base.name);
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
