package dev.apiary.table;

import dev.apiary.error.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Delta {@code metaData} action says of a frame.
 *
 * @param tableId the Delta table id (a UUID string)
 * @param name the frame's name (informational)
 * @param partitionColumns partition columns, spelled as in the schema
 * @param configuration table properties ({@code apiary.codec}, ...)
 * @param createdTime milliseconds since the epoch
 */
public record FrameMetadata(
    String tableId,
    String name,
    FrameSchema schema,
    List<String> partitionColumns,
    Map<String, String> configuration,
    long createdTime) {

  public FrameMetadata {
    Objects.requireNonNull(tableId, "tableId");
    Objects.requireNonNull(schema, "schema");
    partitionColumns = List.copyOf(partitionColumns);
    configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    for (String column : partitionColumns) {
      if (schema.column(column).isEmpty()) {
        throw new InvalidInputException(
            "Partition column '"
                + column
                + "' is not in the schema; columns are "
                + schema.columnNames());
      }
    }
  }

  /** The schema's columns that are stored in cells (all but the partition columns). */
  public List<Column> dataColumns() {
    return schema.columns().stream()
        .filter(c -> partitionColumns.stream().noneMatch(p -> p.equalsIgnoreCase(c.name())))
        .toList();
  }
}
