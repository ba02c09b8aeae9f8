package dev.apiary.datagen.rows;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The column types the generators produce, with their Apiary names and exact Arrow types. */
public enum ColumnType {
  INT32("int32", new ArrowType.Int(32, true)),
  INT64("int64", new ArrowType.Int(64, true)),
  STRING("string", ArrowType.Utf8.INSTANCE),
  DATE("date", new ArrowType.Date(DateUnit.DAY)),
  /** Money and quantities: values are written as unscaled hundredths. */
  DECIMAL_15_2("decimal(15,2)", new ArrowType.Decimal(15, 2, 128)),
  FLOAT64("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));

  private final String apiaryName;
  private final ArrowType arrowType;

  ColumnType(String apiaryName, ArrowType arrowType) {
    this.apiaryName = apiaryName;
    this.arrowType = arrowType;
  }

  /** The Apiary type name, e.g. {@code decimal(15,2)}. */
  public String apiaryName() {
    return apiaryName;
  }

  /** The Arrow type batches carry for this column. */
  public ArrowType arrowType() {
    return arrowType;
  }
}
