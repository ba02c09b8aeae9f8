package dev.apiary.runtime;

import dev.apiary.error.InvalidInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The cores and memory this node may use, and what follows from them: the memory of one bee ({@code
 * (memory - reserve) / cores}) and the target size of a cell ({@code memory_per_bee / 4}, clamped
 * to [16 MiB, 512 MiB]). Detection respects cgroup limits (containers); the environment variables
 * {@code APIARY_CORES} and {@code APIARY_MEMORY} and explicit settings override it.
 *
 * @param reserveBytes memory kept out of the bees: the JVM heap limit plus 128 MiB for the OS,
 *     thread stacks and native buffers outside the engine
 */
public record NodeResources(int cores, long memoryBytes, long reserveBytes) {
  static final long MIB = 1L << 20;

  public NodeResources {
    if (cores < 1) {
      throw new InvalidInputException("A node needs at least 1 core, got " + cores);
    }
    if (memoryBytes - reserveBytes < 64 * MIB * cores) {
      throw new InvalidInputException(
          "Memory "
              + memoryBytes / MIB
              + " MiB minus the reserve of "
              + reserveBytes / MIB
              + " MiB leaves less than 64 MiB per core for "
              + cores
              + " cores; give the node more memory or fewer cores");
    }
  }

  public long memoryPerBee() {
    return (memoryBytes - reserveBytes) / cores;
  }

  public long targetCellBytes() {
    return Math.max(16 * MIB, Math.min(512 * MIB, memoryPerBee() / 4));
  }

  /** Detects the machine (or container) and applies overrides (null = not given). */
  public static NodeResources detect(Integer coresOverride, Long memoryOverride) {
    int cores =
        coresOverride != null
            ? coresOverride
            : env("APIARY_CORES")
                .map(Integer::parseInt)
                .orElse(Runtime.getRuntime().availableProcessors());
    long memory =
        memoryOverride != null
            ? memoryOverride
            : env("APIARY_MEMORY")
                .map(NodeResources::parseBytes)
                .orElseGet(NodeResources::physicalMemory);
    long reserve = Runtime.getRuntime().maxMemory() + 128 * MIB;
    return new NodeResources(cores, memory, Math.min(reserve, memory / 2));
  }

  private static Optional<String> env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Parses sizes such as {@code 512MB}, {@code 2GiB}, {@code 1073741824}. */
  public static long parseBytes(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT).replace("IB", "B");
    long unit = 1;
    for (String[] suffix :
        new String[][] {
          {"KB", "1024"},
          {"MB", "1048576"},
          {"GB", "1073741824"},
          {"TB", "1099511627776"},
          {"K", "1024"},
          {"M", "1048576"},
          {"G", "1073741824"},
          {"B", "1"}
        }) {
      if (t.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        t = t.substring(0, t.length() - suffix[0].length()).strip();
        break;
      }
    }
    try {
      return (long) (Double.parseDouble(t) * unit);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "Cannot read the size '" + text + "'; write e.g. 512MB, 2GB or a number of bytes");
    }
  }

  private static long physicalMemory() {
    long physical =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    for (String limitFile :
        new String[] {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
      try {
        String limit = Files.readString(Path.of(limitFile)).strip();
        if (!limit.equals("max")) {
          long bytes = Long.parseLong(limit);
          if (bytes > 0 && bytes < physical) {
            physical = bytes;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // No cgroup limit of this kind.
      }
    }
    return physical;
  }
}
