package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.error.NotFoundException;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.table.LogOptions.CheckpointMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameLogTest {
  @TempDir Path scratch;
  private MemoryObjectStore store;
  private FrameLogs logs;
  private FrameLog log;

  @BeforeEach
  void setUp() {
    store = new MemoryObjectStore();
    logs =
        new FrameLogs(
            store,
            LogOptions.defaults()
                .withCheckpointMode(CheckpointMode.SYNC)
                .withScratchDirectory(scratch));
    log = logs.forTable("h/b/events/");
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private static List<String> paths(Snapshot snapshot) {
    return snapshot.files().stream().map(DataFile::path).sorted().collect(Collectors.toList());
  }

  @Test
  void createWritesCommitZeroWithProtocolAndMetadata() {
    FrameMetadata metadata = TestFrames.unpartitioned();
    Snapshot snapshot = log.create(metadata);
    assertThat(snapshot.version()).isZero();
    assertThat(snapshot.metadata()).isEqualTo(metadata);
    assertThat(snapshot.minReaderVersion()).isEqualTo(1);
    assertThat(snapshot.minWriterVersion()).isEqualTo(2);
    String commit = new String(store.get("h/b/events/_delta_log/00000000000000000000.json").get());
    assertThat(commit.lines().toList()).hasSize(3);
    assertThat(commit).contains("\"engineInfo\":\"Apiary/").contains("\"txnId\":");
  }

  @Test
  void createIsIdempotentForTheSameTableIdAndRefusesAnother() {
    FrameMetadata metadata = TestFrames.unpartitioned();
    log.create(metadata);
    assertThat(log.create(metadata).version()).isZero();
    FrameMetadata other = TestFrames.unpartitioned();
    assertThatThrownBy(() -> logs.forTable("h/b/events").create(other))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("a Delta table with id " + metadata.tableId() + " already exists");
  }

  @Test
  void appendsAccumulateAndStatisticsRoundTrip() {
    log.create(TestFrames.unpartitioned());
    DataFile first = TestFrames.cell("part-1.parquet", 1);
    log.commit(WriteOperation.append(List.of(first)));
    log.commit(WriteOperation.append(List.of(TestFrames.cell("part-2.parquet", 2))));
    FrameLog fresh = new FrameLogs(store, logs.options()).forTable("h/b/events/");
    Snapshot snapshot = fresh.snapshot();
    assertThat(snapshot.version()).isEqualTo(2);
    assertThat(paths(snapshot)).containsExactly("part-1.parquet", "part-2.parquet");
    assertThat(snapshot.filesByPath().get("part-1.parquet")).isEqualTo(first);
    assertThat(snapshot.rowCount()).isEqualTo(200);
  }

  @Test
  void overwriteReplacesEverythingLive() {
    log.create(TestFrames.unpartitioned());
    log.commit(WriteOperation.append(List.of(TestFrames.cell("a.parquet", 1))));
    log.commit(WriteOperation.append(List.of(TestFrames.cell("b.parquet", 2))));
    CommitResult result =
        log.commit(WriteOperation.overwrite(List.of(TestFrames.cell("c.parquet", 3))));
    assertThat(result.removedFiles()).isEqualTo(2);
    Snapshot snapshot = log.snapshot();
    assertThat(paths(snapshot)).containsExactly("c.parquet");
    assertThat(snapshot.tombstonesByPath()).containsOnlyKeys("a.parquet", "b.parquet");
  }

  @Test
  void idempotentWriteIsAppliedOnce() {
    log.create(TestFrames.unpartitioned());
    CommitResult first =
        log.commit(
            WriteOperation.append(List.of(TestFrames.cell("a.parquet", 1)))
                .idempotent("loader", 7));
    store.put("h/b/events/b.parquet", new byte[] {1});
    CommitResult replay =
        log.commit(
            WriteOperation.append(List.of(TestFrames.cell("b.parquet", 1)))
                .idempotent("loader", 7));
    assertThat(first.alreadyApplied()).isFalse();
    assertThat(replay.alreadyApplied()).isTrue();
    assertThat(replay.version()).isEqualTo(first.version());
    assertThat(paths(log.snapshot())).containsExactly("a.parquet");
    assertThat(store.head("h/b/events/b.parquet")).as("the replay's own file is removed").isEmpty();
    log.commit(
        WriteOperation.append(List.of(TestFrames.cell("c.parquet", 1))).idempotent("loader", 8));
    assertThat(log.snapshot().appTransactionVersion("loader")).contains(8L);
  }

  @Test
  void partitionValuesAreCheckedAgainstTheFrame() {
    FrameLog partitioned = logs.forTable("h/b/p/");
    partitioned.create(TestFrames.partitionedByCity());
    assertThatThrownBy(
            () ->
                partitioned.commit(WriteOperation.append(List.of(TestFrames.cell("x.parquet", 1)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Cell 'x.parquet' has partition values for [] but 'h/b/p/' is partitioned by [city]");
    java.util.Map<String, String> nullCity = new java.util.HashMap<>();
    nullCity.put("city", null);
    assertThatThrownBy(
            () ->
                partitioned.commit(
                    WriteOperation.append(
                        List.of(TestFrames.cell("city=x/y.parquet", nullCity, 1)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Partition column 'city' is null in cell 'city=x/y.parquet'; partition columns may not"
                + " contain nulls");
    assertThat(partitioned.snapshot().version()).isZero();
  }

  @Test
  void partitionedPathsAreUriEncodedInTheLogAndDecodedOnRead() {
    FrameLog partitioned = logs.forTable("h/b/p/");
    partitioned.create(TestFrames.partitionedByCity());
    String path = "city=a%3Ab c/part-1.parquet";
    partitioned.commit(
        WriteOperation.append(List.of(TestFrames.cell(path, Map.of("city", "a:b c"), 1))));
    String commit = new String(store.get("h/b/p/_delta_log/00000000000000000001.json").get());
    assertThat(commit).contains("\"path\":\"city=a%253Ab%20c/part-1.parquet\"");
    Snapshot snapshot = new FrameLogs(store, logs.options()).forTable("h/b/p/").snapshot();
    assertThat(paths(snapshot)).containsExactly(path);
    assertThat(snapshot.files().iterator().next().partitionValues()).containsEntry("city", "a:b c");
  }

  @Test
  void checkpointReplayEqualsCommitReplay() {
    log.create(TestFrames.unpartitioned());
    for (int i = 1; i <= 35; i++) {
      if (i % 12 == 0) {
        log.commit(WriteOperation.overwrite(List.of(TestFrames.cell("o" + i + ".parquet", i))));
      } else {
        log.commit(
            WriteOperation.append(List.of(TestFrames.cell("f" + i + ".parquet", i)))
                .idempotent("app", i));
      }
    }
    assertThat(
            store.list("h/b/events/_delta_log/").stream()
                .filter(o -> o.key().endsWith(".checkpoint.parquet")))
        .hasSize(3);
    Snapshot viaCheckpoint =
        new FrameLogs(store, logs.options()).forTable("h/b/events/").snapshot();
    // Replay from commit 0 only: hide the checkpoints.
    MemoryObjectStore commitsOnly = new MemoryObjectStore();
    for (var info : store.list("")) {
      if (!info.key().contains("checkpoint")) {
        commitsOnly.put(info.key(), store.get(info.key()).get());
      }
    }
    Snapshot viaCommits =
        new FrameLogs(commitsOnly, logs.options()).forTable("h/b/events/").snapshot();
    assertThat(viaCheckpoint.version()).isEqualTo(35);
    assertThat(viaCheckpoint.filesByPath()).isEqualTo(viaCommits.filesByPath());
    assertThat(viaCheckpoint.metadata()).isEqualTo(viaCommits.metadata());
    assertThat(viaCheckpoint.appTransactions()).isEqualTo(viaCommits.appTransactions());
    assertThat(viaCheckpoint.tombstonesByPath().keySet())
        .isEqualTo(viaCommits.tombstonesByPath().keySet());
  }

  @Test
  void timeTravelByVersion() {
    log.create(TestFrames.unpartitioned());
    for (int i = 1; i <= 25; i++) {
      log.commit(WriteOperation.append(List.of(TestFrames.cell("f" + i + ".parquet", i))));
    }
    assertThat(paths(log.snapshotAt(3))).containsExactly("f1.parquet", "f2.parquet", "f3.parquet");
    assertThat(log.snapshotAt(21).fileCount()).isEqualTo(21);
    assertThat(log.snapshotAt(0).fileCount()).isZero();
    assertThatThrownBy(() -> log.snapshotAt(26))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Version 26 of 'h/b/events/' does not exist; the latest is 25");
  }

  @Test
  void missingTableIsNotFound() {
    assertThatThrownBy(() -> logs.forTable("h/b/none/").snapshot())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("No frame log at 'h/b/none/'");
  }
}
