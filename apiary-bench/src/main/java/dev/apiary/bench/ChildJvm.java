package dev.apiary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a child JVM on this process's classpath, and reads /proc for it. */
final class ChildJvm {
  private ChildJvm() {}

  static ProcessBuilder builder(String maxHeap, Class<?> main, List<String> args) {
    return builder(maxHeap, main.getName(), args);
  }

  static ProcessBuilder builder(String maxHeap, String main, List<String> args) {
    return builder(maxHeap, List.of(), System.getProperty("java.class.path"), main, args);
  }

  /** A child JVM with other options and another class path. */
  static ProcessBuilder builder(
      String maxHeap, List<String> options, String classPath, String main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-Xmx" + maxHeap);
    // No "no SLF4J providers" warning from every child.
    command.add("-Dslf4j.internal.verbosity=ERROR");
    command.addAll(options);
    command.add("-cp");
    command.add(classPath);
    command.add(main);
    command.addAll(args);
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  /**
   * Waits for a child to exit.
   *
   * @param what what the child runs, for the error
   * @return its exit code
   * @throws IOException if this thread was interrupted (the child is destroyed)
   */
  static int exitCode(Process process, String what) throws IOException {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while " + what + " ran", e);
    }
  }

  /** The peak resident set size (VmHWM) of a live process, in bytes; -1 if unavailable. */
  static long peakRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone, or no /proc.
    }
    return -1;
  }

  /**
   * Writes the OS's dirty pages to disk ({@code sync}), so that the writeback of data just loaded
   * does not run during the timed queries; true if that worked.
   */
  static boolean flushWrites() {
    return shell("sync");
  }

  /**
   * Drops the OS page cache ({@code sync; echo 3 > /proc/sys/vm/drop_caches}); true if that worked
   * (it needs root and a writable /proc/sys).
   */
  static boolean dropCaches() {
    return shell("sync && echo 3 > /proc/sys/vm/drop_caches");
  }

  private static boolean shell(String command) {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
