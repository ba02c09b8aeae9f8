package dev.apiary.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/** Streams an Arrow result into a {@link RowSink}, batch by batch. */
public final class ArrowRows {
  private ArrowRows() {}

  /**
   * Reads the stream to its end into the sink.
   *
   * @return the number of rows
   */
  public static long copy(ArrowReader reader, RowSink sink) {
    try {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      List<String> names = new ArrayList<>();
      for (Field field : root.getSchema().getFields()) {
        names.add(field.getName());
      }
      sink.start(names);
      long rows = 0;
      while (reader.loadNextBatch()) {
        List<FieldVector> vectors = root.getFieldVectors();
        int count = root.getRowCount();
        for (int row = 0; row < count; row++) {
          List<Object> values = new ArrayList<>(vectors.size());
          for (FieldVector vector : vectors) {
            values.add(ArrowValues.value(vector, row));
          }
          sink.row(values);
        }
        rows += count;
      }
      sink.end();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the result stream", e);
    }
  }
}
