package dev.apiary.table;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How frame logs behave. {@link #defaults()} gives the documented defaults; {@code with*} methods
 * return changed copies.
 *
 * @param checkpointInterval a checkpoint is written after every commit whose version is a multiple
 *     of this (10)
 * @param checkpointMode whether the committing thread writes it or a background thread does
 * @param logRetention how long commit files stay after a newer checkpoint covers them (30 days)
 * @param removedFileRetention how long removed cells stay in storage for time travel (7 days)
 * @param maxCommitAttempts how often a commit is tried before it fails with a conflict (50)
 * @param scratchDirectory local directory for checkpoint encoding
 */
public record LogOptions(
    int checkpointInterval,
    CheckpointMode checkpointMode,
    Duration logRetention,
    Duration removedFileRetention,
    int maxCommitAttempts,
    Clock clock,
    Path scratchDirectory,
    String engineInfo) {

  /** Who writes checkpoints. Either way a failed checkpoint never fails a committed write. */
  public enum CheckpointMode {
    /** The committing thread, before the commit returns. */
    SYNC,
    /** A background thread ({@code apiary-checkpoint}); the commit returns first. */
    ASYNC
  }

  public LogOptions {
    if (checkpointInterval < 1) {
      throw new IllegalArgumentException("checkpointInterval must be >= 1: " + checkpointInterval);
    }
    if (maxCommitAttempts < 1) {
      throw new IllegalArgumentException("maxCommitAttempts must be >= 1: " + maxCommitAttempts);
    }
    Objects.requireNonNull(checkpointMode, "checkpointMode");
    Objects.requireNonNull(logRetention, "logRetention");
    Objects.requireNonNull(removedFileRetention, "removedFileRetention");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scratchDirectory, "scratchDirectory");
    Objects.requireNonNull(engineInfo, "engineInfo");
  }

  public static LogOptions defaults() {
    return new LogOptions(
        10,
        CheckpointMode.ASYNC,
        Duration.ofDays(30),
        Duration.ofDays(7),
        50,
        Clock.systemUTC(),
        Path.of(System.getProperty("java.io.tmpdir"), "apiary-scratch"),
        "Apiary/" + ApiaryVersion.VERSION);
  }

  public LogOptions withCheckpointInterval(int interval) {
    return new LogOptions(
        interval,
        checkpointMode,
        logRetention,
        removedFileRetention,
        maxCommitAttempts,
        clock,
        scratchDirectory,
        engineInfo);
  }

  public LogOptions withCheckpointMode(CheckpointMode mode) {
    return new LogOptions(
        checkpointInterval,
        mode,
        logRetention,
        removedFileRetention,
        maxCommitAttempts,
        clock,
        scratchDirectory,
        engineInfo);
  }

  public LogOptions withRetention(Duration logs, Duration removedFiles) {
    return new LogOptions(
        checkpointInterval,
        checkpointMode,
        logs,
        removedFiles,
        maxCommitAttempts,
        clock,
        scratchDirectory,
        engineInfo);
  }

  public LogOptions withMaxCommitAttempts(int attempts) {
    return new LogOptions(
        checkpointInterval,
        checkpointMode,
        logRetention,
        removedFileRetention,
        attempts,
        clock,
        scratchDirectory,
        engineInfo);
  }

  public LogOptions withClock(Clock newClock) {
    return new LogOptions(
        checkpointInterval,
        checkpointMode,
        logRetention,
        removedFileRetention,
        maxCommitAttempts,
        newClock,
        scratchDirectory,
        engineInfo);
  }

  public LogOptions withScratchDirectory(Path directory) {
    return new LogOptions(
        checkpointInterval,
        checkpointMode,
        logRetention,
        removedFileRetention,
        maxCommitAttempts,
        clock,
        directory,
        engineInfo);
  }
}
