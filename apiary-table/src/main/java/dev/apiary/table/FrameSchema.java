package dev.apiary.table;

import dev.apiary.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered columns of a frame. Column names are unique case-insensitively (the SQL engine
 * resolves them case-insensitively).
 */
public record FrameSchema(List<Column> columns) {
  public FrameSchema {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new InvalidInputException("A frame needs at least one column");
    }
    Map<String, String> seen = new LinkedHashMap<>();
    for (Column column : columns) {
      String previous = seen.put(column.name().toLowerCase(Locale.ROOT), column.name());
      if (previous != null) {
        throw new InvalidInputException(
            "Column '"
                + column.name()
                + "' is declared twice (as '"
                + previous
                + "' and '"
                + column.name()
                + "'); column names are case-insensitive");
      }
    }
  }

  /**
   * Parses a declaration as users write it: ordered {@code column -> type}, where a type may end
   * with {@code not null} (columns are nullable otherwise).
   */
  public static FrameSchema parse(Map<String, String> declaration) {
    if (declaration == null || declaration.isEmpty()) {
      throw new InvalidInputException(
          "A frame needs at least one column, e.g. {\"id\": \"int64\", \"name\": \"string\"}");
    }
    List<Column> columns =
        declaration.entrySet().stream().map(e -> parseColumn(e.getKey(), e.getValue())).toList();
    return new FrameSchema(columns);
  }

  private static Column parseColumn(String name, String typeText) {
    if (typeText == null) {
      throw new InvalidInputException("Column '" + name + "' has no type");
    }
    String trimmed = typeText.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    boolean notNull = lower.endsWith(" not null");
    String typeName = notNull ? trimmed.substring(0, trimmed.length() - 9).trim() : trimmed;
    ColumnType type;
    try {
      type = ColumnType.parse(typeName);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("Column '" + name + "': " + e.getMessage());
    }
    return new Column(name, type, !notNull);
  }

  /** The declaration form: ordered column name to type (with {@code not null} where it applies). */
  public Map<String, String> declaration() {
    Map<String, String> result = new LinkedHashMap<>();
    for (Column column : columns) {
      result.put(column.name(), column.declaration());
    }
    return result;
  }

  /** Finds a column by name, case-insensitively. */
  public Optional<Column> column(String name) {
    for (Column column : columns) {
      if (column.name().equalsIgnoreCase(name)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
