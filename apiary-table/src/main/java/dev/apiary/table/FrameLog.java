package dev.apiary.table;

import dev.apiary.error.InvalidInputException;
import dev.apiary.error.NotFoundException;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.table.internal.ActionCodec;
import dev.apiary.table.internal.CheckpointFiles;
import dev.apiary.table.internal.Checkpoints;
import dev.apiary.table.internal.LogAction;
import dev.apiary.table.internal.LogPaths;
import dev.apiary.table.internal.SnapshotReplay;
import dev.apiary.table.internal.StatsJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Delta Lake transaction log of one frame (reader version 1, writer version 2, no table
 * features): snapshots, commits, checkpoints, time travel and log cleanup.
 *
 * <p>A commit is a create-only put of {@code _delta_log/<version>.json}; of several writers racing
 * for a version exactly one wins and the others rebase on the new snapshot and try the next one. A
 * commit whose outcome storage leaves unknown is resolved by reading the version back and comparing
 * its transaction id, so a commit is never reported lost when it won or won when it lost.
 * Thread-safe; obtain instances from {@link FrameLogs#forTable}.
 */
public final class FrameLog {
  private static final System.Logger LOG = System.getLogger(FrameLog.class.getName());
  private static final int UNKNOWN_OUTCOME_RETRIES = 3;

  private final ObjectStore store;
  private final String root;
  private final LogOptions options;
  private final ActionCodec codec;
  private final StatsJson statsJson;
  private final Checkpoints checkpoints;
  private final ExecutorService checkpointExecutor;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();

  FrameLog(
      ObjectStore store,
      String root,
      LogOptions options,
      ActionCodec codec,
      StatsJson statsJson,
      CheckpointFiles checkpointFiles,
      ExecutorService checkpointExecutor) {
    this.store = store;
    this.root = root;
    this.options = options;
    this.codec = codec;
    this.statsJson = statsJson;
    this.checkpoints = new Checkpoints(store, root, codec, statsJson, checkpointFiles);
    this.checkpointExecutor = checkpointExecutor;
  }

  /** The table root, a key prefix ending in {@code /}. */
  public String root() {
    return root;
  }

  /**
   * Creates the table: commit 0 with protocol and metadata. Idempotent for the same table id (a
   * crashed creator can be completed by anyone).
   *
   * @throws CommitConflictException if a table with another id already lives at this location
   */
  public Snapshot create(FrameMetadata metadata) {
    String txnId = UUID.randomUUID().toString();
    List<LogAction> actions =
        List.of(
            commitInfo("CREATE TABLE", Map.of("partitionBy", partitionByJson(metadata)), txnId, -1),
            new LogAction.Protocol(SnapshotReplay.READER_VERSION, SnapshotReplay.WRITER_VERSION),
            new LogAction.Metadata(metadata));
    String key = root + LogPaths.commit(0);
    Outcome outcome = writeCommit(key, codec.encode(actions), txnId);
    if (outcome == Outcome.LOST) {
      Snapshot existing = snapshot();
      if (!existing.metadata().tableId().equals(metadata.tableId())) {
        throw new CommitConflictException(
            "Cannot create a frame at '"
                + root
                + "': a Delta table with id "
                + existing.metadata().tableId()
                + " already exists there (wanted id "
                + metadata.tableId()
                + ")");
      }
      return existing;
    }
    return snapshot();
  }

  /** The latest snapshot: the cached one brought up to date by probing for newer commits. */
  public Snapshot snapshot() {
    Snapshot current = latest.get();
    Snapshot fresh = current == null ? loadLatest() : probeForward(current);
    return remember(fresh);
  }

  /** The latest snapshot this instance has read or committed, without any storage request. */
  Optional<Snapshot> cachedSnapshot() {
    return Optional.ofNullable(latest.get());
  }

  private Snapshot remember(Snapshot snapshot) {
    return latest.accumulateAndGet(
        snapshot,
        (old, candidate) -> old == null || candidate.version() > old.version() ? candidate : old);
  }

  private Snapshot loadLatest() {
    SnapshotReplay replay = null;
    Optional<Long> last = checkpoints.lastCheckpointVersion();
    if (last.isPresent()) {
      replay = tryLoadCheckpoint(last.get());
    }
    long next = replay == null ? 0 : replay.version() + 1;
    SnapshotReplay base = replay;
    replay = probe(() -> base == null ? new SnapshotReplay(statsJson) : base, next, replay);
    if (replay == null) {
      replay = loadFromListedCheckpoint();
    }
    return replay.build(root + LogPaths.LOG_DIR);
  }

  /** Fallback when neither _last_checkpoint nor commit 0 leads anywhere: list the log. */
  private SnapshotReplay loadFromListedCheckpoint() {
    List<ObjectInfo> entries = store.list(root + LogPaths.LOG_DIR);
    List<Long> checkpointVersions = new ArrayList<>();
    boolean anyCommit = false;
    for (ObjectInfo entry : entries) {
      long v = LogPaths.checkpointVersion(entry.key());
      if (v >= 0) {
        checkpointVersions.add(v);
      }
      anyCommit |= LogPaths.commitVersion(entry.key()) >= 0;
    }
    if (checkpointVersions.isEmpty() && !anyCommit) {
      throw new NotFoundException(
          "No frame log at '" + root + "' in " + store.describe() + ": _delta_log/ has no commits");
    }
    checkpointVersions.sort(java.util.Comparator.reverseOrder());
    for (long v : checkpointVersions) {
      SnapshotReplay replay = tryLoadCheckpoint(v);
      if (replay != null) {
        return probe(() -> replay, v + 1, replay);
      }
    }
    throw new CorruptLogException(
        root + LogPaths.LOG_DIR,
        "commit 0 is missing and no checkpoint is readable, so no version can be reconstructed");
  }

  private SnapshotReplay tryLoadCheckpoint(long version) {
    try {
      return checkpoints.load(version, commitTimestampOf(version)).orElse(null);
    } catch (CorruptLogException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          e.getMessage() + "; falling back to an earlier checkpoint or to the commits");
      return null;
    }
  }

  private long commitTimestampOf(long version) {
    String key = root + LogPaths.commit(version);
    Optional<byte[]> content = store.get(key);
    if (content.isPresent()) {
      return commitTimestamp(codec.decode(content.get(), key));
    }
    return store
        .head(root + LogPaths.checkpoint(version))
        .map(i -> i.lastModified().toEpochMilli())
        .orElse(0L);
  }

  private Snapshot probeForward(Snapshot current) {
    SnapshotReplay replay =
        probe(() -> new SnapshotReplay(statsJson, current), current.version() + 1, null);
    return replay == null ? current : replay.build(root + LogPaths.LOG_DIR);
  }

  /**
   * Applies commits {@code next, next+1, ...} until one is missing. The replay is created only when
   * a commit exists, so a probe that finds nothing copies nothing.
   *
   * @return the replay after the last commit found, or {@code initial} if none was found
   */
  private SnapshotReplay probe(Supplier<SnapshotReplay> start, long next, SnapshotReplay initial) {
    SnapshotReplay replay = initial;
    for (long version = next; ; version++) {
      String key = root + LogPaths.commit(version);
      Optional<byte[]> content = store.get(key);
      if (content.isEmpty()) {
        return replay;
      }
      List<LogAction> actions = codec.decode(content.get(), key);
      if (replay == null) {
        replay = start.get();
      }
      replay.apply(version, commitTimestamp(actions), actions, key);
    }
  }

  /**
   * The frame as of an older version (time travel).
   *
   * @throws NotFoundException if the version does not exist or its log was cleaned up
   */
  public Snapshot snapshotAt(long version) {
    Snapshot current = snapshot();
    if (version == current.version()) {
      return current;
    }
    if (version < 0 || version > current.version()) {
      throw new NotFoundException(
          "Version "
              + version
              + " of '"
              + root
              + "' does not exist; the latest is "
              + current.version());
    }
    List<Long> checkpointVersions = new ArrayList<>();
    for (ObjectInfo entry : store.list(root + LogPaths.LOG_DIR)) {
      long v = LogPaths.checkpointVersion(entry.key());
      if (v >= 0 && v <= version) {
        checkpointVersions.add(v);
      }
    }
    checkpointVersions.sort(java.util.Comparator.reverseOrder());
    SnapshotReplay replay = null;
    for (long v : checkpointVersions) {
      replay = tryLoadCheckpoint(v);
      if (replay != null) {
        break;
      }
    }
    if (replay == null) {
      replay = new SnapshotReplay(statsJson);
    }
    for (long v = replay.version() + 1; v <= version; v++) {
      String key = root + LogPaths.commit(v);
      Optional<byte[]> content = store.get(key);
      if (content.isEmpty()) {
        throw new NotFoundException(
            "Version "
                + version
                + " of '"
                + root
                + "' is no longer available: commit "
                + v
                + " was removed by log cleanup (logs are kept for "
                + options.logRetention().toDays()
                + " days)");
      }
      List<LogAction> actions = codec.decode(content.get(), key);
      replay.apply(v, commitTimestamp(actions), actions, key);
    }
    return replay.build(root + LogPaths.commit(version));
  }

  /**
   * The frame as of a point in time: the newest version committed at or before it, judged by the
   * commit files' modification times as the Delta protocol does.
   *
   * @throws NotFoundException if the time is before the oldest retained commit
   */
  public Snapshot snapshotAsOf(Instant time) {
    long found = -1;
    long previous = Long.MIN_VALUE;
    Instant oldest = null;
    for (ObjectInfo entry : store.list(root + LogPaths.LOG_DIR)) {
      long v = LogPaths.commitVersion(entry.key());
      if (v < 0) {
        continue;
      }
      // Delta makes commit times monotonic: each is at least 1 ms after the one before.
      long millis = Math.max(entry.lastModified().toEpochMilli(), previous + 1);
      previous = millis;
      if (oldest == null) {
        oldest = Instant.ofEpochMilli(millis);
      }
      if (millis <= time.toEpochMilli()) {
        found = v;
      }
    }
    if (found < 0) {
      throw new NotFoundException(
          "'"
              + root
              + "' has no version at or before "
              + time
              + (oldest == null ? "" : "; the oldest retained commit is from " + oldest));
    }
    return snapshotAt(found);
  }

  /**
   * Commits a data change, rebasing and retrying with jittered backoff when another writer wins. An
   * append rebases as is; an overwrite recomputes what it removes from the snapshot it finally
   * commits on. If the write cannot commit, its own added files are deleted (and nothing else); if
   * the outcome stays unknown they are kept.
   *
   * @throws InvalidInputException if the cells do not fit the frame (partition values, statistics)
   * @throws CommitConflictException if it cannot commit; nothing of it is in the frame
   * @throws CommitStateUnknownException if storage never let it find out whether it committed
   */
  public CommitResult commit(WriteOperation operation) {
    Snapshot base = snapshot();
    try {
      validate(operation, base);
    } catch (RuntimeException e) {
      deleteOwnFiles(operation);
      throw e;
    }
    String txnId = UUID.randomUUID().toString();
    for (int attempt = 1; ; attempt++) {
      Optional<AppTransaction> token = operation.appTransaction();
      if (token.isPresent()
          && base.appTransactionVersion(token.get().appId()).orElse(-1L) >= token.get().version()) {
        deleteOwnFiles(operation);
        return new CommitResult(base.version(), attempt, true, 0);
      }
      long version = base.version() + 1;
      List<LogAction> actions = actionsFor(operation, base, txnId);
      Outcome outcome = writeCommit(root + LogPaths.commit(version), codec.encode(actions), txnId);
      if (outcome == Outcome.COMMITTED) {
        SnapshotReplay replay = new SnapshotReplay(statsJson, base);
        replay.apply(version, commitTimestamp(actions), actions, root + LogPaths.commit(version));
        Snapshot committed = replay.build(root + LogPaths.commit(version));
        remember(committed);
        maybeCheckpoint(committed);
        int removed =
            switch (operation.mode()) {
              case OVERWRITE -> base.fileCount();
              case COMPACT -> operation.replaces().size();
              case APPEND -> 0;
            };
        return new CommitResult(version, attempt, false, removed);
      }
      if (attempt >= options.maxCommitAttempts()) {
        deleteOwnFiles(operation);
        throw new CommitConflictException(
            "Could not commit to '"
                + root
                + "' after "
                + attempt
                + " attempts: other writers won every race. Nothing was written; retry the write"
                + " or reduce the number of concurrent writers");
      }
      Snapshot newer = snapshot();
      if (operation.mode() == WriteOperation.Mode.COMPACT) {
        for (String replaced : operation.replaces()) {
          if (!newer.filesByPath().containsKey(replaced)) {
            deleteOwnFiles(operation);
            throw new CommitConflictException(
                "Compaction of '"
                    + root
                    + "' lost its race: cell '"
                    + replaced
                    + "' was removed by version "
                    + newer.version()
                    + " (an overwrite or another compaction); nothing was changed");
          }
        }
      }
      if (!sameDefinition(base.metadata(), newer.metadata())) {
        deleteOwnFiles(operation);
        throw new CommitConflictException(
            "The definition of '"
                + root
                + "' changed while writing (version "
                + newer.version()
                + "); nothing was written. Retry the write against the new schema");
      }
      base = newer;
      backoff(attempt);
    }
  }

  private enum Outcome {
    COMMITTED,
    LOST
  }

  /**
   * Writes one commit file create-only and settles unknown outcomes by reading it back: our
   * transaction id there means we won, another one means we lost, nothing there means the write did
   * not happen and it is safe to send the same bytes again.
   */
  private Outcome writeCommit(String key, byte[] content, String txnId) {
    RuntimeException lastFailure = null;
    for (int attempt = 0; attempt < UNKNOWN_OUTCOME_RETRIES; attempt++) {
      try {
        if (store.putIfAbsent(key, content)) {
          return Outcome.COMMITTED;
        }
        if (lastFailure == null) {
          return Outcome.LOST;
        }
        // "Exists" after an unknown outcome may be our own earlier attempt: read it back.
      } catch (ObjectStoreException e) {
        lastFailure = e;
      }
      try {
        Optional<byte[]> existing = store.get(key);
        if (existing.isPresent()) {
          return txnIdOf(existing.get(), key).equals(txnId) ? Outcome.COMMITTED : Outcome.LOST;
        }
      } catch (ObjectStoreException | CorruptLogException e) {
        lastFailure = e;
      }
      backoff(attempt + 1);
    }
    throw new CommitStateUnknownException(
        "Storage failed while committing '"
            + key
            + "' and reading it back did not tell whether the commit landed: "
            + lastFailure.getMessage()
            + ". The write's files were kept; read the frame to see whether it committed",
        lastFailure);
  }

  private String txnIdOf(byte[] content, String key) {
    for (LogAction action : codec.decode(content, key)) {
      if (action instanceof LogAction.CommitInfo info) {
        return info.txnId();
      }
    }
    return "";
  }

  private List<LogAction> actionsFor(WriteOperation operation, Snapshot base, String txnId) {
    long now = options.clock().millis();
    List<LogAction> actions = new ArrayList<>();
    boolean overwrite = operation.mode() == WriteOperation.Mode.OVERWRITE;
    if (operation.mode() == WriteOperation.Mode.COMPACT) {
      actions.add(
          commitInfo(
              "OPTIMIZE", Map.of("predicate", "[]", "targetSize", "null"), txnId, base.version()));
      for (String replaced : operation.replaces()) {
        actions.add(
            new LogAction.Remove(RemovedFile.of(base.filesByPath().get(replaced), now, false)));
      }
    } else {
      actions.add(
          commitInfo(
              "WRITE",
              Map.of(
                  "mode",
                  overwrite ? "Overwrite" : "Append",
                  "partitionBy",
                  partitionByJson(base.metadata())),
              txnId,
              base.version()));
    }
    operation
        .appTransaction()
        .ifPresent(t -> actions.add(new LogAction.Txn(t.appId(), t.version(), now)));
    if (overwrite) {
      for (DataFile live : base.files()) {
        actions.add(new LogAction.Remove(RemovedFile.of(live, now, true)));
      }
    }
    for (DataFile add : operation.adds()) {
      actions.add(LogAction.Add.of(add, statsJson.toJson(add.stats())));
    }
    return actions;
  }

  private LogAction.CommitInfo commitInfo(
      String operation, Map<String, String> parameters, String txnId, long readVersion) {
    return new LogAction.CommitInfo(
        options.clock().millis(), operation, parameters, options.engineInfo(), txnId, readVersion);
  }

  private static String partitionByJson(FrameMetadata metadata) {
    StringBuilder json = new StringBuilder("[");
    for (String column : metadata.partitionColumns()) {
      json.append(json.length() > 1 ? "," : "").append('"').append(column).append('"');
    }
    return json.append(']').toString();
  }

  private static long commitTimestamp(List<LogAction> actions) {
    for (LogAction action : actions) {
      if (action instanceof LogAction.CommitInfo info) {
        return info.timestamp();
      }
    }
    return 0;
  }

  private static boolean sameDefinition(FrameMetadata a, FrameMetadata b) {
    return a.tableId().equals(b.tableId())
        && a.schema().equals(b.schema())
        && a.partitionColumns().equals(b.partitionColumns());
  }

  private void validate(WriteOperation operation, Snapshot base) {
    if (operation.mode() == WriteOperation.Mode.COMPACT) {
      validateCompaction(operation, base);
    }
    FrameMetadata metadata = base.metadata();
    Set<String> partitionColumns = new HashSet<>(metadata.partitionColumns());
    Set<String> dataColumns = new HashSet<>();
    metadata.dataColumns().forEach(c -> dataColumns.add(c.name()));
    Set<String> paths = new HashSet<>();
    for (DataFile file : operation.adds()) {
      if (!paths.add(file.path()) || base.filesByPath().containsKey(file.path())) {
        throw new InvalidInputException(
            "Cell '"
                + file.path()
                + "' is added twice to '"
                + root
                + "'; cell paths must be unique");
      }
      if (!file.partitionValues().keySet().equals(partitionColumns)) {
        throw new InvalidInputException(
            "Cell '"
                + file.path()
                + "' has partition values for "
                + file.partitionValues().keySet()
                + " but '"
                + root
                + "' is partitioned by "
                + metadata.partitionColumns());
      }
      for (Map.Entry<String, String> value : file.partitionValues().entrySet()) {
        if (value.getValue() == null) {
          throw new InvalidInputException(
              "Partition column '"
                  + value.getKey()
                  + "' is null in cell '"
                  + file.path()
                  + "'; partition columns may not contain nulls");
        }
      }
      checkStatsColumns(file, file.stats().minValues().keySet(), dataColumns);
      checkStatsColumns(file, file.stats().maxValues().keySet(), dataColumns);
      checkStatsColumns(file, file.stats().nullCount().keySet(), dataColumns);
    }
  }

  /** The replaced cells are live and distinct, and the added ones hold exactly their rows. */
  private void validateCompaction(WriteOperation operation, Snapshot base) {
    long replacedRows = 0;
    Set<String> seen = new HashSet<>();
    for (String replaced : operation.replaces()) {
      DataFile live = base.filesByPath().get(replaced);
      if (live == null || !seen.add(replaced)) {
        throw new CommitConflictException(
            "Compaction of '"
                + root
                + "' names cell '"
                + replaced
                + "', which is not live (once) at version "
                + base.version()
                + "; nothing was changed");
      }
      replacedRows += live.stats().numRecords();
    }
    long addedRows = 0;
    for (DataFile add : operation.adds()) {
      addedRows += add.stats().numRecords();
    }
    if (addedRows != replacedRows) {
      throw new InvalidInputException(
          "Compaction of '"
              + root
              + "' would change the row count: "
              + operation.replaces().size()
              + " cells with "
              + replacedRows
              + " rows replaced by "
              + operation.adds().size()
              + " cells with "
              + addedRows
              + " rows; nothing was changed");
    }
  }

  private void checkStatsColumns(DataFile file, Set<String> columns, Set<String> dataColumns) {
    for (String column : columns) {
      if (!dataColumns.contains(column)) {
        throw new InvalidInputException(
            "Cell '"
                + file.path()
                + "' has statistics for '"
                + column
                + "', which is not a data column of '"
                + root
                + "' (data columns: "
                + dataColumns
                + ")");
      }
    }
  }

  private void deleteOwnFiles(WriteOperation operation) {
    for (DataFile file : operation.adds()) {
      try {
        store.delete(root + file.path());
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Could not delete orphan cell " + root + file.path() + ": " + e.getMessage());
      }
    }
  }

  private void backoff(int attempt) {
    long capMillis = Math.min(100, 1L << Math.min(attempt, 10));
    long sleep = ThreadLocalRandom.current().nextLong(capMillis + 1);
    try {
      Thread.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommitConflictException("Interrupted while retrying a commit to '" + root + "'");
    }
  }

  private void maybeCheckpoint(Snapshot committed) {
    if (committed.version() == 0 || committed.version() % options.checkpointInterval() != 0) {
      return;
    }
    if (options.checkpointMode() == LogOptions.CheckpointMode.SYNC) {
      writeCheckpointQuietly(committed);
    } else {
      try {
        checkpointExecutor.execute(() -> writeCheckpointQuietly(committed));
      } catch (RejectedExecutionException e) {
        // Shutting down: a missed checkpoint only makes the next reader replay more commits.
      }
    }
  }

  private void writeCheckpointQuietly(Snapshot snapshot) {
    try {
      writeCheckpoint(snapshot);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Checkpoint of version " + snapshot.version() + " of '" + root + "' failed: " + e);
    }
  }

  /** Writes a checkpoint of the given snapshot now (normally done every N commits). */
  public void writeCheckpoint(Snapshot snapshot) {
    long cutoff = options.clock().millis() - options.removedFileRetention().toMillis();
    checkpoints.write(snapshot, cutoff);
  }

  /**
   * Removes what retention no longer protects: commit and checkpoint files older than the log
   * retention that lie behind a checkpoint (so every retained version stays reconstructible), and
   * removed cells whose tombstones are older than the removed-file retention.
   */
  public CleanupResult cleanup() {
    Snapshot current = snapshot();
    long now = options.clock().millis();
    long logCutoff = now - options.logRetention().toMillis();
    List<ObjectInfo> entries = store.list(root + LogPaths.LOG_DIR);
    long newestExpired = -1;
    List<Long> checkpointVersions = new ArrayList<>();
    for (ObjectInfo entry : entries) {
      long v = LogPaths.commitVersion(entry.key());
      if (v >= 0 && entry.lastModified().toEpochMilli() < logCutoff) {
        newestExpired = Math.max(newestExpired, v);
      }
      long c = LogPaths.checkpointVersion(entry.key());
      if (c >= 0) {
        checkpointVersions.add(c);
      }
    }
    // Keep everything from the newest checkpoint at or before the first unexpired version.
    long keepFrom = -1;
    for (long c : checkpointVersions) {
      if (c <= newestExpired + 1 && c > keepFrom) {
        keepFrom = c;
      }
    }
    int logFiles = 0;
    for (ObjectInfo entry : entries) {
      long v =
          Math.max(LogPaths.commitVersion(entry.key()), LogPaths.checkpointVersion(entry.key()));
      if (v >= 0 && v < keepFrom) {
        store.delete(entry.key());
        logFiles++;
      }
    }
    int dataFiles = 0;
    long removedCutoff = now - options.removedFileRetention().toMillis();
    for (RemovedFile tombstone : current.tombstonesByPath().values()) {
      if (tombstone.deletionTimestamp() < removedCutoff
          && !current.filesByPath().containsKey(tombstone.path())) {
        store.delete(root + tombstone.path());
        dataFiles++;
      }
    }
    return new CleanupResult(logFiles, dataFiles);
  }

  /** What {@link #cleanup()} deleted. */
  public record CleanupResult(int logFilesDeleted, int removedCellsDeleted) {}
}
