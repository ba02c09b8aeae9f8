package dev.apiary.runtime;

import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.CellLease;
import dev.apiary.engine.CellRequest;
import dev.apiary.engine.CellSource;
import dev.apiary.engine.CellWriter;
import dev.apiary.engine.ChamberSettings;
import dev.apiary.engine.LocalCell;
import dev.apiary.engine.TaskBudget;
import dev.apiary.engine.TaskBudgets;
import dev.apiary.engine.WriteInput;
import dev.apiary.table.CommitConflictException;
import dev.apiary.table.CompactionPlan;
import dev.apiary.table.DataFile;
import dev.apiary.table.FrameLog;
import dev.apiary.table.FrameTables;
import dev.apiary.table.Snapshot;
import dev.apiary.table.WriteOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rewrites a frame's small cells into cells of the target size ({@link CompactionPlan}), one commit
 * per group of cells with {@code dataChange=false}: readers see the same rows before and after,
 * appends committed meanwhile survive, and a group whose cells an overwrite (or another compaction)
 * removed first is dropped without changing anything.
 */
final class Compactor {
  private final FrameTables tables;
  private final CellSource cells;
  private final CellWriter writer;
  private final Supplier<ChamberSettings> chamber;
  private final TaskBudgets budgets;
  private final long targetCellBytes;

  Compactor(
      FrameTables tables,
      CellSource cells,
      CellWriter writer,
      Supplier<ChamberSettings> chamber,
      TaskBudgets budgets,
      long targetCellBytes) {
    this.tables = tables;
    this.cells = cells;
    this.writer = writer;
    this.chamber = chamber;
    this.budgets = budgets;
    this.targetCellBytes = targetCellBytes;
  }

  /**
   * Compacts one frame.
   *
   * @throws dev.apiary.error.ApiaryException if reading or writing cells fails (nothing of the
   *     failing group is in the frame; earlier groups stay compacted)
   */
  CompactionResult compact(FrameEntry entry) {
    return compact(entry, 2);
  }

  /** Compacts one frame if the plan replaces at least {@code minCells} cells; else does nothing. */
  CompactionResult compact(FrameEntry entry, int minCells) {
    FrameLog log = tables.log(entry);
    Snapshot before = log.snapshot();
    CompactionPlan plan = CompactionPlan.of(before, targetCellBytes);
    if (plan.cellsReplaced() < minCells) {
      return new CompactionResult(
          entry.qualifiedName(), before.fileCount(), before.fileCount(), 0, 0, 0, 0);
    }
    int committed = 0;
    int lost = 0;
    int written = 0;
    for (CompactionPlan.Group group : plan.groups()) {
      List<CellRequest> requests = new ArrayList<>();
      long bytes = 0;
      for (DataFile cell : group.cells()) {
        requests.add(new CellRequest(log.root() + cell.path(), cell.size()));
        bytes += cell.size();
      }
      // The group's bees are taken after its cells are local, and sized by their bytes; the
      // writing chamber reads the cells itself.
      try (CellLease lease = cells.lease(requests);
          TaskBudget budget =
              budgets.reserve("the compaction of " + entry.qualifiedName(), bytes)) {
        List<LocalCell> files = new ArrayList<>();
        for (DataFile cell : group.cells()) {
          files.add(new LocalCell(lease.file(log.root() + cell.path()), cell.partitionValues()));
        }
        written +=
            writer
                .write(
                    new CellWriter.Request(
                        log,
                        entry.qualifiedName(),
                        WriteInput.cells(entry.definition(), files),
                        WriteOperation.Mode.COMPACT,
                        Optional.empty(),
                        targetCellBytes,
                        chamber.get(),
                        group.paths(),
                        budget))
                .cellsWritten();
        committed++;
      } catch (CommitConflictException e) {
        // An overwrite or another compaction got there first; that group needs nothing now.
        lost++;
      }
    }
    return new CompactionResult(
        entry.qualifiedName(),
        before.fileCount(),
        log.snapshot().fileCount(),
        plan.cellsReplaced(),
        written,
        committed,
        lost);
  }
}
