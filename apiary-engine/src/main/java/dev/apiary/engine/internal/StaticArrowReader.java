package dev.apiary.engine.internal;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** A result of string columns built in memory (Apiary commands): one batch, then the end. */
public final class StaticArrowReader extends ArrowReader {
  private final Schema schema;
  private final List<List<String>> rows;
  private boolean delivered;

  public StaticArrowReader(
      BufferAllocator allocator, List<String> columns, List<List<String>> rows) {
    super(allocator);
    this.schema =
        new Schema(
            columns.stream()
                .map(c -> new Field(c, FieldType.nullable(ArrowType.Utf8.INSTANCE), null))
                .toList());
    this.rows = List.copyOf(rows);
  }

  @Override
  public boolean loadNextBatch() throws java.io.IOException {
    if (delivered) {
      return false;
    }
    delivered = true;
    VectorSchemaRoot root = getVectorSchemaRoot();
    root.allocateNew();
    for (int c = 0; c < schema.getFields().size(); c++) {
      VarCharVector vector = (VarCharVector) root.getVector(c);
      for (int r = 0; r < rows.size(); r++) {
        String value = rows.get(r).get(c);
        if (value == null) {
          vector.setNull(r);
        } else {
          vector.setSafe(r, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      vector.setValueCount(rows.size());
    }
    root.setRowCount(rows.size());
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
    return schema;
  }
}
