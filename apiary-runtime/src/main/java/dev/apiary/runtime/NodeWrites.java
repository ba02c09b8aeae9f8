package dev.apiary.runtime;

import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.CellWriter;
import dev.apiary.engine.FileSources;
import dev.apiary.engine.FrameName;
import dev.apiary.engine.TaskBudget;
import dev.apiary.engine.TaskBudgets;
import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.colony.Backpressure;
import dev.apiary.table.AppTransaction;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Writing cells on a node: frame creation, writes under a task budget, and file loads. */
final class NodeWrites {
  private NodeWrites() {}

  /** Creates a frame (idempotent for the same definition) and opens its log. */
  static FrameEntry createFrame(
      Node node,
      FrameName name,
      Map<String, String> schema,
      List<String> partitionBy,
      Map<String, String> properties) {
    FrameEntry entry =
        node.catalog()
            .createFrame(
                name.hive(),
                name.box(),
                name.frame(),
                new FrameDefinition(
                    FrameSchema.parse(schema),
                    partitionBy == null ? List.of() : partitionBy,
                    properties));
    node.tables().log(entry);
    return entry;
  }

  /** Writes {@code data} as one commit, in a chamber with the budget's threads and memory. */
  static WriteSummary cells(
      Node node,
      FrameEntry entry,
      ArrowReader data,
      WriteOperation.Mode mode,
      Optional<AppTransaction> token,
      TaskBudget budget) {
    WriteSummary summary =
        node.writer()
            .write(
                new CellWriter.Request(
                    node.tables().log(entry),
                    entry.qualifiedName(),
                    data,
                    mode,
                    token,
                    node.resources().targetCellBytes(),
                    node.chamberSettings(),
                    budget));
    node.background().written(entry);
    return summary;
  }

  /**
   * Loads a file into a frame (created from the file's columns when asked and missing). One budget,
   * sized by the file, serves the chamber reading the file and the one writing its cells: two
   * budgets could each wait for bees the other holds.
   */
  static WriteSummary load(
      Node node,
      Path file,
      FrameName name,
      Optional<List<String>> createWithPartitionBy,
      LongConsumer progress) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = TaskBudgets.UNKNOWN_SIZE; // FileSources says what is wrong with the file.
    }
    return NodeTasks.write(
        node,
        "the load of " + file,
        size,
        Backpressure.BLOCK,
        budget -> {
          try (FileSources.Source source =
              FileSources.open(file, node.allocator(), node.chamberSettings(), budget, progress)) {
            if (createWithPartitionBy.isPresent()
                && node.catalog().findFrame(name.hive(), name.box(), name.frame()).isEmpty()) {
              if (!node.catalog().listHives().contains(name.hive().toLowerCase(Locale.ROOT))) {
                node.catalog().createHive(name.hive());
              }
              if (!node.catalog()
                  .listBoxes(name.hive())
                  .contains(name.box().toLowerCase(Locale.ROOT))) {
                node.catalog().createBox(name.hive(), name.box());
              }
              createFrame(node, name, source.schema(), createWithPartitionBy.get(), Map.of());
            }
            FrameEntry entry = node.catalog().frame(name.hive(), name.box(), name.frame());
            return cells(
                node,
                entry,
                source.reader(),
                WriteOperation.Mode.APPEND,
                Optional.empty(),
                source.writerBudget());
          }
        });
  }
}
