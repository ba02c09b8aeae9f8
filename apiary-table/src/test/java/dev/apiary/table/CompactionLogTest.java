package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.storage.FaultInjectingObjectStore;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.table.internal.LogPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction commits: rows kept, concurrent appends survive, a lost race changes nothing. */
class CompactionLogTest {
  private static final String TABLE = "h/b/events/";
  @TempDir Path scratch;
  private MemoryObjectStore memory;
  private FaultInjectingObjectStore store;
  private FrameLogs logs;
  private FrameLog log;

  @BeforeEach
  void setUp() {
    memory = new MemoryObjectStore();
    store = new FaultInjectingObjectStore(memory);
    logs = new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch));
    log = logs.forTable(TABLE);
    log.create(TestFrames.unpartitioned());
    for (int i = 1; i <= 3; i++) {
      log.commit(WriteOperation.append(List.of(TestFrames.cell("small-" + i + ".parquet", i))));
    }
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  /** One cell holding the rows of {@code cells} small ones (100 rows each), stored for real. */
  private DataFile bigCell(String path, int cells) {
    memory.put(TABLE + path, "cell".getBytes(StandardCharsets.UTF_8));
    return new DataFile(
        path, Map.of(), 4000, 1_700_000_000_000L, true, FileStatistics.ofRowCount(100L * cells));
  }

  private static List<String> smallCells() {
    return List.of("small-1.parquet", "small-2.parquet", "small-3.parquet");
  }

  private static List<String> paths(Snapshot snapshot) {
    return snapshot.files().stream().map(DataFile::path).sorted().toList();
  }

  /**
   * The bytes another writer's commit at {@code version} would have, made on a copy of the store.
   */
  private byte[] rivalCommit(long version, WriteOperation rival) {
    MemoryObjectStore copy = new MemoryObjectStore();
    for (ObjectInfo info : memory.list("")) {
      copy.put(info.key(), memory.get(info.key()).orElseThrow());
    }
    try (FrameLogs other =
        new FrameLogs(copy, LogOptions.defaults().withScratchDirectory(scratch))) {
      assertThat(other.forTable(TABLE).commit(rival).version()).isEqualTo(version);
    }
    return copy.get(TABLE + LogPaths.commit(version)).orElseThrow();
  }

  @Test
  void compactionReplacesCellsWithoutChangingDataAndKeepsHistory() {
    CommitResult result =
        log.commit(WriteOperation.compact(smallCells(), List.of(bigCell("big-1.parquet", 3))));
    assertThat(result.version()).isEqualTo(4);
    Snapshot after = log.snapshot();
    assertThat(paths(after)).containsExactly("big-1.parquet");
    assertThat(after.rowCount()).isEqualTo(300);
    assertThat(after.files().iterator().next().dataChange()).isFalse();
    assertThat(paths(log.snapshotAt(3)))
        .containsExactly("small-1.parquet", "small-2.parquet", "small-3.parquet");
    String commit =
        new String(memory.get(TABLE + LogPaths.commit(4)).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(commit)
        .contains("\"operation\":\"OPTIMIZE\"")
        .contains("\"remove\":{\"path\":\"small-1.parquet\"")
        .doesNotContain("\"dataChange\":true");
  }

  @Test
  void appendCommittedDuringCompactionSurvivesIt() {
    byte[] append =
        rivalCommit(4, WriteOperation.append(List.of(TestFrames.cell("late.parquet", 9))));
    store.rivalWinsNext(key -> key.equals(TABLE + LogPaths.commit(4)), append, 1);

    CommitResult result =
        log.commit(WriteOperation.compact(smallCells(), List.of(bigCell("big-1.parquet", 3))));

    assertThat(result.version()).isEqualTo(5);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(paths(log.snapshot())).containsExactly("big-1.parquet", "late.parquet");
    assertThat(log.snapshot().rowCount()).isEqualTo(400);
  }

  @Test
  void compactionLosingToAnOverwriteChangesNothingAndDeletesItsCells() {
    byte[] overwrite =
        rivalCommit(4, WriteOperation.overwrite(List.of(TestFrames.cell("fresh.parquet", 7))));
    store.rivalWinsNext(key -> key.equals(TABLE + LogPaths.commit(4)), overwrite, 1);

    assertThatThrownBy(
            () ->
                log.commit(
                    WriteOperation.compact(smallCells(), List.of(bigCell("big-1.parquet", 3)))))
        .isInstanceOf(CommitConflictException.class)
        .hasMessage(
            "Compaction of 'h/b/events/' lost its race: cell 'small-1.parquet' was removed by"
                + " version 4 (an overwrite or another compaction); nothing was changed");
    assertThat(paths(log.snapshot())).containsExactly("fresh.parquet");
    assertThat(memory.get(TABLE + "big-1.parquet")).isEmpty();
    assertThat(memory.get(TABLE + LogPaths.commit(5))).isEmpty();
  }

  @Test
  void compactionThatWouldChangeTheRowCountIsRefused() {
    assertThatThrownBy(
            () ->
                log.commit(
                    WriteOperation.compact(smallCells(), List.of(bigCell("big-1.parquet", 2)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Compaction of 'h/b/events/' would change the row count: 3 cells with 300 rows replaced"
                + " by 1 cells with 200 rows; nothing was changed");
    assertThat(memory.get(TABLE + "big-1.parquet")).isEmpty();
    assertThat(log.snapshot().version()).isEqualTo(3);
  }

  @Test
  void compactionOfACellThatIsNotLiveIsAConflict() {
    assertThatThrownBy(
            () ->
                log.commit(
                    WriteOperation.compact(
                        List.of("small-1.parquet", "gone.parquet"),
                        List.of(bigCell("big-1.parquet", 2)))))
        .isInstanceOf(CommitConflictException.class)
        .hasMessage(
            "Compaction of 'h/b/events/' names cell 'gone.parquet', which is not live (once) at"
                + " version 3; nothing was changed");
  }

  @Test
  void onlyACompactionListsReplacedCells() {
    assertThatThrownBy(() -> WriteOperation.compact(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "A compaction lists the cells it replaces, and only a compaction does: COMPACT with 0"
                + " replaced cells");
  }
}
