package dev.apiary.table;

/** The column types a frame can declare (SPEC 5.1). */
public enum TypeKind {
  INT8("int8", "byte"),
  INT16("int16", "short"),
  INT32("int32", "integer"),
  INT64("int64", "long"),
  UINT8("uint8", "short"),
  UINT16("uint16", "integer"),
  UINT32("uint32", "long"),
  UINT64("uint64", "decimal(20,0)"),
  FLOAT32("float32", "float"),
  FLOAT64("float64", "double"),
  STRING("string", "string"),
  BOOLEAN("boolean", "boolean"),
  DATE("date", "date"),
  TIMESTAMP("timestamp", "timestamp"),
  DECIMAL("decimal", "decimal"),
  BINARY("binary", "binary");

  private final String apiaryName;
  private final String deltaName;

  TypeKind(String apiaryName, String deltaName) {
    this.apiaryName = apiaryName;
    this.deltaName = deltaName;
  }

  /** The canonical Apiary spelling ({@code int64}, {@code decimal}). */
  public String apiaryName() {
    return apiaryName;
  }

  /**
   * The Delta/Spark primitive type this kind is stored as. Unsigned kinds widen to the next signed
   * type (uint64 to decimal(20,0)), because Delta has no unsigned types; the column's field
   * metadata keeps the Apiary type so that it round-trips.
   */
  String deltaName() {
    return deltaName;
  }

  boolean isUnsigned() {
    return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
  }
}
