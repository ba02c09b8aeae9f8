package dev.apiary.table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-cell statistics as Delta stores them in {@code add.stats}: row count, and per column the
 * minimum, maximum and null count. Columns without a value in {@code minValues}/{@code maxValues}
 * (all nulls, or a type without statistics) are simply absent.
 *
 * <p>Values are {@link Long} (integer types), {@link Double} (floating point), {@link BigDecimal}
 * (decimal, uint64), {@link String}, {@link Boolean}, {@link LocalDate} (date) or {@link Instant}
 * (timestamp). Keys are column names as the schema spells them.
 */
public record FileStatistics(
    long numRecords,
    Map<String, Object> minValues,
    Map<String, Object> maxValues,
    Map<String, Long> nullCount) {

  public FileStatistics {
    if (numRecords < 0) {
      throw new IllegalArgumentException("numRecords must be >= 0: " + numRecords);
    }
    minValues = copyValues(minValues, "minValues");
    maxValues = copyValues(maxValues, "maxValues");
    nullCount = Collections.unmodifiableMap(new LinkedHashMap<>(nullCount));
    for (Map.Entry<String, Long> e : nullCount.entrySet()) {
      Objects.requireNonNull(e.getValue(), "nullCount of " + e.getKey());
      if (e.getValue() < 0 || e.getValue() > numRecords) {
        throw new IllegalArgumentException(
            "nullCount of column '"
                + e.getKey()
                + "' is "
                + e.getValue()
                + " but the cell has "
                + numRecords
                + " rows");
      }
    }
  }

  /** Statistics with only a row count. */
  public static FileStatistics ofRowCount(long numRecords) {
    return new FileStatistics(numRecords, Map.of(), Map.of(), Map.of());
  }

  private static Map<String, Object> copyValues(Map<String, Object> values, String what) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object value = e.getValue();
      if (!(value instanceof Long
          || value instanceof Double
          || value instanceof BigDecimal
          || value instanceof String
          || value instanceof Boolean
          || value instanceof LocalDate
          || value instanceof Instant)) {
        throw new IllegalArgumentException(
            what
                + " of column '"
                + e.getKey()
                + "' has unsupported value type "
                + (value == null ? "null" : value.getClass().getSimpleName()));
      }
      copy.put(e.getKey(), value);
    }
    return Collections.unmodifiableMap(copy);
  }
}
