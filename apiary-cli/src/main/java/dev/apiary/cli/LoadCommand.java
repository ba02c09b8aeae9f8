package dev.apiary.cli;

import dev.apiary.cli.output.OutputFormat;
import dev.apiary.cli.output.RowSink;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.InvalidInputException;
import dev.apiary.runtime.Apiary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apiary load FILE --into h.b.f}: appends a CSV, Parquet or JSON file to a frame. */
@Command(
    name = "load",
    description =
        "Append a CSV, Parquet or JSON file (format from its extension) to a frame, as one commit.",
    footer = {
      "",
      "Examples:",
      "  apiary load sales.csv --into shop.eu.sales --create --partition-by country",
      "  apiary load more-sales.parquet --into shop.eu.sales"
    })
final class LoadCommand extends ApiaryCommand {
  @Parameters(paramLabel = "FILE", description = "The file: .csv, .parquet or .json/.ndjson.")
  Path file;

  @Option(
      names = "--into",
      required = true,
      paramLabel = "HIVE.BOX.FRAME",
      description = "The frame to append to.")
  String into;

  @Option(
      names = "--create",
      description =
          "Create the frame (and its hive and box) from the file's columns if it does not exist.")
  boolean create;

  @Option(
      names = "--partition-by",
      split = ",",
      paramLabel = "COLUMN",
      description = "Partition columns of a frame --create makes, comma-separated.")
  List<String> partitionBy = new ArrayList<>();

  @Override
  public Integer call() {
    FrameReference frame = FrameReference.parse("--into", into);
    if (!partitionBy.isEmpty() && !create) {
      throw new InvalidInputException(
          "--partition-by only applies to a frame that --create makes; add --create, or drop"
              + " --partition-by to append to an existing frame");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("No such file: " + file);
    }
    Optional<List<String>> createWith =
        create ? Optional.of(List.copyOf(partitionBy)) : Optional.empty();
    ProgressLine progress =
        new ProgressLine(
            err(),
            "Loading " + file.getFileName(),
            ProgressLine.stderrIsTerminal(),
            System::nanoTime);
    WriteSummary summary;
    try (Apiary apiary = common.start("default")) {
      try {
        summary = apiary.load(file, frame.hive(), frame.box(), frame.frame(), createWith, progress);
      } finally {
        progress.finish();
      }
    }
    print(frame, summary);
    return ExitCodes.OK;
  }

  private void print(FrameReference frame, WriteSummary summary) {
    if (common.format() == OutputFormat.TABLE) {
      out()
          .printf(
              Locale.ROOT,
              "Loaded %,d rows into %s: %,d cells, %s, version %d, in %.1f s%n",
              summary.rowsWritten(),
              frame,
              summary.cellsWritten(),
              Sizes.bytes(summary.bytesWritten()),
              summary.version(),
              summary.durationMillis() / 1000.0);
      out().flush();
      return;
    }
    RowSink sink = sink();
    sink.start(List.of("frame", "rows", "cells", "bytes", "version", "duration_ms"));
    sink.row(
        List.of(
            frame.toString(),
            summary.rowsWritten(),
            summary.cellsWritten(),
            summary.bytesWritten(),
            summary.version(),
            summary.durationMillis()));
    sink.end();
  }
}
