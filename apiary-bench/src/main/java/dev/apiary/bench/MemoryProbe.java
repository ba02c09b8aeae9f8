package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.runtime.Apiary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Child process main of the memory test: a node with the given cores and total memory (its JVM heap
 * limit is set by the parent) runs every SSB query once on the prepared storage, then {@link
 * #SPILL_CHECK}, a high-cardinality aggregate whose hash table does not fit the chamber, and prints
 * {@code QUERY <id> ok <millis> spilled <bytes>} or {@code QUERY <id> error <message>} per query.
 * The spilled bytes are the peak size of the node's spill directory (the chambers' DuckDB {@code
 * temp_directory}) while the query ran, sampled every 5 ms by the thread {@code spill-sampler}.
 *
 * <p>Usage: {@code MemoryProbe DATA_DIR THREADS MEMORY_BYTES}
 */
public final class MemoryProbe {
  static final String SPILL_CHECK = "spill-check";
  static final String SPILL_CHECK_SQL =
      "SELECT count(*), sum(revenue) FROM (SELECT lo_orderkey, lo_linenumber, sum(lo_revenue) AS"
          + " revenue FROM lineorder GROUP BY lo_orderkey, lo_linenumber)";

  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    long memory = Long.parseLong(args[2]);
    Path node = root.resolve("memory-nodes").resolve(UUID.randomUUID().toString());
    Map<String, String> queries = new LinkedHashMap<>();
    for (BenchmarkQuery query : DataPreparation.queries("ssb")) {
      queries.put(query.id(), query.sql());
    }
    queries.put(SPILL_CHECK, SPILL_CHECK_SQL);
    AtomicLong peakSpill = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakSpill.accumulateAndGet(bytesUnder(node.resolve("spill")), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "spill-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try (Apiary apiary = new Apiary(ColdQuery.config(root, node, threads, memory)).start()) {
      QueryExecution.useApiary(apiary, "ssb");
      for (Map.Entry<String, String> query : queries.entrySet()) {
        peakSpill.set(0);
        try {
          double ms = QueryExecution.apiary(apiary, query.getValue(), false).millis();
          System.out.printf(
              Locale.ROOT, "QUERY %s ok %.1f spilled %d%n", query.getKey(), ms, peakSpill.get());
        } catch (RuntimeException | OutOfMemoryError e) {
          System.out.printf(
              Locale.ROOT,
              "QUERY %s error %s%n",
              query.getKey(),
              String.valueOf(e).replace('\n', ' '));
        }
        System.out.flush();
      }
    } finally {
      sampler.interrupt();
    }
    ColdQuery.deleteTree(node);
  }

  /** Total size of the regular files under a directory; 0 if it does not exist. */
  static long bytesUnder(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.mapToLong(MemoryProbe::sizeOrZero).sum();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException | UncheckedIOException e) {
      // A chamber removed its spill directory while we walked it: count what we saw next time.
      return 0;
    }
  }

  private static long sizeOrZero(Path path) {
    try {
      return Files.isRegularFile(path) ? Files.size(path) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
