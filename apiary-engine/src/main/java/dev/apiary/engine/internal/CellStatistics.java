package dev.apiary.engine.internal;

import dev.apiary.table.Column;
import dev.apiary.table.FileStatistics;
import dev.apiary.table.FrameMetadata;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the per-file statistics DuckDB returns from {@code COPY ... RETURN_STATS} into the Delta
 * statistics of a cell. Only exact values are kept; strings longer than {@value #STRING_PREFIX}
 * characters keep a prefix as minimum and no maximum (a truncated maximum would be too small), so
 * pruning stays conservative.
 */
public final class CellStatistics {
  static final int STRING_PREFIX = 32;
  private static final DateTimeFormatter DUCKDB_TIMESTAMPTZ =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .appendPattern("x")
          .toFormatter();

  private CellStatistics() {}

  /**
   * @param columnStatistics DuckDB's map: quoted column name to {min, max, null_count, ...}
   */
  public static FileStatistics of(long rows, Map<?, ?> columnStatistics, FrameMetadata metadata) {
    Map<String, Map<?, ?>> byColumn = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : columnStatistics.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
      }
      if (e.getValue() instanceof Map<?, ?> values) {
        byColumn.put(name, values);
      }
    }
    Map<String, Object> min = new LinkedHashMap<>();
    Map<String, Object> max = new LinkedHashMap<>();
    Map<String, Long> nulls = new LinkedHashMap<>();
    for (Column column : metadata.dataColumns()) {
      Map<?, ?> values = byColumn.get(column.name());
      if (values == null) {
        continue;
      }
      Object nullCount = values.get("null_count");
      if (nullCount != null) {
        long count = Long.parseLong(nullCount.toString());
        if (count <= rows) {
          nulls.put(column.name(), count);
        }
      }
      if ("true".equals(String.valueOf(values.get("min_is_exact")))) {
        Object value = typed(column, values.get("min"), true);
        if (value != null) {
          min.put(column.name(), value);
        }
      }
      if ("true".equals(String.valueOf(values.get("max_is_exact")))) {
        Object value = typed(column, values.get("max"), false);
        if (value != null) {
          max.put(column.name(), value);
        }
      }
    }
    return new FileStatistics(rows, min, max, nulls);
  }

  private static Object typed(Column column, Object raw, boolean minimum) {
    if (raw == null) {
      return null;
    }
    String text = raw.toString();
    try {
      return switch (column.type().kind()) {
        case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 -> Long.parseLong(text);
        case UINT64, DECIMAL -> new BigDecimal(text);
        case FLOAT32, FLOAT64 -> {
          double d = Double.parseDouble(text);
          yield Double.isNaN(d) ? null : d;
        }
        case STRING -> {
          if (text.length() <= STRING_PREFIX) {
            yield text;
          }
          yield minimum ? text.substring(0, STRING_PREFIX) : null;
        }
        case BOOLEAN -> Boolean.parseBoolean(text);
        case DATE -> LocalDate.parse(text);
        case TIMESTAMP -> parseInstant(text);
        case BINARY -> null;
      };
    } catch (RuntimeException e) {
      return null; // Statistics only help pruning; a value we cannot read is simply left out.
    }
  }

  static Instant parseInstant(String text) {
    return OffsetDateTime.parse(text, DUCKDB_TIMESTAMPTZ).toInstant();
  }
}
