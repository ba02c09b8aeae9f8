package dev.apiary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Data directories of the benchmarks. */
final class BenchDirectory {
  private BenchDirectory() {}

  /**
   * A new temporary directory, deleted with everything in it when this JVM exits (normally or by
   * {@code System.exit}): a benchmark's data is gigabytes, and nothing else would remove it.
   */
  static Path temporary(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    ColdQuery.deleteTree(dir);
                  } catch (IOException | UncheckedIOException e) {
                    System.err.println("Could not delete " + dir + ": " + e);
                  }
                },
                "bench-directory-cleanup"));
    return dir;
  }
}
