package dev.apiary.table;

import dev.apiary.catalog.CatalogView;
import dev.apiary.catalog.FrameEntry;
import java.util.List;
import java.util.Map;

/**
 * The catalog and frame snapshots one statement reads, from {@link FrameTables#read}: the refreshed
 * catalog, plus the snapshots probed while it was refreshing. Use it for one statement only; it
 * holds the snapshots as they were when the statement began.
 */
public final class FrameRead {
  private final FrameTables tables;
  private final CatalogView view;
  private final Map<String, Snapshot> probed;

  FrameRead(FrameTables tables, CatalogView view, Map<String, Snapshot> probed) {
    this.tables = tables;
    this.view = view;
    this.probed = Map.copyOf(probed);
  }

  /** The catalog, refreshed when the read began. */
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
    return tables.snapshots(entries, probed);
  }
}
