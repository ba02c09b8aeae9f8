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
import java.util.function.Function;

/**
 * Decides from a cell's statistics and partition values whether any of its rows can satisfy a WHERE
 * clause (DuckDB's syntax tree). Conservative: anything it does not understand may match. Handles
 * AND, OR, NOT, comparisons, IN, BETWEEN, IS [NOT] NULL on numbers, strings, booleans, dates and
 * timestamps, with constants that are literals or casts of literals, and dates and timestamps plus
 * or minus an interval literal ({@link DateArithmetic}).
 *
 * <p>Two questions are answered for each expression: can it be TRUE for some row, and can it be
 * FALSE for some row (SQL NULL is neither), which is what NOT needs.
 */
public final class CellPruner {
  private final Function<JsonNode, Optional<Column>> columns;

  public CellPruner(Function<JsonNode, Optional<Column>> columns) {
    this.columns = columns;
  }

  /** Whether some row of the cell may satisfy the predicate. */
  public boolean mayMatch(JsonNode predicate, DataFile cell) {
    return mayBe(predicate, cell, true);
  }

  private boolean mayBe(JsonNode e, DataFile cell, boolean wanted) {
    String type = e.path("type").asText();
    switch (type) {
      case "CONJUNCTION_AND" -> {
        // AND is TRUE only if all are; FALSE if any is.
        for (JsonNode child : e.path("children")) {
          boolean possible = mayBe(child, cell, wanted);
          if (wanted && !possible) {
            return false;
          }
          if (!wanted && possible) {
            return true;
          }
        }
        return wanted;
      }
      case "CONJUNCTION_OR" -> {
        for (JsonNode child : e.path("children")) {
          boolean possible = mayBe(child, cell, wanted);
          if (wanted && possible) {
            return true;
          }
          if (!wanted && !possible) {
            return false;
          }
        }
        return !wanted;
      }
      case "OPERATOR_NOT" -> {
        return mayBe(e.path("children").path(0), cell, !wanted);
      }
      case "OPERATOR_IS_NULL", "OPERATOR_IS_NOT_NULL" -> {
        Optional<ColumnRange> range = range(e.path("children").path(0), cell);
        if (range.isEmpty()) {
          return true;
        }
        boolean isNull = type.equals("OPERATOR_IS_NULL");
        boolean canBeNull = range.get().mayHaveNulls();
        boolean canBeNonNull = range.get().mayHaveValues();
        return (wanted == isNull) ? canBeNull : canBeNonNull;
      }
      case "COMPARE_EQUAL",
          "COMPARE_NOTEQUAL",
          "COMPARE_LESSTHAN",
          "COMPARE_LESSTHANOREQUALTO",
          "COMPARE_GREATERTHAN",
          "COMPARE_GREATERTHANOREQUALTO" -> {
        return comparison(type, e.get("left"), e.get("right"), cell, wanted);
      }
      case "COMPARE_BETWEEN" -> {
        JsonNode input = e.get("input");
        boolean low =
            comparison("COMPARE_GREATERTHANOREQUALTO", input, e.get("lower"), cell, wanted);
        boolean high = comparison("COMPARE_LESSTHANOREQUALTO", input, e.get("upper"), cell, wanted);
        return wanted ? low && high : low || high;
      }
      case "COMPARE_IN", "COMPARE_NOT_IN" -> {
        JsonNode children = e.path("children");
        boolean in = type.equals("COMPARE_IN");
        boolean anyTrue = false;
        boolean allFalse = true;
        for (int i = 1; i < children.size(); i++) {
          anyTrue |= comparison("COMPARE_EQUAL", children.get(0), children.get(i), cell, true);
          allFalse &= comparison("COMPARE_EQUAL", children.get(0), children.get(i), cell, false);
        }
        // x IN (a, b) is TRUE if some equality may be; FALSE only if every one may be false.
        boolean inMayBeTrue = anyTrue;
        boolean inMayBeFalse = allFalse;
        return (wanted == in) ? inMayBeTrue : inMayBeFalse;
      }
      default -> {
        return true;
      }
    }
  }

