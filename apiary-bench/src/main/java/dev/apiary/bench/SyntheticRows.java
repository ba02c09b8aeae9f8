package dev.apiary.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A fast synthetic Arrow stream for ingest measurements: id int64, value float64, category string
 * (8 values, the partition column), day date, at timestamp.
 */
final class SyntheticRows extends ArrowReader {
  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
              new Field(
                  "value",
                  FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                  null),
              new Field("category", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
              new Field("day", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
              new Field(
                  "at",
                  FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                  null)));
  private static final byte[][] CATEGORIES = new byte[8][];

  static {
    for (int i = 0; i < 8; i++) {
      CATEGORIES[i] = ("category_" + (char) ('a' + i)).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final long rows;
  private final int batchRows;
  private long produced;

  SyntheticRows(BufferAllocator allocator, long rows, int batchRows) {
    super(allocator);
    this.rows = rows;
    this.batchRows = batchRows;
  }

  @Override
  public boolean loadNextBatch() throws java.io.IOException {
    if (produced >= rows) {
      return false;
    }
    int n = (int) Math.min(batchRows, rows - produced);
    VectorSchemaRoot root = getVectorSchemaRoot();
    for (var vector : root.getFieldVectors()) {
      vector.setInitialCapacity(n);
    }
    root.allocateNew();
    BigIntVector id = (BigIntVector) root.getVector(0);
    Float8Vector value = (Float8Vector) root.getVector(1);
    VarCharVector category = (VarCharVector) root.getVector(2);
    DateDayVector day = (DateDayVector) root.getVector(3);
    TimeStampMicroTZVector at = (TimeStampMicroTZVector) root.getVector(4);
    for (int i = 0; i < n; i++) {
      long k = produced + i;
      long mix = k * 0x9E3779B97F4A7C15L;
      id.set(i, k);
      value.set(i, (mix >>> 11) * 0x1.0p-53 * 1000);
      category.setSafe(i, CATEGORIES[(int) ((mix >>> 60) & 7)]);
      day.set(i, 19000 + (int) (k % 1000));
      at.set(i, 1_600_000_000_000_000L + k * 1_000_000L);
    }
    for (var vector : root.getFieldVectors()) {
      vector.setValueCount(n);
    }
    root.setRowCount(n);
    produced += n;
    return true;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() {}

  @Override
  protected Schema readSchema() {
    return SCHEMA;
  }
}
