package dev.apiary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code apiary load FILE --into FRAME --create --partition-by COLUMN --format json} as its
 * own process: through the launcher named by the system property {@value #LAUNCHER} ({@code
 * bench/run} sets it to the repository's {@code ./apiary}, after building the CLI so that the
 * launcher does not build while it is timed), otherwise a child JVM running the CLI's main class on
 * this process's classpath (what the launcher execs). Storage and the node's home are under the
 * given directory.
 */
final class CliLoad {
  static final String LAUNCHER = "apiary.launcher";

  /** What the CLI reported: its one JSON summary line. */
  record Outcome(long rows, int cells, long bytes) {}

  private CliLoad() {}

  static Outcome run(Path dir, Path file, String frame, String partitionBy) throws IOException {
    List<String> arguments =
        List.of(
            "load",
            file.toString(),
            "--into",
            frame,
            "--create",
            "--partition-by",
            partitionBy,
            "--format",
            "json",
            "--storage",
            dir.resolve("store").toString());
    String launcher = System.getProperty(LAUNCHER);
    ProcessBuilder builder;
    if (launcher != null && !launcher.isBlank()) {
      List<String> command = new ArrayList<>();
      command.add(launcher);
      command.addAll(arguments);
      builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    } else {
      builder = ChildJvm.builder("1g", "dev.apiary.cli.Main", arguments);
    }
    builder.environment().put("APIARY_HOME", dir.resolve("home").toString());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    int exit = ChildJvm.exitCode(process, "apiary load");
    String text = new String(output, StandardCharsets.UTF_8).strip();
    if (exit != 0) {
      throw new IOException("apiary load exited with " + exit + ": " + text);
    }
    String last = text.substring(text.lastIndexOf('\n') + 1);
    JsonNode summary = new ObjectMapper().readTree(last);
    return new Outcome(
        summary.path("rows").asLong(-1),
        summary.path("cells").asInt(-1),
        summary.path("bytes").asLong(-1));
  }
}
