package dev.apiary.bench;

import dev.apiary.catalog.Catalog;
import dev.apiary.engine.ChamberPool;
import dev.apiary.engine.ChamberSettings;
import dev.apiary.engine.LocalCellSource;
import dev.apiary.engine.QueryEngine;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.SqlSession;
import dev.apiary.engine.TaskBudgets;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import dev.apiary.runtime.bees.BeeLease;
import dev.apiary.runtime.bees.BeePool;
import dev.apiary.storage.LocalObjectStore;
import dev.apiary.table.FrameLogs;
import dev.apiary.table.FrameTables;
import dev.apiary.table.LogOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * What the bee pool and colony cost a trivial statement: the same statements run, interleaved,
 * through a node ({@code Apiary.sql}: colony admission, bees reserved by leafcutter sizing, chamber
 * of the budget's shape taken, abandonment) and through a bare {@code QueryEngine} on the same
 * storage with a fixed budget (no pool, no colony), plus the pool's own acquire and release. Prints
 * one JSON line per measurement.
 *
 * <p>Usage: {@code PoolOverhead [--runs N] [--dir PATH]}
 */
public final class PoolOverhead {
  private PoolOverhead() {}

  public static void main(String[] args) throws Exception {
    int runs = 1000;
    Path given = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--dir" -> given = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "Unknown option " + args[i] + "; use --runs N, --dir PATH");
      }
    }
    Path dir = given != null ? given : BenchDirectory.temporary("apiary-pool-overhead");
    Path storage = dir.resolve("store");
    Path csv = dir.resolve("tiny.csv");
    Files.writeString(csv, "id,name\n1,a\n2,b\n3,c\n");
    try (Apiary node =
            new Apiary(
                    ApiaryConfig.named("overhead")
                        .withStorage(storage.toString())
                        .withNodeDirectory(dir.resolve("node"))
                        .withResources(2, 2L << 30))
                .start();
        BufferAllocator allocator = new RootAllocator();
        LocalObjectStore store = new LocalObjectStore(storage);
        FrameLogs logs =
            new FrameLogs(
                store, LogOptions.defaults().withScratchDirectory(dir.resolve("bare-scratch")))) {
      node.load(csv, "bench", "tiny", "t", Optional.of(List.of()), rows -> {});
      Supplier<ChamberSettings> settings =
          () ->
              new ChamberSettings(
                  1,
                  1L << 30,
                  dir.resolve("bare-spill").resolve(UUID.randomUUID().toString()),
                  List.of());
      try (ChamberPool chambers = new ChamberPool(settings, 3)) { // as a 2-core node keeps
        QueryEngine bare =
            new QueryEngine(
                Catalog.open(store),
                new FrameTables(logs),
                new LocalCellSource(store),
                allocator,
                TaskBudgets.fixed(settings),
                chambers);
        SqlSession session = new SqlSession();
        for (String sql : new String[] {"SELECT 1", "SELECT count(*) FROM bench.tiny.t"}) {
          long[] withPool = new long[runs];
          long[] without = new long[runs];
          long[] poolPhase = new long[runs];
          long[] barePhase = new long[runs];
          long[] phase = new long[1];
          for (int i = -runs / 5; i < runs; i++) { // the first fifth warms up
            long a = timed(() -> node.sql(sql), phase);
            long ap = phase[0];
            long b = timed(() -> bare.execute(sql, session), phase);
            if (i >= 0) {
              withPool[i] = a;
              without[i] = b;
              poolPhase[i] = ap;
              barePhase[i] = phase[0];
            }
          }
          print(sql, "node (bee pool, colony)", withPool);
          print(sql, "bare engine (fixed budget)", without);
          print(sql, "node: 'bees' phase (reserve + take chamber)", poolPhase);
          print(sql, "bare: 'bees' phase (take chamber)", barePhase);
        }
      }
    }
    try (BeePool pool = new BeePool(2, 64L << 20)) {
      long[] cycle = new long[runs * 10];
      for (int i = -cycle.length; i < cycle.length; i++) {
        long start = System.nanoTime();
        BeeLease lease = pool.acquire("bench", 1, Duration.ZERO);
        lease.close();
        if (i >= 0) {
          cycle[i] = System.nanoTime() - start;
        }
      }
      print("-", "BeePool acquire + release", cycle);
    }
  }

  /** Runs a statement and reads its result; {@code beesPhase[0]} gets its 'bees' phase (ns). */
  private static long timed(Supplier<QueryResult> statement, long[] beesPhase) throws IOException {
    long start = System.nanoTime();
    try (QueryResult result = statement.get()) {
      while (result.reader().loadNextBatch()) {
        // read every batch, as a caller would
      }
      beesPhase[0] = result.timingsMicros().getOrDefault("bees", 0L) * 1000;
    }
    return System.nanoTime() - start;
  }

  private static void print(String sql, String path, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"statement\":\"%s\",\"path\":\"%s\",\"runs\":%d,\"p50_ms\":%.4f,\"p90_ms\":%.4f,"
                + "\"p99_ms\":%.4f}",
            sql,
            path,
            sorted.length,
            sorted[sorted.length / 2] / 1e6,
            sorted[(int) (sorted.length * 0.9)] / 1e6,
            sorted[(int) (sorted.length * 0.99)] / 1e6));
  }
}
