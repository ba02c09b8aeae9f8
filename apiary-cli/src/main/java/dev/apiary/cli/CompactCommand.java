package dev.apiary.cli;

import dev.apiary.cli.output.RowSink;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.CompactionResult;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code apiary compact h.b.f}: rewrite a frame's small cells into target-size cells. */
@Command(
    name = "compact",
    description =
        "Compact a frame: rewrite its small cells into cells of the target size. Queries return"
            + " the same rows before and after; writes committed meanwhile are kept.",
    footer = {
      "",
      "Example:",
      "  apiary compact demo.ssb.lineorder --storage ~/.apiary/data/quickstart"
    })
final class CompactCommand extends ApiaryCommand {
  @Parameters(paramLabel = "HIVE.BOX.FRAME", description = "The frame to compact.")
  String frame;

  @Override
  public Integer call() {
    FrameReference reference = FrameReference.parse("compact", frame);
    CompactionResult result;
    try (Apiary apiary = common.start("default")) {
      result = apiary.compact(reference.hive(), reference.box(), reference.frame());
    }
    RowSink sink = sink();
    sink.start(
        List.of(
            "frame",
            "cells_before",
            "cells_after",
            "cells_replaced",
            "cells_written",
            "commits",
            "groups_lost"));
    sink.row(
        List.of(
            result.frame(),
            result.cellsBefore(),
            result.cellsAfter(),
            result.cellsReplaced(),
            result.cellsWritten(),
            result.commits(),
            result.groupsLost()));
    sink.end();
    return ExitCodes.OK;
  }
}
