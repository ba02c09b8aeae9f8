package dev.apiary.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which cells of a frame to compact into which new cells: per partition, the small cells (under
 * half the target cell size) are packed, smallest first, into groups of at most the target size; a
 * group of one cell is left alone (rewriting it gains nothing). Each group becomes one new cell.
 *
 * @param groups the groups, each with at least two cells of one partition
 */
public record CompactionPlan(List<Group> groups) {
  public CompactionPlan {
    groups = List.copyOf(groups);
  }

  /** Cells of one partition to rewrite as one cell. */
  public record Group(Map<String, String> partitionValues, List<DataFile> cells) {
    public Group {
      partitionValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
      cells = List.copyOf(cells);
      if (cells.size() < 2) {
        throw new IllegalArgumentException("A compaction group needs at least two cells");
      }
    }

    public long bytes() {
      return cells.stream().mapToLong(DataFile::size).sum();
    }

    public long rows() {
      return cells.stream().mapToLong(c -> c.stats().numRecords()).sum();
    }

    public List<String> paths() {
      return cells.stream().map(DataFile::path).toList();
    }
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  /** How many cells the plan replaces. */
  public int cellsReplaced() {
    return groups.stream().mapToInt(g -> g.cells().size()).sum();
  }

  /** Plans the compaction of a snapshot's cells toward {@code targetCellBytes}. */
  public static CompactionPlan of(Snapshot snapshot, long targetCellBytes) {
    if (targetCellBytes < 1) {
      throw new IllegalArgumentException("Target cell size must be positive: " + targetCellBytes);
    }
    Map<Map<String, String>, List<DataFile>> small = new LinkedHashMap<>();
    for (DataFile cell : snapshot.files()) {
      if (cell.size() < targetCellBytes / 2) {
        small.computeIfAbsent(cell.partitionValues(), p -> new ArrayList<>()).add(cell);
      }
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<Map<String, String>, List<DataFile>> partition : small.entrySet()) {
      List<DataFile> cells = new ArrayList<>(partition.getValue());
      cells.sort(Comparator.comparingLong(DataFile::size).thenComparing(DataFile::path));
      List<DataFile> bin = new ArrayList<>();
      long binBytes = 0;
      for (DataFile cell : cells) {
        if (!bin.isEmpty() && binBytes + cell.size() > targetCellBytes) {
          addGroup(groups, partition.getKey(), bin);
          bin = new ArrayList<>();
          binBytes = 0;
        }
        bin.add(cell);
        binBytes += cell.size();
      }
      addGroup(groups, partition.getKey(), bin);
    }
    return new CompactionPlan(groups);
  }

  private static void addGroup(
      List<Group> groups, Map<String, String> partition, List<DataFile> bin) {
    if (bin.size() >= 2) {
      groups.add(new Group(Objects.requireNonNull(partition), bin));
    }
  }
}
