package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.storage.FaultInjectingObjectStore;
import dev.apiary.storage.FaultInjectingObjectStore.Fault;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectStoreOp;
import dev.apiary.table.internal.LogPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three outcomes of a commit under storage faults: committed (also when the caller saw an
 * error), conflict (retried, and if final, only the writer's own files are removed), unknown (files
 * kept, never reported as either).
 */
class CommitOutcomeTest {
  private static final Predicate<String> COMMITS =
      key -> key.contains("/_delta_log/") && key.endsWith(".json");
  @TempDir Path scratch;
  private MemoryObjectStore memory;
  private FaultInjectingObjectStore store;
  private FrameLogs logs;
  private FrameLog log;

  @BeforeEach
  void setUp() {
    memory = new MemoryObjectStore();
    store = new FaultInjectingObjectStore(memory, duration -> {});
    logs =
        new FrameLogs(
            store, LogOptions.defaults().withScratchDirectory(scratch).withMaxCommitAttempts(5));
    log = logs.forTable("t/");
    log.create(TestFrames.unpartitioned());
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private DataFile stagedCell(String path, long n) {
    memory.put("t/" + path, ("cell " + path).getBytes(StandardCharsets.UTF_8));
    return TestFrames.cell(path, n);
  }

  private List<String> commitFiles() {
    return memory.list("t/_delta_log/").stream()
        .map(i -> i.key())
        .filter(k -> LogPaths.commitVersion(k) >= 0)
        .collect(Collectors.toList());
  }

  private static List<String> paths(Snapshot snapshot) {
    return snapshot.files().stream().map(DataFile::path).sorted().toList();
  }

  @Test
  void ambiguousCommitThatLandedIsReportedCommittedOnce() {
    store.failNext(ObjectStoreOp.PUT_IF_ABSENT, COMMITS, Fault.WRITE_THEN_THROW, 1);
    CommitResult result = log.commit(WriteOperation.append(List.of(stagedCell("a.parquet", 1))));
    assertThat(result.version()).isEqualTo(1);
    assertThat(result.alreadyApplied()).isFalse();
    assertThat(commitFiles()).hasSize(2);
    assertThat(paths(new FrameLogs(memory, logs.options()).forTable("t/").snapshot()))
        .containsExactly("a.parquet");
    assertThat(memory.get("t/a.parquet")).isPresent();
  }

  @Test
  void ambiguousCommitWhoseReadBackAlsoFailsIsStillResolvedOnce() {
    store.failNext(ObjectStoreOp.PUT_IF_ABSENT, COMMITS, Fault.WRITE_THEN_THROW, 1);
    store.failNext(ObjectStoreOp.GET, commitOneOnceWritten(), Fault.FAIL_BEFORE, 1);
    CommitResult result = log.commit(WriteOperation.append(List.of(stagedCell("a.parquet", 1))));
    assertThat(result.version()).isEqualTo(1);
    assertThat(commitFiles()).as("no duplicate commit of the same write").hasSize(2);
    assertThat(log.snapshot().fileCount()).isEqualTo(1);
  }

  @Test
  void writeThatNeverLandedIsRetriedAtTheSameVersion() {
    store.failNext(ObjectStoreOp.PUT_IF_ABSENT, COMMITS, Fault.FAIL_BEFORE, 2);
    CommitResult result = log.commit(WriteOperation.append(List.of(stagedCell("a.parquet", 1))));
    assertThat(result.version()).isEqualTo(1);
    assertThat(paths(log.snapshot())).containsExactly("a.parquet");
  }

  @Test
  void lostRaceIsRetriedOnTopOfTheWinner() {
    byte[] rival = rivalCommit("rival.parquet");
    store.rivalWinsNext(k -> k.endsWith("00000000000000000001.json"), rival, 1);
    CommitResult result = log.commit(WriteOperation.append(List.of(stagedCell("mine.parquet", 1))));
    assertThat(result.version()).isEqualTo(2);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(paths(log.snapshot())).containsExactly("mine.parquet", "rival.parquet");
  }

  @Test
  void overwriteThatLosesTheRaceAlsoRemovesTheWinnersAppend() {
    log.commit(WriteOperation.append(List.of(stagedCell("old.parquet", 1))));
    store.rivalWinsNext(
        k -> k.endsWith("00000000000000000002.json"), rivalCommit("concurrent.parquet"), 1);
    CommitResult result =
        log.commit(WriteOperation.overwrite(List.of(stagedCell("new.parquet", 2))));
    assertThat(result.version()).isEqualTo(3);
    assertThat(result.removedFiles()).isEqualTo(2);
    Snapshot snapshot = log.snapshot();
    assertThat(paths(snapshot)).containsExactly("new.parquet");
    assertThat(snapshot.tombstonesByPath()).containsOnlyKeys("old.parquet", "concurrent.parquet");
  }

  @Test
  void writeThatFinallyCannotCommitRemovesOnlyItsOwnFiles() {
    log.commit(WriteOperation.append(List.of(stagedCell("committed.parquet", 1))));
    memory.put("t/someone-elses-staging.parquet", new byte[] {7});
    store.failAlways(ObjectStoreOp.PUT_IF_ABSENT, COMMITS, Fault.LOSE_RACE);
    DataFile mine = stagedCell("mine.parquet", 2);
    assertThatThrownBy(() -> log.commit(WriteOperation.append(List.of(mine))))
        .isInstanceOf(CommitConflictException.class)
        .hasMessage(
            "Could not commit to 't/' after 5 attempts: other writers won every race. Nothing was"
                + " written; retry the write or reduce the number of concurrent writers");
    assertThat(memory.get("t/mine.parquet")).as("own orphan removed").isEmpty();
    assertThat(memory.get("t/committed.parquet")).isPresent();
    assertThat(memory.get("t/someone-elses-staging.parquet")).isPresent();
    assertThat(log.snapshot().version()).isEqualTo(1);
  }

  @Test
  void unknownOutcomeKeepsTheFilesAndSaysSo() {
    store.failAlways(ObjectStoreOp.PUT_IF_ABSENT, COMMITS, Fault.WRITE_THEN_THROW);
    store.failAlways(ObjectStoreOp.GET, commitOneOnceWritten(), Fault.FAIL_BEFORE);
    DataFile mine = stagedCell("mine.parquet", 1);
    assertThatThrownBy(() -> log.commit(WriteOperation.append(List.of(mine))))
        .isInstanceOf(CommitStateUnknownException.class)
        .hasMessageContaining("reading it back did not tell whether the commit landed")
        .hasMessageContaining("The write's files were kept");
    assertThat(memory.get("t/mine.parquet"))
        .as("a possibly committed version references it")
        .isPresent();
    store.clearFaults();
    assertThat(paths(log.snapshot())).containsExactly("mine.parquet");
  }

  @Test
  void idempotentReplayAfterAnAmbiguousCommitIsNotAppliedTwice() {
    store.failAlways(ObjectStoreOp.PUT_IF_ABSENT, COMMITS, Fault.WRITE_THEN_THROW);
    store.failAlways(ObjectStoreOp.GET, commitOneOnceWritten(), Fault.FAIL_BEFORE);
    assertThatThrownBy(
            () ->
                log.commit(
                    WriteOperation.append(List.of(stagedCell("a.parquet", 1)))
                        .idempotent("job", 1)))
        .isInstanceOf(CommitStateUnknownException.class);
    store.clearFaults();
    // The caller retries the same write with the same token: it is recognised as applied.
    CommitResult retry =
        log.commit(
            WriteOperation.append(List.of(stagedCell("a-retry.parquet", 1))).idempotent("job", 1));
    assertThat(retry.alreadyApplied()).isTrue();
    assertThat(paths(log.snapshot())).containsExactly("a.parquet");
    assertThat(memory.get("t/a-retry.parquet")).isEmpty();
  }

  /** Reads of commit 1 fail once it exists: the probe before the commit still works. */
  private Predicate<String> commitOneOnceWritten() {
    return k -> k.endsWith("00000000000000000001.json") && memory.head(k).isPresent();
  }

  private byte[] rivalCommit(String path) {
    // Build a genuine commit by another writer, on a separate store, and take its bytes.
    MemoryObjectStore other = new MemoryObjectStore();
    for (var info : memory.list("t/_delta_log/")) {
      other.put(info.key(), memory.get(info.key()).orElseThrow());
    }
    try (FrameLogs rivalLogs = new FrameLogs(other, logs.options())) {
      CommitResult result =
          rivalLogs.forTable("t/").commit(WriteOperation.append(List.of(TestFrames.cell(path, 9))));
      memory.put("t/" + path, new byte[] {9});
      return other.get("t/" + LogPaths.commit(result.version())).orElseThrow();
    }
  }
}
