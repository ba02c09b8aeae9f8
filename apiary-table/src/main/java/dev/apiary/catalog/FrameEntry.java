package dev.apiary.catalog;

import dev.apiary.error.InvalidInputException;
import dev.apiary.table.Identifiers;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A frame as the catalog records it.
 *
 * @param hive the hive's stored (lower-case) name
 * @param box the box's stored (lower-case) name
 * @param name the frame's stored (lower-case) name
 * @param definition schema, partition columns and properties
 * @param tableId a random UUID fixed at creation; it becomes the Delta table id ({@code
 *     metaData.id}), so a frame dropped and re-created under the same name is a different table
 * @param createdAt when the frame was created
 */
public record FrameEntry(
    String hive,
    String box,
    String name,
    FrameDefinition definition,
    String tableId,
    Instant createdAt) {
  public FrameEntry {
    hive = Identifiers.normalize("hive", hive);
    box = Identifiers.normalize("box", box);
    name = Identifiers.normalize("frame", name);
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(tableId, "tableId");
    try {
      UUID.fromString(tableId);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Table id '" + tableId + "' is not a UUID");
    }
  }

  /** {@code hive.box.frame}, the name SQL uses. */
  public String qualifiedName() {
    return hive + "." + box + "." + name;
  }

  /** The key prefix of the frame's Delta table root in the store: {@code hive/box/frame/}. */
  public String location() {
    return hive + "/" + box + "/" + name + "/";
  }
}
