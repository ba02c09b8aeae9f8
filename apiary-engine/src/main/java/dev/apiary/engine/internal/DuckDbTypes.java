package dev.apiary.engine.internal;

import dev.apiary.table.ColumnType;
import dev.apiary.table.TypeKind;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Apiary column types as DuckDB and Arrow name them. */
public final class DuckDbTypes {
  private DuckDbTypes() {}

  /**
   * The DuckDB type a column is stored and queried as. Timestamps are {@code TIMESTAMPTZ}: UTC
   * instants, written to Parquet as UTC-adjusted microseconds, which is what Delta's {@code
   * timestamp} means.
   */
  public static String duckDbType(ColumnType type) {
    return switch (type.kind()) {
      case INT8 -> "TINYINT";
      case INT16 -> "SMALLINT";
      case INT32 -> "INTEGER";
      case INT64 -> "BIGINT";
      case UINT8 -> "UTINYINT";
      case UINT16 -> "USMALLINT";
      case UINT32 -> "UINTEGER";
      case UINT64 -> "UBIGINT";
      case FLOAT32 -> "FLOAT";
      case FLOAT64 -> "DOUBLE";
      case STRING -> "VARCHAR";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMPTZ";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case BINARY -> "BLOB";
    };
  }

  /**
   * The Apiary type of an Arrow field type, or empty for the Arrow null type (a column of only
   * nulls, which fits any nullable column).
   *
   * @throws IllegalArgumentException for Arrow types Apiary cannot store (lists, structs, ...)
   */
  public static Optional<ColumnType> fromArrow(ArrowType arrow) {
    if (arrow instanceof ArrowType.Null) {
      return Optional.empty();
    }
    if (arrow instanceof ArrowType.Int i) {
      TypeKind kind =
          switch (i.getBitWidth()) {
            case 8 -> i.getIsSigned() ? TypeKind.INT8 : TypeKind.UINT8;
            case 16 -> i.getIsSigned() ? TypeKind.INT16 : TypeKind.UINT16;
            case 32 -> i.getIsSigned() ? TypeKind.INT32 : TypeKind.UINT32;
            default -> i.getIsSigned() ? TypeKind.INT64 : TypeKind.UINT64;
          };
      return Optional.of(ColumnType.of(kind));
    }
    if (arrow instanceof ArrowType.FloatingPoint f) {
      return Optional.of(
          ColumnType.of(
              f.getPrecision() == FloatingPointPrecision.DOUBLE
                  ? TypeKind.FLOAT64
                  : TypeKind.FLOAT32));
    }
    if (arrow instanceof ArrowType.Utf8
        || arrow instanceof ArrowType.LargeUtf8
        || arrow instanceof ArrowType.Utf8View) {
      return Optional.of(ColumnType.of(TypeKind.STRING));
    }
    if (arrow instanceof ArrowType.Bool) {
      return Optional.of(ColumnType.of(TypeKind.BOOLEAN));
    }
    if (arrow instanceof ArrowType.Date) {
      return Optional.of(ColumnType.of(TypeKind.DATE));
    }
    if (arrow instanceof ArrowType.Timestamp) {
      return Optional.of(ColumnType.of(TypeKind.TIMESTAMP));
    }
    if (arrow instanceof ArrowType.Decimal d) {
      return Optional.of(ColumnType.decimal(d.getPrecision(), d.getScale()));
    }
    if (arrow instanceof ArrowType.Binary
        || arrow instanceof ArrowType.LargeBinary
        || arrow instanceof ArrowType.FixedSizeBinary
        || arrow instanceof ArrowType.BinaryView) {
      return Optional.of(ColumnType.of(TypeKind.BINARY));
    }
    throw new IllegalArgumentException("Arrow type " + arrow + " cannot be stored in a frame");
  }

  /**
   * Whether every value of {@code from} is exactly representable in {@code to}: the widenings a
   * write applies without being asked (int32 to int64, integers to float64, float32 to float64,
   * date to timestamp, narrower decimals to wider ones).
   */
  public static boolean widensSafely(ColumnType from, ColumnType to) {
    if (from.equals(to)) {
      return true;
    }
    TypeKind f = from.kind();
    TypeKind t = to.kind();
    int fromBits = integerBits(f);
    int toBits = integerBits(t);
    boolean fromSigned = fromBits > 0 && !f.apiaryName().startsWith("u");
    boolean toSigned = toBits > 0 && !t.apiaryName().startsWith("u");
    if (fromBits > 0 && toBits > 0) {
      if (fromSigned == toSigned) {
        return toBits >= fromBits;
      }
      return !fromSigned && toSigned && toBits > fromBits;
    }
    if (fromBits > 0 && t == TypeKind.FLOAT64) {
      return true; // The spec lists int -> float64 as a safe widening.
    }
    if (fromBits > 0 && fromBits <= 16 && t == TypeKind.FLOAT32) {
      return true;
    }
    if (fromBits > 0 && t == TypeKind.DECIMAL) {
      int digits = fromBits == 8 ? 3 : fromBits == 16 ? 5 : fromBits == 32 ? 10 : 20;
      return to.precision() - to.scale() >= digits;
    }
    if (f == TypeKind.FLOAT32 && t == TypeKind.FLOAT64) {
      return true;
    }
    if (f == TypeKind.DATE && t == TypeKind.TIMESTAMP) {
      return true;
    }
    if (f == TypeKind.DECIMAL && t == TypeKind.DECIMAL) {
      return to.scale() >= from.scale()
          && to.precision() - to.scale() >= from.precision() - from.scale();
    }
    return false;
  }

  private static int integerBits(TypeKind kind) {
    return switch (kind) {
      case INT8, UINT8 -> 8;
      case INT16, UINT16 -> 16;
      case INT32, UINT32 -> 32;
      case INT64, UINT64 -> 64;
      default -> 0;
    };
  }
}
