package dev.apiary.datagen.rows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes values into the vectors of the batch being generated, by column index. Each setter grows
 * the vector if needed; the caller picks the setter matching the column's {@link ColumnType}.
 */
public final class RowWriter {
  private final FieldVector[] vectors;

  RowWriter(List<FieldVector> vectors) {
    this.vectors = vectors.toArray(new FieldVector[0]);
  }

  /** Sets an {@code int32} value. */
  public void int32(int column, int row, int value) {
    ((IntVector) vectors[column]).setSafe(row, value);
  }

  /** Sets an {@code int64} value. */
  public void int64(int column, int row, long value) {
    ((BigIntVector) vectors[column]).setSafe(row, value);
  }

  /** Sets a {@code date} value as days since 1970-01-01. */
  public void date(int column, int row, int epochDay) {
    ((DateDayVector) vectors[column]).setSafe(row, epochDay);
  }

  /** Sets a {@code decimal(15,2)} value given in hundredths (1234 is 12.34). */
  public void hundredths(int column, int row, long hundredths) {
    ((DecimalVector) vectors[column]).setSafe(row, hundredths);
  }

  /** Sets a {@code float64} value. */
  public void float64(int column, int row, double value) {
    ((Float8Vector) vectors[column]).setSafe(row, value);
  }

  /** Sets a {@code string} value. */
  public void string(int column, int row, String value) {
    ((VarCharVector) vectors[column]).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Sets a {@code string} value from UTF-8 bytes {@code bytes[start, start + length)}. */
  public void string(int column, int row, byte[] bytes, int start, int length) {
    ((VarCharVector) vectors[column]).setSafe(row, bytes, start, length);
  }
}
