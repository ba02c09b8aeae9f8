package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.datagen.Ssb;
import dev.apiary.datagen.TableGenerator;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import dev.apiary.storage.CountingObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * SSB on S3 storage (s3proxy on 127.0.0.1) against the same data on a local directory: per query
 * the time with a cold cell cache (a fresh node; all cold runs first), then with a warm one and on
 * local storage, interleaved; plus the storage requests each query costs cold and warm, how long a
 * warm query spends on the catalog and the frame logs ({@code analyse}, {@code snapshot} and {@code
 * check}), and the CPU time per query of this JVM and of a separate server process.
 *
 * <p>Usage: {@code S3Comparison [--scale 0.2] [--runs 3] [--dir PATH] [--server-process] [--warmup
 * ROUNDS] [--freshness-window MS]}; with {@code --server-process} the S3 server runs in a JVM of
 * its own rather than in this one; {@code --warmup} (default 1, as {@code bench/run}'s untimed
 * pass) runs every query that many more times on both nodes, untimed, before the timed runs (a JVM
 * whose S3 client code is compiled, as on a node that has been up for a while); {@code
 * --freshness-window} gives both query nodes that opt-in freshness window (default: none, every
 * statement checks storage).
 */
public final class S3Comparison {
  private static final String HIVE = "bench";
  private static final String BOX = "ssb";

  private final Path root;
  private final BenchS3Server server;
  private final int threads;
  private final Duration freshness;
  private int nodes;

  private S3Comparison(Path root, BenchS3Server server, int threads, Duration freshness) {
    this.root = root;
    this.server = server;
    this.threads = threads;
    this.freshness = freshness;
  }

