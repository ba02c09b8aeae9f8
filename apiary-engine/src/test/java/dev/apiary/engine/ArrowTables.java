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

/** Small Arrow tables built column by column for tests. */
final class ArrowTables {
  private ArrowTables() {}

  static BigIntVector longs(BufferAllocator allocator, String name, Long... values) {
    BigIntVector vector = new BigIntVector(name, allocator);
    vector.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
    vector.setValueCount(values.length);
    return vector;
  }

  static IntVector ints(BufferAllocator allocator, String name, Integer... values) {
    IntVector vector = new IntVector(name, allocator);
    vector.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
    vector.setValueCount(values.length);
    return vector;
  }

  static Float8Vector doubles(BufferAllocator allocator, String name, Double... values) {
    Float8Vector vector = new Float8Vector(name, allocator);
    vector.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
    vector.setValueCount(values.length);
    return vector;
  }

  static VarCharVector strings(BufferAllocator allocator, String name, String... values) {
    VarCharVector vector = new VarCharVector(name, allocator);
    vector.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        vector.setNull(i);
      } else {
        vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
      }
    }
    vector.setValueCount(values.length);
    return vector;
  }

  static DateDayVector dates(BufferAllocator allocator, String name, Integer... epochDays) {
    DateDayVector vector = new DateDayVector(name, allocator);
    vector.allocateNew(epochDays.length);
    for (int i = 0; i < epochDays.length; i++) {
      if (epochDays[i] == null) {
        vector.setNull(i);
      } else {
        vector.set(i, epochDays[i]);
      }
    }
    vector.setValueCount(epochDays.length);
    return vector;
  }

  static VectorSchemaRoot table(FieldVector... vectors) {
    return new VectorSchemaRoot(List.of(vectors));
  }
}
