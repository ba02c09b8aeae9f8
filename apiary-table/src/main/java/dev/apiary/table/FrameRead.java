package dev.apiary.table;

import dev.apiary.catalog.CatalogView;
import dev.apiary.catalog.FrameEntry;
import java.util.List;
import java.util.Map;

/**
 * The catalog and frame snapshots one statement reads, from {@link FrameTables#read}: the refreshed
 * catalog, plus the snapshots probed while it was refreshing. Use it for one statement only; it
 * holds the snapshots as they were when the statement began. A read from {@link
 * FrameTables#remembered} is what the node last saw instead, to be checked by {@link #agrees}.
 */
public final class FrameRead {
  private final FrameTables tables;
  private final CatalogView view;
  private final Map<String, Snapshot> probed;
  private final boolean remembered;

  FrameRead(
      FrameTables tables, CatalogView view, Map<String, Snapshot> probed, boolean remembered) {
    this.tables = tables;
    this.view = view;
    this.probed = Map.copyOf(probed);
    this.remembered = remembered;
  }

  /** The catalog, refreshed when the read began (or as the node last read it, if remembered). */
  public CatalogView view() {
    return view;
  }

  /**
   * The latest snapshots of {@code entries} (taken from {@link #view()}), in order. A snapshot
   * probed while the catalog refreshed is used if it belongs to the entry's table id; every other
   * entry's log is probed now, all at once, exactly as {@link FrameTables#snapshots} does (creating
   * a missing commit 0, and detecting a frame dropped and recreated meanwhile).
   *
   * @throws CommitConflictException as {@link FrameTables#snapshots}
   */
  public List<Snapshot> snapshots(List<FrameEntry> entries) {
    if (!remembered) {
      return tables.snapshots(entries, probed);
    }
    if (!holds(entries)) {
      throw new IllegalStateException("Not every frame's snapshot is remembered; check holds()");
    }
    return entries.stream().map(entry -> probed.get(entry.location())).toList();
  }

  /**
   * Whether {@link #snapshots} answers for {@code entries} without a request: always for a read
   * from storage; for a remembered read, when it holds a snapshot of each entry's table.
   */
  public boolean holds(List<FrameEntry> entries) {
    if (!remembered) {
      return true;
    }
    for (FrameEntry entry : entries) {
      Snapshot snapshot = probed.get(entry.location());
      if (snapshot == null || !snapshot.metadata().tableId().equals(entry.tableId())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a statement that ran on {@code guess} (a {@link FrameTables#remembered} read) and took
   * the snapshots of {@code entries} from it read exactly what it would have read from this read:
   * the same catalog version and the same snapshot of every entry. Entries this read has not probed
   * are probed now, as {@link #snapshots} does; if that fails, they do not agree (running the
   * statement again on this read reports the failure).
   */
  public boolean agrees(FrameRead guess, List<FrameEntry> entries) {
    if (guess.view.version() != view.version()) {
      return false;
    }
    List<Snapshot> mine;
    try {
      mine = snapshots(entries);
    } catch (RuntimeException e) {
      return false;
    }
    List<Snapshot> theirs = guess.snapshots(entries);
    for (int i = 0; i < entries.size(); i++) {
      if (mine.get(i).version() != theirs.get(i).version()
          || !mine.get(i).metadata().tableId().equals(theirs.get(i).metadata().tableId())) {
        return false;
      }
    }
    return true;
  }
}
