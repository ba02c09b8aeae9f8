package dev.apiary.table;

import dev.apiary.catalog.FrameEntry;
import dev.apiary.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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

  /**
   * The log of a frame, with its commit 0 written if it is missing.
   *
   * @throws CommitConflictException if the log at the frame's location belongs to another table
   *     (the frame was dropped and recreated meanwhile)
   */
  public FrameLog log(FrameEntry entry) {
    FrameLog log = logs.forTable(entry.location());
    if (known.contains(entry.tableId())) {
      return log;
    }
    return latest(entry).log();
  }

  /**
   * The latest snapshot of a frame (one probe for new commits when the log is cached).
   *
   * @throws CommitConflictException as {@link #log(FrameEntry)}
   */
  public Snapshot snapshot(FrameEntry entry) {
    return latest(entry).snapshot();
  }

  /**
   * The latest snapshots of several frames, in the order given; their logs are probed concurrently,
   * so a statement over several frames on remote storage waits for one round trip, not one each.
   *
   * @throws CommitConflictException as {@link #log(FrameEntry)}
   */
  public List<Snapshot> snapshots(List<FrameEntry> entries) {
    List<Supplier<Snapshot>> probes = new ArrayList<>(entries.size());
    for (FrameEntry entry : entries) {
      probes.add(() -> snapshot(entry));
    }
    return logs.probeAll(probes);
  }

  private record Latest(FrameLog log, Snapshot snapshot) {}

  /**
   * Loads the latest snapshot and checks it belongs to the entry's table: a frame dropped and
   * recreated by another node keeps its location, so a cached log may hold the old table.
   */
  private Latest latest(FrameEntry entry) {
    FrameLog log = logs.forTable(entry.location());
    Snapshot snapshot = loadOrCreate(entry, log);
    if (!snapshot.metadata().tableId().equals(entry.tableId())) {
      logs.evict(entry.location());
      log = logs.forTable(entry.location());
      snapshot = loadOrCreate(entry, log);
      if (!snapshot.metadata().tableId().equals(entry.tableId())) {
        throw new CommitConflictException(
            "Frame "
                + entry.qualifiedName()
                + " was dropped and recreated while this operation ran: its log at '"
                + entry.location()
                + "' belongs to table id "
                + snapshot.metadata().tableId()
                + ", the catalog names table id "
                + entry.tableId()
                + "; retry");
      }
    }
    known.add(entry.tableId());
    return new Latest(log, snapshot);
  }

  private static Snapshot loadOrCreate(FrameEntry entry, FrameLog log) {
    try {
      return log.snapshot();
    } catch (NotFoundException e) {
      return log.create(metadataOf(entry));
    }
  }
}
