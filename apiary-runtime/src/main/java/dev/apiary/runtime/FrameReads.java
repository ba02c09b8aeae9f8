package dev.apiary.runtime;

import static dev.apiary.engine.DuckDbChamber.identifier;
import static dev.apiary.engine.DuckDbChamber.literal;

import dev.apiary.catalog.FrameEntry;
import dev.apiary.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The statement behind {@code read_from_frame}: every column, partition filters as equalities. */
final class FrameReads {
  private FrameReads() {}

  /**
   * @throws InvalidInputException if a filter column is not a partition column
   */
  /** Whether every filter column is a partition column of the frame. */
  static boolean accepts(FrameEntry entry, Map<String, String> partitionFilter) {
    return filters(partitionFilter).stream()
        .allMatch(e -> partitionColumn(entry, e.getKey()).isPresent());
  }

  private static Set<Map.Entry<String, String>> filters(Map<String, String> partitionFilter) {
    return (partitionFilter == null ? Map.<String, String>of() : partitionFilter).entrySet();
  }

  private static Optional<String> partitionColumn(FrameEntry entry, String name) {
    return entry.definition().partitionBy().stream()
        .filter(p -> p.equalsIgnoreCase(name))
        .findFirst();
  }

  static String sql(FrameEntry entry, Map<String, String> partitionFilter) {
    List<String> conditions = new ArrayList<>();
    for (Map.Entry<String, String> e : filters(partitionFilter)) {
      Optional<String> column = partitionColumn(entry, e.getKey());
      if (column.isEmpty()) {
        throw new InvalidInputException(
            "'"
                + e.getKey()
                + "' is not a partition column of "
                + entry.qualifiedName()
                + (entry.definition().partitionBy().isEmpty()
                    ? ", which is not partitioned"
                    : " (partitioned by "
                        + String.join(", ", entry.definition().partitionBy())
                        + ")"));
      }
      conditions.add(
          e.getValue() == null
              ? identifier(column.get()) + " IS NULL"
              : identifier(column.get()) + " = " + literal(e.getValue()));
    }
    return "SELECT * FROM "
        + identifier(entry.hive())
        + "."
        + identifier(entry.box())
        + "."
        + identifier(entry.name())
        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
  }
}
