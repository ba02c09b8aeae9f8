package dev.apiary.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Small Arrow tables built column by column for tests; {@code null} values become nulls. */
final class ArrowTables {
  private ArrowTables() {}

  /** How one non-null value goes into a vector. */
  @FunctionalInterface
  private interface Setter<V, T> {
    void set(V vector, int index, T value);
  }

  private static <V extends FieldVector, T> V filled(V vector, T[] values, Setter<V, T> setter) {
    vector.setInitialCapacity(values.length);
    vector.allocateNew();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        vector.setNull(i);
      } else {
        setter.set(vector, i, values[i]);
      }
    }
    vector.setValueCount(values.length);
    return vector;
  }

  static BigIntVector longs(BufferAllocator allocator, String name, Long... values) {
    return filled(new BigIntVector(name, allocator), values, BigIntVector::setSafe);
  }

  static IntVector ints(BufferAllocator allocator, String name, Integer... values) {
    return filled(new IntVector(name, allocator), values, IntVector::setSafe);
  }

  static Float8Vector doubles(BufferAllocator allocator, String name, Double... values) {
    return filled(new Float8Vector(name, allocator), values, Float8Vector::setSafe);
  }

  static VarCharVector strings(BufferAllocator allocator, String name, String... values) {
    return filled(
        new VarCharVector(name, allocator),
        values,
        (vector, i, value) -> vector.setSafe(i, value.getBytes(StandardCharsets.UTF_8)));
  }

  static DateDayVector dates(BufferAllocator allocator, String name, Integer... epochDays) {
    return filled(new DateDayVector(name, allocator), epochDays, DateDayVector::setSafe);
  }

  static VectorSchemaRoot table(FieldVector... vectors) {
    return new VectorSchemaRoot(List.of(vectors));
  }
}
