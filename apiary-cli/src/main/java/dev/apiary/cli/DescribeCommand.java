package dev.apiary.cli;

import dev.apiary.cli.output.ArrowRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.runtime.Apiary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code apiary describe h.b.f}: the frame's schema, partitioning and size. */
@Command(
    name = "describe",
    description =
        "Describe a frame: schema, partition columns, cells, rows, bytes, version, codec.",
    footer = {
      "",
      "Example:",
      "  apiary describe demo.ssb.lineorder --storage ~/.apiary/data/quickstart"
    })
final class DescribeCommand extends ApiaryCommand {
  @Parameters(paramLabel = "HIVE.BOX.FRAME", description = "The frame to describe.")
  String frame;

  @Override
  public Integer call() {
    FrameReference reference = FrameReference.parse("describe", frame);
    try (Apiary apiary = common.start("default");
        QueryResult result = apiary.sql("DESCRIBE " + reference)) {
      ArrowRows.copy(result.reader(), sink());
    }
    return ExitCodes.OK;
  }
}
