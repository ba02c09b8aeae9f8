package dev.apiary.datagen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the benchmark queries, one SQL file per query, from this module's resources. */
final class QueryFiles {
  private QueryFiles() {}

  /**
   * Loads {@code <folder>/<file>.sql} for each file name, in order.
   *
   * @param ids the standard query ids, parallel to {@code files}
   * @throws IllegalStateException if a file is missing from the jar (a packaging error)
   */
  static List<BenchmarkQuery> load(String suite, List<String> ids, List<String> files) {
    List<BenchmarkQuery> queries = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String resource = suite + "/" + files.get(i) + ".sql";
      try (InputStream in = QueryFiles.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "Query resource dev/apiary/datagen/" + resource + " is missing from the classpath");
        }
        String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        queries.add(new BenchmarkQuery(suite, ids.get(i), sql));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read query resource " + resource, e);
      }
    }
    return List.copyOf(queries);
  }
}
