package dev.apiary.runtime.swarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory pressure of this node until the bee pool measures the memory its chambers hold: the
 * resident memory of this process (Linux {@code /proc/self/status}, which includes the engines'
 * native memory; elsewhere the JVM heap in use) over the node's memory, in [0, 1].
 */
final class MemoryGauge {
  private final long memoryBytes;

  MemoryGauge(long memoryBytes) {
    this.memoryBytes = memoryBytes;
  }

  double pressure() {
    return Math.min(1.0, Math.max(0.0, (double) residentBytes() / memoryBytes));
  }

  static long residentBytes() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall back to the heap below.
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
