package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.runtime.NodeResources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peak RSS of a node limited to 512 MiB in total (JVM heap + engine) running the SSB queries: a
 * child JVM with {@code -Xmx}{@value #HEAP} and {@code withResources(cores, 512 MiB)}, so the node
 * reserves heap + 128 MiB (capped at half the memory) and its DuckDB chamber gets the rest as its
 * memory limit, and must spill beyond it. VmHWM is read from /proc while the child runs; the child
 * reports how many bytes each query spilled ({@link MemoryProbe}), and runs one more query that
 * cannot finish without spilling.
 */
final class MemoryMeasurement {
  static final String HEAP = "128m";
  static final long MEMORY = 512L << 20;

  /**
   * @param queries per query (the SSB queries, then {@link MemoryProbe#SPILL_CHECK}): "ok
   *     &lt;ms&gt; spilled &lt;bytes&gt;" or "error ..." (missing if the child died first)
   */
  record Result(
      long limitBytes,
      String heap,
      long engineBytes,
      long peakRssBytes,
      int exitCode,
      Map<String, String> queries,
      boolean allFinished) {

    /** Peak bytes in the spill directory while the query ran; -1 if it did not finish. */
    long spilledBytes(String query) {
      String outcome = queries.getOrDefault(query, "");
      int at = outcome.indexOf(" spilled ");
      return outcome.startsWith("ok") && at >= 0
          ? Long.parseLong(outcome.substring(at + 9).strip())
          : -1;
    }

    /** The SSB queries that spilled, and how much (the most of any), in MiB. */
    List<String> ssbQueriesThatSpilled() {
      List<String> spilled = new ArrayList<>();
      for (BenchmarkQuery query : DataPreparation.queries("ssb")) {
        if (spilledBytes(query.id()) > 0) {
          spilled.add(query.id());
        }
      }
      return spilled;
    }
  }

  private MemoryMeasurement() {}

  static Result run(Path root, int threads) throws IOException, InterruptedException {
    Process process =
        ChildJvm.builder(
                HEAP,
                MemoryProbe.class,
                List.of(root.toString(), Integer.toString(threads), Long.toString(MEMORY)))
            .start();
    long pid = process.pid();
    long[] peak = {-1};
    Thread sampler =
        new Thread(
            () -> {
              while (process.isAlive()) {
                peak[0] = Math.max(peak[0], ChildJvm.peakRss(pid));
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Map<String, String> results = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("QUERY ")) {
          String[] parts = line.split(" ", 3);
          results.put(parts[1], parts[2]);
        }
      }
    }
    int exit = process.waitFor();
    sampler.join();
    boolean all = exit == 0;
    for (BenchmarkQuery query : DataPreparation.queries("ssb")) {
      String r = results.get(query.id());
      if (r == null || !r.startsWith("ok")) {
        all = false;
      }
    }
    if (!results.getOrDefault(MemoryProbe.SPILL_CHECK, "").startsWith("ok")) {
      all = false;
    }
    // The child's reserve follows its own heap limit; approximate it the same way.
    long heapBytes = NodeResources.parseBytes(HEAP);
    long reserve = Math.min(heapBytes + (128L << 20), MEMORY / 2);
    return new Result(MEMORY, HEAP, MEMORY - reserve, peak[0], exit, results, all);
  }
}
