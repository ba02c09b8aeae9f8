package dev.apiary.table;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A frame as of one committed version: its metadata, live cells, tombstones of removed cells and
 * the last applied version of every idempotent writer. Immutable and safe to share.
 *
 * @param version the commit version this snapshot reflects
 * @param timestamp the commit time of that version (milliseconds; the commit's {@code
 *     commitInfo.timestamp}, 0 if it has none)
 */
public record Snapshot(
    long version,
    long timestamp,
    FrameMetadata metadata,
    int minReaderVersion,
    int minWriterVersion,
    Map<String, DataFile> filesByPath,
    Map<String, RemovedFile> tombstonesByPath,
    Map<String, Long> appTransactions) {

  public Snapshot {
    Objects.requireNonNull(metadata, "metadata");
    filesByPath = Collections.unmodifiableMap(filesByPath);
    tombstonesByPath = Collections.unmodifiableMap(tombstonesByPath);
    appTransactions = Collections.unmodifiableMap(appTransactions);
  }

  /** The live cells, in the order they were added. */
  public Collection<DataFile> files() {
    return filesByPath.values();
  }

  public int fileCount() {
    return filesByPath.size();
  }

  /** Sum of the live cells' row counts. */
  public long rowCount() {
    long rows = 0;
    for (DataFile file : filesByPath.values()) {
      rows += file.stats().numRecords();
    }
    return rows;
  }

  /** Sum of the live cells' sizes in bytes. */
  public long totalBytes() {
    long bytes = 0;
    for (DataFile file : filesByPath.values()) {
      bytes += file.size();
    }
    return bytes;
  }

  /** The last committed sequence of an idempotent writer, if it ever committed. */
  public Optional<Long> appTransactionVersion(String appId) {
    return Optional.ofNullable(appTransactions.get(appId));
  }

  public FrameSchema schema() {
    return metadata.schema();
  }
}
