package dev.apiary.table;

import dev.apiary.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A column type: a {@link TypeKind}, with precision and scale for decimals (zero otherwise).
 *
 * @param precision 1..38 for decimals, 0 otherwise
 * @param scale 0..precision for decimals, 0 otherwise
 */
public record ColumnType(TypeKind kind, int precision, int scale) {
  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
  private static final Map<String, TypeKind> ALIASES =
      Map.ofEntries(
          Map.entry("int", TypeKind.INT32),
          Map.entry("integer", TypeKind.INT32),
          Map.entry("float", TypeKind.FLOAT32),
          Map.entry("double", TypeKind.FLOAT64),
          Map.entry("utf8", TypeKind.STRING),
          Map.entry("text", TypeKind.STRING),
          Map.entry("bool", TypeKind.BOOLEAN),
          Map.entry("date32", TypeKind.DATE),
          Map.entry("datetime", TypeKind.TIMESTAMP));

  public ColumnType {
    Objects.requireNonNull(kind, "kind");
    if (kind == TypeKind.DECIMAL) {
      if (precision < 1 || precision > 38) {
        throw new InvalidInputException(
            "decimal precision must be between 1 and 38, got " + precision);
      }
      if (scale < 0 || scale > precision) {
        throw new InvalidInputException(
            "decimal scale must be between 0 and the precision " + precision + ", got " + scale);
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(kind + " takes no precision or scale");
    }
  }

  public static ColumnType of(TypeKind kind) {
    return new ColumnType(kind, 0, 0);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(TypeKind.DECIMAL, precision, scale);
  }

  /**
   * Parses a type name as users write it: canonical names, aliases ({@code int} = int32, {@code
   * int64}, {@code double}, {@code text}, {@code datetime}...) and {@code decimal(p,s)}.
   *
   * @throws InvalidInputException listing the valid names
   */
  public static ColumnType parse(String text) {
    String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(name);
    if (decimal.matches()) {
      try {
        return decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("Invalid decimal type '" + text + "': " + e.getMessage());
      }
    }
    TypeKind alias = ALIASES.get(name);
    if (alias != null) {
      return of(alias);
    }
    for (TypeKind kind : TypeKind.values()) {
      if (kind != TypeKind.DECIMAL && kind.apiaryName().equals(name)) {
        return of(kind);
      }
    }
    throw new InvalidInputException("Unknown type '" + text + "'. Valid types: " + validNames());
  }

  /** The canonical name, e.g. {@code int64} or {@code decimal(10,2)}. */
  public String name() {
    return kind == TypeKind.DECIMAL
        ? "decimal(" + precision + "," + scale + ")"
        : kind.apiaryName();
  }

  /** The Delta/Spark primitive type name this column is stored as. */
  public String deltaTypeName() {
    return kind == TypeKind.DECIMAL ? name() : kind.deltaName();
  }

  @Override
  public String toString() {
    return name();
  }

  static String validNames() {
    String canonical =
        Arrays.stream(TypeKind.values())
            .map(k -> k == TypeKind.DECIMAL ? "decimal(p,s)" : k.apiaryName())
            .collect(Collectors.joining(", "));
    return canonical
        + " (aliases: int, integer, float, double, utf8, text, bool, date32, datetime)";
  }
}
