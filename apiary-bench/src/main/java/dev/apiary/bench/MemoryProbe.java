package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.runtime.Apiary;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * Child process main of the memory test: a node with the given cores and total memory (its JVM heap
 * limit is set by the parent) runs every SSB query once on the prepared storage and prints {@code
 * QUERY <id> ok <millis>} or {@code QUERY <id> error <message>} per query.
 *
 * <p>Usage: {@code MemoryProbe DATA_DIR THREADS MEMORY_BYTES}
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    long memory = Long.parseLong(args[2]);
    Path node = root.resolve("memory-nodes").resolve(UUID.randomUUID().toString());
    try (Apiary apiary = new Apiary(ColdQuery.config(root, node, threads, memory)).start()) {
      QueryExecution.useApiary(apiary, "ssb");
      for (BenchmarkQuery query : DataPreparation.queries("ssb")) {
        try {
          double ms = QueryExecution.apiary(apiary, query.sql(), false).millis();
          System.out.printf(Locale.ROOT, "QUERY %s ok %.1f%n", query.id(), ms);
        } catch (RuntimeException | OutOfMemoryError e) {
          System.out.printf(
              Locale.ROOT, "QUERY %s error %s%n", query.id(), String.valueOf(e).replace('\n', ' '));
        }
        System.out.flush();
      }
    }
    ColdQuery.deleteTree(node);
  }
}
