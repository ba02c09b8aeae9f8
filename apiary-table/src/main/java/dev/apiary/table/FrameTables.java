package dev.apiary.table;

import dev.apiary.catalog.FrameEntry;
import dev.apiary.error.NotFoundException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins the catalog to the frame logs: the log of a catalog entry, created (commit 0) if the
 * frame's creator died between writing the registry and the log, so any node completes it.
 */
public final class FrameTables {
  /** Delta configuration key holding the frame's Parquet codec. */
  public static final String CODEC_KEY = "apiary.codec";

  private final FrameLogs logs;

  /** Table ids whose commit 0 this node has seen, so it is checked once, not on every call. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public FrameTables(FrameLogs logs) {
    this.logs = logs;
  }

  /** The Delta metadata of a frame, as its catalog entry defines it. */
  public static FrameMetadata metadataOf(FrameEntry entry) {
    return new FrameMetadata(
        entry.tableId(),
        entry.name(),
        entry.definition().schema(),
        entry.definition().partitionBy(),
        Map.of(CODEC_KEY, entry.definition().codec()),
        entry.createdAt().toEpochMilli());
  }

  /** The log of a frame, with its commit 0 written if it is missing. */
  public FrameLog log(FrameEntry entry) {
    FrameLog log = logs.forTable(entry.location());
    if (!known.contains(entry.tableId())) {
      latest(entry, log);
    }
    return log;
  }

  /** The latest snapshot of a frame (one probe for new commits when the log is cached). */
  public Snapshot snapshot(FrameEntry entry) {
    return latest(entry, logs.forTable(entry.location()));
  }

  private Snapshot latest(FrameEntry entry, FrameLog log) {
    Snapshot snapshot;
    try {
      snapshot = log.snapshot();
    } catch (NotFoundException e) {
      snapshot = log.create(metadataOf(entry));
    }
    known.add(entry.tableId());
    return snapshot;
  }
}
