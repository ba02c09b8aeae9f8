package dev.apiary.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The budget and boundaries of one chamber (one DuckDB instance).
 *
 * @param threads engine threads (the bees the chamber holds)
 * @param memoryLimitBytes hard memory limit; beyond it the engine spills, then fails
 * @param scratchDirectory where the engine spills; owned by the chamber
 * @param allowedDirectories the only directories user SQL may read once the chamber is sealed
 */
public record ChamberSettings(
    int threads, long memoryLimitBytes, Path scratchDirectory, List<Path> allowedDirectories) {
  public ChamberSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (memoryLimitBytes < 16L << 20) {
      throw new IllegalArgumentException("memory limit below 16 MiB: " + memoryLimitBytes);
    }
    Objects.requireNonNull(scratchDirectory, "scratchDirectory");
    allowedDirectories = List.copyOf(allowedDirectories);
  }
}
