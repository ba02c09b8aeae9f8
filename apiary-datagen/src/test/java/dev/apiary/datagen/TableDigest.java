package dev.apiary.datagen;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** A digest of every value of a generated table, independent of batch boundaries. */
record TableDigest(long rows, long hash) {

  static TableDigest of(TableGenerator table, int batchRows) throws IOException {
    long rows = 0;
    long hash = 17;
    try (BufferAllocator allocator = new RootAllocator();
        ArrowReader reader = table.open(allocator, batchRows)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        for (int row = 0; row < root.getRowCount(); row++) {
          for (FieldVector vector : root.getFieldVectors()) {
            hash = hash * 1_000_003 + vector.hashCode(row);
          }
        }
        rows += root.getRowCount();
      }
    }
    return new TableDigest(rows, hash);
  }
}
