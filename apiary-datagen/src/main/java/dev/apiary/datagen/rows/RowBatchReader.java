package dev.apiary.datagen.rows;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} that generates each batch when it is loaded, so a table is never
 * materialised whole. Every batch gets fresh buffers: a consumer that keeps (or exported) the
 * previous batch's buffers is unaffected by the next load.
 */
final class RowBatchReader extends ArrowReader {
  private final Schema schema;
  private final RowSource rows;
  private final int batchRows;
  private long bytesGenerated;

  RowBatchReader(BufferAllocator allocator, Schema schema, RowSource rows, int batchRows) {
    super(allocator);
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
    }
    this.schema = schema;
    this.rows = rows;
    this.batchRows = batchRows;
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    if (!rows.hasNext()) {
      return false;
    }
    VectorSchemaRoot root = getVectorSchemaRoot();
    for (FieldVector vector : root.getFieldVectors()) {
      vector.setInitialCapacity(batchRows);
      vector.allocateNew();
    }
    RowWriter writer = new RowWriter(root.getFieldVectors());
    int count = 0;
    while (count < batchRows && rows.hasNext()) {
      rows.writeNext(writer, count);
      count++;
    }
    root.setRowCount(count);
    for (FieldVector vector : root.getFieldVectors()) {
      bytesGenerated += vector.getBufferSize();
    }
    return true;
  }

  /** The total size of the buffers of all batches generated so far. */
  @Override
  public long bytesRead() {
    return bytesGenerated;
  }

  @Override
  protected void closeReadSource() {
    // Nothing to release: rows are computed, not read.
  }

  @Override
  protected Schema readSchema() {
    return schema;
  }
}
