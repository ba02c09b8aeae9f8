package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.NotFoundException;
import dev.apiary.storage.CountingObjectStore;
import dev.apiary.storage.FaultInjectingObjectStore;
import dev.apiary.storage.FaultInjectingObjectStore.Fault;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectStoreOp;
import dev.apiary.table.internal.LogPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, the snapshot cache, time travel by timestamp, and retention-based cleanup. */
class LogMaintenanceTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path scratch;
  private final ManualClock clock = new ManualClock(T0);

  private LogOptions options() {
    return LogOptions.defaults()
        .withCheckpointMode(LogOptions.CheckpointMode.SYNC)
        .withClock(clock)
        .withScratchDirectory(scratch);
  }

  /** 25 commits one minute apart; version 12 is an overwrite; every cell exists in the store. */
  private FrameLog writeHistory(MemoryObjectStore memory, FrameLogs logs) {
    FrameLog log = logs.forTable("t/");
    log.create(TestFrames.unpartitioned());
    for (int i = 1; i <= 25; i++) {
      clock.advance(Duration.ofMinutes(1));
      String path = "f" + i + ".parquet";
      memory.put("t/" + path, new byte[] {(byte) i});
      DataFile cell = TestFrames.cell(path, i);
      log.commit(
          i == 12 ? WriteOperation.overwrite(List.of(cell)) : WriteOperation.append(List.of(cell)));
    }
    return log;
  }

  @Test
  void failedCheckpointNeverFailsTheCommit() {
    MemoryObjectStore memory = new MemoryObjectStore(clock);
    FaultInjectingObjectStore store = new FaultInjectingObjectStore(memory, d -> {});
    store.failAlways(
        ObjectStoreOp.PUT, key -> key.endsWith(".checkpoint.parquet"), Fault.FAIL_BEFORE);
    try (FrameLogs logs = new FrameLogs(store, options())) {
      FrameLog log = logs.forTable("t/");
      log.create(TestFrames.unpartitioned());
      for (int i = 1; i <= 12; i++) {
        assertThat(
                log.commit(WriteOperation.append(List.of(TestFrames.cell("f" + i + ".parquet", i))))
                    .version())
            .isEqualTo(i);
      }
    }
    assertThat(memory.head("t/" + LogPaths.checkpoint(10))).isEmpty();
    assertThat(memory.head("t/" + LogPaths.LAST_CHECKPOINT)).isEmpty();
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      assertThat(logs.forTable("t/").snapshot().fileCount()).isEqualTo(12);
    }
  }

  @Test
  void upToDateSnapshotCostsOneReadAndColdStartNeverLists() {
    MemoryObjectStore memory = new MemoryObjectStore(clock);
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      writeHistory(memory, logs);
    }
    CountingObjectStore counting = new CountingObjectStore(memory);
    try (FrameLogs logs = new FrameLogs(counting, options())) {
      FrameLog log = logs.forTable("t/");
      assertThat(log.snapshot().version()).isEqualTo(25);
      // _last_checkpoint, checkpoint 20, commit 20 (its time), commits 21..25, the missing 26.
      assertThat(counting.count(ObjectStoreOp.GET)).isEqualTo(9);
      assertThat(counting.count(ObjectStoreOp.LIST)).isZero();
      counting.reset();
      assertThat(log.snapshot().version()).isEqualTo(25);
      assertThat(counting.total()).isEqualTo(1);
      assertThat(counting.count(ObjectStoreOp.GET)).isEqualTo(1);
    }
  }

  @Test
  void missingLastCheckpointReplaysFromCommitZero() {
    MemoryObjectStore memory = new MemoryObjectStore(clock);
    Snapshot expected;
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      expected = writeHistory(memory, logs).snapshot();
    }
    memory.delete("t/" + LogPaths.LAST_CHECKPOINT);
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      Snapshot snapshot = logs.forTable("t/").snapshot();
      assertThat(snapshot.version()).isEqualTo(25);
      assertThat(snapshot.filesByPath()).isEqualTo(expected.filesByPath());
    }
  }

  @Test
  void timeTravelByTimestampPicksTheNewestCommitAtOrBeforeIt() {
    MemoryObjectStore memory = new MemoryObjectStore(clock);
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      FrameLog log = writeHistory(memory, logs);
      // Commit i was written at T0 + i minutes.
      assertThat(log.snapshotAsOf(T0.plus(Duration.ofMinutes(7))).version()).isEqualTo(7);
      assertThat(log.snapshotAsOf(T0.plus(Duration.ofMinutes(7)).plusSeconds(30)).version())
          .isEqualTo(7);
      assertThat(log.snapshotAsOf(T0.plus(Duration.ofDays(1))).version()).isEqualTo(25);
      assertThat(log.snapshotAsOf(T0.plus(Duration.ofMinutes(11))).fileCount()).isEqualTo(11);
      assertThatThrownBy(() -> log.snapshotAsOf(T0.minusSeconds(1)))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "'t/' has no version at or before 2025-12-31T23:59:59Z; the oldest retained commit is"
                  + " from 2026-01-01T00:00:00Z");
    }
  }

  @Test
  void cleanupRemovesOnlyExpiredLogBehindACheckpointAndExpiredRemovedCells() {
    MemoryObjectStore memory = new MemoryObjectStore(clock);
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      FrameLog log = writeHistory(memory, logs);
      // Nothing has expired yet.
      assertThat(log.cleanup()).isEqualTo(new FrameLog.CleanupResult(0, 0));
      // Commits 0..15 are now older than 30 days (commit i was written at T0 + i minutes).
      clock.advance(
          Duration.ofDays(30)
              .minus(Duration.ofMinutes(25))
              .plus(Duration.ofMinutes(15))
              .plusSeconds(30));
      FrameLog.CleanupResult result = log.cleanup();
      // Checkpoint 10 is the newest at or before the first unexpired version (16): commits 0..9 go.
      assertThat(result.logFilesDeleted()).isEqualTo(10);
      assertThat(memory.head("t/" + LogPaths.commit(9))).isEmpty();
      assertThat(memory.head("t/" + LogPaths.commit(10))).isPresent();
      assertThat(memory.head("t/" + LogPaths.checkpoint(10))).isPresent();
      // The overwrite at version 12 removed f1..f11 more than 7 days ago.
      assertThat(result.removedCellsDeleted()).isEqualTo(11);
      assertThat(memory.head("t/f1.parquet")).isEmpty();
      assertThat(memory.head("t/f12.parquet")).isPresent();
      assertThat(memory.head("t/f25.parquet")).isPresent();
    }
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      FrameLog log = logs.forTable("t/");
      assertThat(log.snapshot().fileCount()).isEqualTo(14);
      assertThat(log.snapshotAt(10).fileCount()).isEqualTo(10);
      assertThat(log.snapshotAt(13).fileCount()).isEqualTo(2);
      assertThatThrownBy(() -> log.snapshotAt(9))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "Version 9 of 't/' is no longer available: commit 0 was removed by log cleanup (logs"
                  + " are kept for 30 days)");
    }
  }

  @Test
  void checkpointsDropTombstonesPastTheRemovedFileRetention() {
    MemoryObjectStore memory = new MemoryObjectStore(clock);
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      FrameLog log = writeHistory(memory, logs);
      assertThat(log.snapshot().tombstonesByPath()).hasSize(11);
      clock.advance(Duration.ofDays(8));
      for (int i = 26; i <= 30; i++) {
        log.commit(WriteOperation.append(List.of(TestFrames.cell("f" + i + ".parquet", i))));
      }
    }
    try (FrameLogs logs = new FrameLogs(memory, options())) {
      Snapshot fromCheckpoint30 = logs.forTable("t/").snapshot();
      assertThat(fromCheckpoint30.version()).isEqualTo(30);
      assertThat(fromCheckpoint30.tombstonesByPath()).isEmpty();
      assertThat(fromCheckpoint30.fileCount()).isEqualTo(19);
    }
  }
}