  public static void main(String[] args) throws Exception {
    double scale = 0.2;
    int runs = 3;
    Path dir = null;
    boolean serverProcess = false;
    int warmup = 1;
    Duration freshness = Duration.ZERO;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--server-process" -> serverProcess = true;
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--freshness-window" -> freshness = Duration.ofMillis(Long.parseLong(args[++i]));
        default -> {
          System.err.println(
              "Usage: s3-ratio [--scale 0.2] [--runs 3] [--dir PATH] [--server-process]"
                  + " [--warmup ROUNDS] [--freshness-window MS]");
          System.exit(1);
        }
      }
    }
    Path root = dir != null ? dir : BenchDirectory.temporary("apiary-s3-bench");
    try (BenchS3Server server =
        serverProcess ? BenchS3Server.childProcess() : BenchS3Server.inProcess()) {
      new S3Comparison(root, server, Runtime.getRuntime().availableProcessors(), freshness)
          .run(scale, runs, warmup);
    }
  }

  private ApiaryConfig config(String name) {
    return ApiaryConfig.named("bench")
        .withStorage(root.resolve(name).toString())
        .withNodeDirectory(root.resolve("node-" + name + "-" + nodes++))
        .withResources(threads, 3L << 30);
  }

  private Apiary s3Node(CountingObjectStore store) {
    return Apiary.onStore(config("s3"), store).start();
  }

  private void run(double scale, int runs, int warmup) throws Exception {
    try (Apiary local = new Apiary(config("local").withFreshnessWindow(freshness)).start();
        Apiary writer = s3Node(new CountingObjectStore(server.newStore("ssb")))) {
      load(local, scale);
      load(writer, scale);
      local.sql("USE bench.ssb").close();
      CountingObjectStore warmStore = new CountingObjectStore(server.newStore("ssb"));
      try (Apiary warm =
          Apiary.onStore(config("s3").withFreshnessWindow(freshness), warmStore).start()) {
        warm.sql("USE bench.ssb").close();
        // The cold runs come first, and their caches are deleted and the deletion flushed before
        // the warm runs: otherwise their downloads' garbage, compiler work and the writeback of
        // their cache files land on the warm runs measured after them.
        Map<String, Double> coldMillis = new java.util.HashMap<>();
        Map<String, Long> coldRequestCounts = new java.util.HashMap<>();
        for (BenchmarkQuery query : Ssb.queries()) {
          CountingObjectStore coldStore = new CountingObjectStore(server.newStore("ssb"));
          ApiaryConfig coldConfig = config("s3");
          try (Apiary fresh = Apiary.onStore(coldConfig, coldStore).start()) {
            fresh.sql("USE bench.ssb").close();
            coldStore.reset();
            coldMillis.put(query.id(), SsbComparison.timeApiary(fresh, query.sql()));
          }
          coldRequestCounts.put(query.id(), coldStore.total());
          ColdQuery.deleteTree(coldConfig.nodeDirectory());
        }
        ChildJvm.flushWrites();
        for (int round = 0; round < warmup; round++) {
          for (BenchmarkQuery query : Ssb.queries()) {
            QueryExecution.phased(local, query.sql());
            QueryExecution.phased(warm, query.sql());
          }
        }
        System.out.printf(
            Locale.ROOT,
            "SSB SF %s, %d threads, %d timed runs, %d warm-up rounds, freshness window %d ms;"
                + " S3 = %s%n",
            scale,
            threads,
            runs,
            warmup,
            freshness.toMillis(),
            server.description());
        System.out.println(
            "| query | local ms | S3 warm ms | warm/local | S3 cold ms | cold/local | cold requests"
                + " | warm requests | catalog+logs ms local | catalog+logs ms S3 warm |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        double warmLogSum = 0;
        double coldLogSum = 0;
        double localMetadataSum = 0;
        double warmMetadataSum = 0;
        int n = 0;
        long localCpu = 0;
        long warmCpu = 0;
        int timedRuns = 0;
        Duration serverCpu = Duration.ZERO;
        for (BenchmarkQuery query : Ssb.queries()) {
          double cold = coldMillis.get(query.id());
          long coldRequests = coldRequestCounts.get(query.id());
          double[] l = new double[runs];
          double[] w = new double[runs];
          double[] lm = new double[runs];
          double[] wm = new double[runs];
          long warmRequests = 0;
          List<Map<String, Double>> localPhases = new java.util.ArrayList<>();
          List<Map<String, Double>> warmPhases = new java.util.ArrayList<>();
          for (int r = -1; r < runs; r++) {
            long c0 = processCpuNanos();
            QueryExecution.Phased tl = QueryExecution.phased(local, query.sql());
            long c1 = processCpuNanos();
            warmStore.reset();
            Optional<Duration> s0 = server.cpuTime();
            QueryExecution.Phased tw = QueryExecution.phased(warm, query.sql());
            long c2 = processCpuNanos();
            Optional<Duration> s1 = server.cpuTime();
            if (r >= 0) {
              localCpu += c1 - c0;
              warmCpu += c2 - c1;
              timedRuns++;
              if (s0.isPresent() && s1.isPresent()) {
                serverCpu = serverCpu.plus(s1.get().minus(s0.get()));
              }
              l[r] = tl.millis();
              w[r] = tw.millis();
              lm[r] = tl.metadataMillis();
              wm[r] = tw.metadataMillis();
              localPhases.add(tl.phases());
              warmPhases.add(tw.phases());
              warmRequests = warmStore.total();
            }
          }
          System.err.printf(
              "%s phases, local: %s; S3 warm: %s%n",
              query.id(), Stats.phaseMedians(localPhases), Stats.phaseMedians(warmPhases));
          double ml = Stats.median(l);
          double mw = Stats.median(w);
          double mlm = Stats.median(lm);
          double mwm = Stats.median(wm);
          localMetadataSum += mlm;
          warmMetadataSum += mwm;
          warmLogSum += Math.log(mw / ml);
          coldLogSum += Math.log(cold / ml);
          n++;
          System.out.printf(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.2f | %.1f | %.2f | %d | %d | %.1f | %.1f |%n",
              query.id(),
              ml,
              mw,
              mw / ml,
              cold,
              cold / ml,
              coldRequests,
              warmRequests,
              mlm,
              mwm);
        }
        System.out.printf(
            Locale.ROOT,
            "geometric mean S3 warm/local: %.2f, S3 cold/local: %.2f%n",
            Math.exp(warmLogSum / n),
            Math.exp(coldLogSum / n));
        System.out.printf(
            Locale.ROOT,
            "mean catalog+logs time per query: local %.1f ms, S3 warm %.1f ms%n",
            localMetadataSum / n,
            warmMetadataSum / n);
        System.out.printf(
            Locale.ROOT,
            "mean CPU per timed query in this JVM: local %.1f ms, S3 warm %.1f ms%s%n",
            localCpu / 1e6 / timedRuns,
            warmCpu / 1e6 / timedRuns,
            server.cpuTime().isPresent()
                ? String.format(
                    Locale.ROOT,
                    "; the S3 server's process: %.1f ms per warm query",
                    serverCpu.toNanos() / 1e6 / timedRuns)
                : "");
      }
    }
  }

  /** The CPU time this JVM has used so far, all threads. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void load(Apiary apiary, double scale) throws Exception {
    apiary.createHive(HIVE);
    apiary.createBox(HIVE, BOX);
    for (TableGenerator table : Ssb.tables(scale)) {
      apiary.createFrame(
          HIVE,
          BOX,
          table.name(),
          table.columnTypes(),
          table.name().equals("lineorder") ? List.of("lo_discount") : List.of());
      try (ArrowReader reader = table.open(apiary.allocator(), 64 * 1024)) {
        apiary.write(HIVE, BOX, table.name(), reader);
      }
    }
  }
}
