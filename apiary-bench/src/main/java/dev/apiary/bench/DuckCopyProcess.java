package dev.apiary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * DuckDB's {@code COPY} of a CSV file to partitioned Parquet as its own JVM process, the
 * counterpart of an {@code apiary load} process: both pay a JVM start and the engine's native
 * library load. When the {@code ./apiary} launcher has unpacked that library ({@code
 * apiary-cli/target/duckdb-native-*}), the child loads it from there too, as Apiary's commands do;
 * otherwise the DuckDB jar unpacks it into a temp file at start (slower: only the smoke run does
 * that).
 *
 * <p>Child usage: {@code DuckCopyProcess CSV OUT_DIRECTORY THREADS MEMORY_LIMIT_BYTES}.
 */
final class DuckCopyProcess {
  private DuckCopyProcess() {}

  public static void main(String[] args) throws SQLException {
    try (Connection duck = Sql.duck(Integer.parseInt(args[2]), Long.parseLong(args[3]));
        Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv("
              + Sql.literal(args[0])
              + ")) TO "
              + Sql.literal(args[1])
              + IngestMeasurement.copyOptions());
    }
  }

  /**
   * Runs the child and returns its time from start to exit, in seconds.
   *
   * @throws IOException if it failed
   */
  static double run(Path csv, Path out, int threads, long memoryLimitBytes) throws IOException {
    List<String> options = new ArrayList<>();
    String classPath = System.getProperty("java.class.path");
    Path library = unpackedNativeLibrary();
    if (library != null) {
      options.add("-Djava.library.path=" + library);
      List<String> entries = new ArrayList<>();
      for (String entry : classPath.split(java.io.File.pathSeparator)) {
        entries.add(
            entry.matches(".*/duckdb_jdbc-[^/]*\\.jar")
                ? library.resolve("classes.jar").toString()
                : entry);
      }
      classPath = String.join(java.io.File.pathSeparator, entries);
    }
    long started = System.nanoTime();
    Process process =
        ChildJvm.builder(
                "1g",
                options,
                classPath,
                DuckCopyProcess.class.getName(),
                List.of(
                    csv.toString(),
                    out.toString(),
                    Integer.toString(threads),
                    Long.toString(memoryLimitBytes)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int exit = ChildJvm.exitCode(process, "DuckDB's COPY process");
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exit != 0) {
      throw new IOException("DuckDB's COPY process exited with " + exit);
    }
    return seconds;
  }

  /** The launcher's unpacked engine library directory, if the benchmark runs beside one. */
  private static Path unpackedNativeLibrary() throws IOException {
    String launcher = System.getProperty(CliLoad.LAUNCHER);
    if (launcher == null || launcher.isBlank()) {
      return null;
    }
    Path target = Path.of(launcher).toAbsolutePath().getParent().resolve("apiary-cli/target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> entries = Files.list(target)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("duckdb-native-"))
          .filter(p -> Files.isRegularFile(p.resolve("libduckdb_java.so")))
          .filter(p -> Files.isRegularFile(p.resolve("classes.jar")))
          .findFirst()
          .orElse(null);
    }
  }
}