  /** Can {@code left op right} be TRUE ({@code wanted}) or FALSE for some row of the cell? */
  private boolean comparison(
      String op, JsonNode left, JsonNode right, DataFile cell, boolean wanted) {
    Optional<ColumnRange> range = range(left, cell);
    JsonNode constant = right;
    if (range.isEmpty()) {
      range = range(right, cell);
      constant = left;
      op = flip(op);
    }
    if (range.isEmpty()) {
      return true;
    }
    Optional<Comparable<Object>> value = range.get().constant(constant);
    if (value.isEmpty()) {
      return true;
    }
    ColumnRange r = range.get();
    if (!r.mayHaveValues()) {
      return false; // Only nulls: every comparison is NULL, neither TRUE nor FALSE.
    }
    if (r.min().isEmpty() || r.max().isEmpty()) {
      return true;
    }
    int vsMin = compare(value.get(), r.min().get());
    int vsMax = compare(value.get(), r.max().get());
    boolean single = compare(r.min().get(), r.max().get()) == 0;
    boolean truePossible;
    boolean falsePossible;
    switch (op) {
      case "COMPARE_EQUAL" -> {
        truePossible = vsMin >= 0 && vsMax <= 0;
        falsePossible = !(single && vsMin == 0);
      }
      case "COMPARE_NOTEQUAL" -> {
        truePossible = !(single && vsMin == 0);
        falsePossible = vsMin >= 0 && vsMax <= 0;
      }
      case "COMPARE_LESSTHAN" -> { // column < value
        truePossible = vsMin > 0;
        falsePossible = vsMax <= 0;
      }
      case "COMPARE_LESSTHANOREQUALTO" -> {
        truePossible = vsMin >= 0;
        falsePossible = vsMax < 0;
      }
      case "COMPARE_GREATERTHAN" -> {
        truePossible = vsMax < 0;
        falsePossible = vsMin >= 0;
      }
      case "COMPARE_GREATERTHANOREQUALTO" -> {
        truePossible = vsMax <= 0;
        falsePossible = vsMin > 0;
      }
      default -> {
        return true;
      }
    }
    return wanted ? truePossible : falsePossible;
  }

  private static String flip(String op) {
    return switch (op) {
      case "COMPARE_LESSTHAN" -> "COMPARE_GREATERTHAN";
      case "COMPARE_LESSTHANOREQUALTO" -> "COMPARE_GREATERTHANOREQUALTO";
      case "COMPARE_GREATERTHAN" -> "COMPARE_LESSTHAN";
      case "COMPARE_GREATERTHANOREQUALTO" -> "COMPARE_LESSTHANOREQUALTO";
      default -> op;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable a, Object b) {
    return a.compareTo(b);
  }

  private Optional<ColumnRange> range(JsonNode node, DataFile cell) {
    if (node == null || !node.path("type").asText().equals("COLUMN_REF")) {
      return Optional.empty();
    }
    return columns.apply(node).map(column -> ColumnRange.of(column, cell));
  }

  /** Parses a typed constant: a literal, or a cast of a literal to the column's kind of type. */
  static Optional<Object> literal(JsonNode node, Column column) {
    if (node == null) {
      return Optional.empty();
    }
    String type = node.path("type").asText();
    if (type.equals("OPERATOR_CAST")) {
      return literal(node.get("child"), column);
    }
    if (type.equals("FUNCTION")
        && (column.type().kind() == TypeKind.DATE || column.type().kind() == TypeKind.TIMESTAMP)) {
      return DateArithmetic.fold(node, base -> literal(base, column));
    }
    if (!type.equals("VALUE_CONSTANT")) {
      return Optional.empty();
    }
    JsonNode literal = node.path("literal");
    String kind = literal.path("kind").asText();
    String text = literal.path("text").asText(null);
    if (text == null || kind.equals("NULL")) {
      return Optional.empty();
    }
    try {
      Object value =
          switch (column.type().kind()) {
            case INT8,
                    INT16,
                    INT32,
                    INT64,
                    UINT8,
                    UINT16,
                    UINT32,
                    UINT64,
                    DECIMAL,
                    FLOAT32,
                    FLOAT64 ->
                kind.equals("STRING") || kind.equals("INTEGER") || kind.equals("NUMERIC")
                    ? new BigDecimal(text.strip())
                    : null;
            case STRING -> kind.equals("STRING") ? text : null;
            case BOOLEAN -> kind.equals("BOOLEAN") ? Boolean.valueOf(text) : null;
            case DATE -> kind.equals("STRING") ? LocalDate.parse(text.strip()) : null;
            case TIMESTAMP -> kind.equals("STRING") ? parseTimestamp(text.strip()) : null;
            case BINARY -> null;
          };
      return Optional.ofNullable(value);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static Instant parseTimestamp(String text) {
    String iso = text.replace(' ', 'T');
    if (iso.length() == 10) {
      return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d(:?\\d\\d)?$")) {
      return java.time.OffsetDateTime.parse(
              iso.length() > 3 && iso.matches(".*[+-]\\d\\d$") ? iso + ":00" : iso)
          .toInstant();
    }
    return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
  }
}
