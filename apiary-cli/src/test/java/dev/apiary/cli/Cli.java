package dev.apiary.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as a real process: this JVM's java, the test class path, {@code APIARY_HOME} in a
 * temporary directory (nothing touches the real home) and bounded node resources.
 */
final class Cli {
  private final Path home;
  private final Path work;

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  Cli(Path directory) {
    this.home = directory.resolve("apiary-home");
    this.work = directory.resolve("cli-runs");
  }

  Path home() {
    return home;
  }

  Result run(String... args) {
    return runWithInput(null, Map.of(), args);
  }

  Result runWithEnvironment(Map<String, String> environment, String... args) {
    return runWithInput(null, environment, args);
  }

  Result runWithInput(String stdin, Map<String, String> environment, String... args) {
    try {
      Files.createDirectories(work);
      Path in = Files.createTempFile(work, "stdin", ".txt");
      Path out = Files.createTempFile(work, "stdout", ".txt");
      Path err = Files.createTempFile(work, "stderr", ".txt");
      Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
      Process process =
          builder(environment, args)
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("apiary " + String.join(" ", args) + " did not finish");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Starts a long-running command (such as {@code apiary start}); the caller reads its standard
   * output from the process and stops it. Standard error goes to the test's.
   */
  Process start(Map<String, String> environment, String... args) {
    try {
      return builder(environment, args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProcessBuilder builder(Map<String, String> environment, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-Xmx512m");
    // The engine unpacks its 71 MB native library into the temporary directory and deletes it at
    // exit; a killed process leaves it, so the test's own directory holds it.
    command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
    command.add("-cp");
    command.add(classPath());
    command.add("dev.apiary.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("APIARY_TIMING");
    builder.environment().remove("APIARY_STDERR_TTY");
    builder.environment().put("APIARY_HOME", home.toString());
    builder.environment().put("APIARY_CORES", "2");
    builder.environment().put("APIARY_MEMORY", "2GB");
    builder.environment().putAll(environment);
    return builder;
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
