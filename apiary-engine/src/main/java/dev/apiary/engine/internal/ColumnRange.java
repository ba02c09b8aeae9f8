package dev.apiary.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiary.table.Column;
import dev.apiary.table.DataFile;
import dev.apiary.table.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What one cell says about one column, in values comparable with query constants: numbers as {@link
 * BigDecimal}, strings in code point order (as the engine compares them), dates, instants,
 * booleans. A partition column has exactly one value per cell.
 */
record ColumnRange(
    Column column,
    Optional<Comparable<Object>> min,
    Optional<Comparable<Object>> max,
    Optional<Long> nullCount,
    long rows) {

  /** A string that orders by code points, like the engine's byte-wise UTF-8 comparison. */
  record Text(String value) implements Comparable<Text> {
    @Override
    public int compareTo(Text other) {
      return compareCodePoints(value, other.value);
    }

    private static int compareCodePoints(String a, String b) {
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        int ca = a.codePointAt(i);
        int cb = b.codePointAt(j);
        if (ca != cb) {
          return Integer.compare(ca, cb);
        }
        i += Character.charCount(ca);
        j += Character.charCount(cb);
      }
      return Integer.compare(a.length() - i, b.length() - j);
    }
  }

  boolean mayHaveNulls() {
    return nullCount.map(n -> n > 0).orElse(true);
  }

  boolean mayHaveValues() {
    return nullCount.map(n -> n < rows).orElse(true);
  }

  static ColumnRange of(Column column, DataFile cell) {
    long rows = cell.stats().numRecords();
    if (cell.partitionValues().containsKey(column.name())) {
      String raw = cell.partitionValues().get(column.name());
      if (raw == null) {
        return new ColumnRange(column, Optional.empty(), Optional.empty(), Optional.of(rows), rows);
      }
      Optional<Comparable<Object>> value = comparable(column, parsePartitionValue(column, raw));
      if (value.isEmpty()) {
        return new ColumnRange(column, Optional.empty(), Optional.empty(), Optional.empty(), rows);
      }
      return new ColumnRange(column, value, value, Optional.of(0L), rows);
    }
    return new ColumnRange(
        column,
        comparable(column, cell.stats().minValues().get(column.name())),
        comparable(column, cell.stats().maxValues().get(column.name())),
        Optional.ofNullable(cell.stats().nullCount().get(column.name())),
        rows);
  }

  /** A query constant in this column's comparable form, or empty if it cannot be judged. */
  Optional<Comparable<Object>> constant(JsonNode node) {
    if (column.type().kind() == TypeKind.FLOAT32) {
      return Optional
          .empty(); // How the engine rounds constants for float columns is not ours to guess.
    }
    Optional<Object> value = CellPruner.literal(node, column);
    if (value.isPresent() && column.type().kind() == TypeKind.FLOAT64) {
      // The engine compares as double: round the constant the same way.
      value = Optional.of(new BigDecimal(((BigDecimal) value.get()).doubleValue()));
    }
    return value.flatMap(v -> comparable(column, v));
  }

  @SuppressWarnings("unchecked")
  private static Optional<Comparable<Object>> comparable(Column column, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    Object result;
    if (value instanceof Long l) {
      result = BigDecimal.valueOf(l);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite() || column.type().kind() == TypeKind.FLOAT32) {
        return Optional.empty();
      }
      result = new BigDecimal(d);
    } else if (value instanceof String s) {
      result = new Text(s);
    } else if (value instanceof BigDecimal
        || value instanceof Boolean
        || value instanceof LocalDate
        || value instanceof Instant) {
      result = value;
    } else {
      return Optional.empty();
    }
    return Optional.of((Comparable<Object>) result);
  }

  private static Object parsePartitionValue(Column column, String raw) {
    try {
      return switch (column.type().kind()) {
        case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, DECIMAL ->
            new BigDecimal(raw);
        case FLOAT32, FLOAT64 -> Double.valueOf(raw);
        case STRING -> raw;
        case BOOLEAN -> Boolean.valueOf(raw);
        case DATE -> LocalDate.parse(raw);
        case TIMESTAMP -> LocalDateTime.parse(raw.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        case BINARY -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }
}
