package dev.apiary.catalog;

import dev.apiary.error.InvalidInputException;
import dev.apiary.table.Column;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.TypeKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a frame is declared as: its schema, its partition columns and its properties. Two
 * definitions are the same frame exactly when they are {@link #equals equal}; creating a frame that
 * exists with an equal definition is a no-op.
 *
 * <p>Rules, checked at construction (each violation is an {@link InvalidInputException} naming the
 * column or property):
 *
 * <ul>
 *   <li>{@code partitionBy} names existing columns (case-insensitively; stored in the schema's
 *       spelling), each at most once, and leaves at least one column that is not a partition column
 *       (a cell must hold some data).
 *   <li>Partition columns may not be {@code float32}, {@code float64}, {@code decimal(p,s)} or
 *       {@code binary}: their values do not round-trip exactly through directory names, so
 *       partition pruning on them would be unreliable.
 *   <li>{@code properties} keys are case-insensitive and stored lower-case; the only key today is
 *       {@code codec} ({@code lz4_raw} (default), {@code zstd} or {@code snappy}). Missing keys are
 *       filled with their defaults, so a definition always states every property and a frame keeps
 *       the defaults it was created with.
 * </ul>
 */
public record FrameDefinition(
    FrameSchema schema, List<String> partitionBy, Map<String, String> properties) {
  /** The property naming the Parquet compression codec of the frame's cells. */
  public static final String CODEC = "codec";

  private static final List<String> CODECS = List.of("lz4_raw", "zstd", "snappy");

  /** The codec of frames that do not choose one. */
  public static final String DEFAULT_CODEC = "lz4_raw";

  private static final Map<String, String> DEFAULTS = Map.of(CODEC, DEFAULT_CODEC);
  private static final Set<TypeKind> NOT_PARTITIONABLE =
      EnumSet.of(TypeKind.FLOAT32, TypeKind.FLOAT64, TypeKind.DECIMAL, TypeKind.BINARY);

  public FrameDefinition {
    Objects.requireNonNull(schema, "schema");
    partitionBy = normalizePartitionBy(schema, partitionBy == null ? List.of() : partitionBy);
    properties = normalizeProperties(properties == null ? Map.of() : properties);
  }

  /** An unpartitioned frame with default properties. */
  public static FrameDefinition of(FrameSchema schema) {
    return new FrameDefinition(schema, List.of(), Map.of());
  }

  /** The codec of the frame's cells. */
  public String codec() {
    return properties.get(CODEC);
  }

  private static List<String> normalizePartitionBy(FrameSchema schema, List<String> requested) {
    Set<String> result = new LinkedHashSet<>();
    for (String name : requested) {
      Column column =
          schema
              .column(name)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "Partition column '"
                              + name
                              + "' is not a column of the frame; columns are "
                              + String.join(", ", schema.columnNames())));
      if (!result.add(column.name())) {
        throw new InvalidInputException(
            "Partition column '" + column.name() + "' is listed more than once in partition_by");
      }
      if (NOT_PARTITIONABLE.contains(column.type().kind())) {
        throw new InvalidInputException(
            "Partition column '"
                + column.name()
                + "' has type "
                + column.type().name()
                + "; frames cannot be partitioned by float32, float64, decimal or binary columns"
                + " (use an integer, string, boolean, date or timestamp column)");
      }
    }
    if (!result.isEmpty() && result.size() == schema.columns().size()) {
      throw new InvalidInputException(
          "Every column ("
              + String.join(", ", result)
              + ") is a partition column; at least one column must hold data outside"
              + " partition_by");
    }
    return List.copyOf(result);
  }

  private static Map<String, String> normalizeProperties(Map<String, String> requested) {
    SortedMap<String, String> result = new TreeMap<>(DEFAULTS);
    for (Map.Entry<String, String> entry : requested.entrySet()) {
      String key = entry.getKey() == null ? "" : entry.getKey().trim().toLowerCase(Locale.ROOT);
      if (!DEFAULTS.containsKey(key)) {
        throw new InvalidInputException(
            "Unknown frame property '"
                + entry.getKey()
                + "'; valid properties are: "
                + String.join(", ", new TreeMap<>(DEFAULTS).keySet()));
      }
      String value =
          entry.getValue() == null ? "" : entry.getValue().trim().toLowerCase(Locale.ROOT);
      if (key.equals(CODEC) && !CODECS.contains(value)) {
        throw new InvalidInputException(
            "Unknown codec '"
                + entry.getValue()
                + "' in property 'codec'; valid codecs are: "
                + String.join(", ", CODECS));
      }
      result.put(key, value);
    }
    return Collections.unmodifiableSortedMap(result);
  }
}
