package dev.apiary.table.internal;

import dev.apiary.table.CorruptLogException;
import dev.apiary.table.DataFile;
import dev.apiary.table.FileStatistics;
import dev.apiary.table.FrameMetadata;
import dev.apiary.table.RemovedFile;
import dev.apiary.table.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies Delta actions in version order to build a {@link Snapshot}: the reconciliation rules of
 * the protocol (the last add or remove of a path wins, the last metaData and protocol win, the last
 * txn per application wins).
 */
public final class SnapshotReplay {
  public static final int READER_VERSION = 1;
  public static final int WRITER_VERSION = 2;

  private final StatsJson statsJson;
  private long version = -1;
  private long timestamp;
  private FrameMetadata metadata;
  private int minReaderVersion;
  private int minWriterVersion;
  private final Map<String, DataFile> files;
  private final Map<String, RemovedFile> tombstones;
  private final Map<String, Long> appTransactions;

  public SnapshotReplay(StatsJson statsJson) {
    this.statsJson = statsJson;
    this.files = new LinkedHashMap<>();
    this.tombstones = new LinkedHashMap<>();
    this.appTransactions = new LinkedHashMap<>();
  }

  /** Continues from an existing snapshot (its maps are copied, never changed). */
  public SnapshotReplay(StatsJson statsJson, Snapshot base) {
    this.statsJson = statsJson;
    this.version = base.version();
    this.timestamp = base.timestamp();
    this.metadata = base.metadata();
    this.minReaderVersion = base.minReaderVersion();
    this.minWriterVersion = base.minWriterVersion();
    this.files = new LinkedHashMap<>(base.filesByPath());
    this.tombstones = new LinkedHashMap<>(base.tombstonesByPath());
    this.appTransactions = new LinkedHashMap<>(base.appTransactions());
  }

  /**
   * Applies the actions of one commit (or one checkpoint) at {@code newVersion}.
   *
   * @param file the log file, for messages
   */
  public void apply(long newVersion, long commitTimestamp, List<LogAction> actions, String file) {
    // Protocol and metadata first: a commit may list adds before the metaData that types them.
    List<LogAction> rest = new ArrayList<>(actions.size());
    for (LogAction action : actions) {
      if (action instanceof LogAction.Protocol p) {
        if (p.minReaderVersion() > READER_VERSION) {
          throw new CorruptLogException(
              file,
              "the table requires Delta reader version "
                  + p.minReaderVersion()
                  + "; Apiary reads version "
                  + READER_VERSION
                  + " tables");
        }
        minReaderVersion = p.minReaderVersion();
        minWriterVersion = p.minWriterVersion();
      } else if (action instanceof LogAction.Metadata m) {
        metadata = m.metadata();
      } else {
        rest.add(action);
      }
    }
    for (LogAction action : rest) {
      if (action instanceof LogAction.Add a) {
        if (metadata == null) {
          throw new CorruptLogException(file, "an add action comes before any metaData action");
        }
        DataFile added = toDataFile(a, file);
        files.put(added.path(), added);
        tombstones.remove(added.path());
      } else if (action instanceof LogAction.Remove r) {
        files.remove(r.file().path());
        tombstones.put(r.file().path(), r.file());
      } else if (action instanceof LogAction.Txn t) {
        appTransactions.put(t.appId(), t.version());
      }
    }
    version = newVersion;
    timestamp = commitTimestamp;
  }

  private DataFile toDataFile(LogAction.Add add, String file) {
    FileStatistics stats;
    try {
      stats = statsJson.fromJson(add.statsJson(), metadata.schema());
    } catch (IllegalArgumentException e) {
      throw new CorruptLogException(
          file, "add of '" + add.file().path() + "' has invalid stats: " + e.getMessage(), e);
    }
    LogAction.DataFileWithoutStats f = add.file();
    return new DataFile(
        f.path(),
        f.partitionValues(),
        f.size(),
        f.modificationTime(),
        f.dataChange(),
        stats == null ? FileStatistics.ofRowCount(0) : stats);
  }

  public long version() {
    return version;
  }

  /**
   * The snapshot built so far.
   *
   * @param file the last file applied, for the message if the table has no metadata
   */
  public Snapshot build(String file) {
    if (metadata == null || minReaderVersion == 0) {
      throw new CorruptLogException(
          file, "the log up to version " + version + " has no metaData or protocol action");
    }
    return new Snapshot(
        version,
        timestamp,
        metadata,
        minReaderVersion,
        minWriterVersion,
        files,
        tombstones,
        appTransactions);
  }
}
