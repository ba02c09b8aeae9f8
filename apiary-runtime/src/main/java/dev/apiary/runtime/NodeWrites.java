package dev.apiary.runtime;

import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.CellWriter;
import dev.apiary.engine.FileSources;
import dev.apiary.engine.FrameName;
import dev.apiary.engine.TaskBudget;
import dev.apiary.engine.TaskBudgets;
import dev.apiary.engine.WriteInput;
import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.colony.Backpressure;
import dev.apiary.table.AppTransaction;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

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

  /** Writes {@code input} as one commit, in a chamber with the budget's threads and memory. */
  static WriteSummary cells(
      Node node,
      FrameEntry entry,
      WriteInput input,
      WriteOperation.Mode mode,
      Optional<AppTransaction> token,
      TaskBudget budget) {
    WriteSummary summary =
        node.writer()
            .write(
                new CellWriter.Request(
                    node.tables().log(entry),
                    entry.qualifiedName(),
                    input,
                    mode,
                    token,
                    node.resources().targetCellBytes(),
                    node.chamberSettings(),
                    budget));
    node.background().written(entry);
    return summary;
  }

  /**
   * Loads a file into a frame (created from the file's columns when asked and missing). The chamber
   * that writes the cells reads the file itself, so the rows never pass through the JVM; it has the
   * whole budget, sized by the file.
   */
  static WriteSummary load(
      Node node,
      Path file,
      FrameName name,
      Optional<List<String>> createWithPartitionBy,
      LongConsumer progress) {
    WriteInput input = WriteInput.file(file, progress);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = TaskBudgets.UNKNOWN_SIZE; // The engine says what is wrong with the file.
    }
    return NodeTasks.write(
        node,
        "the load of " + file,
        size,
        Backpressure.BLOCK,
        budget -> {
          Optional<FrameEntry> existing =
              node.catalog().findFrame(name.hive(), name.box(), name.frame());
          FrameEntry entry;
          if (existing.isPresent()) {
            entry = existing.get();
          } else if (createWithPartitionBy.isPresent()) {
            Map<String, String> columns =
                FileSources.columns(file, node.allocator(), node.chamberSettings(), budget);
            // Both return false without writing when the hive or box exists already.
            node.catalog().createHive(name.hive());
            node.catalog().createBox(name.hive(), name.box());
            entry = createFrame(node, name, columns, createWithPartitionBy.get(), Map.of());
          } else {
            // Throws, naming what is missing: the hive, the box or the frame.
            entry = node.catalog().frame(name.hive(), name.box(), name.frame());
          }
          return cells(node, entry, input, WriteOperation.Mode.APPEND, Optional.empty(), budget);
        });
  }
}
