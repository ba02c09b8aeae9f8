package dev.apiary.datagen.rows;

import dev.apiary.datagen.TableGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@link TableGenerator} made of its columns and a factory of {@link RowSource}s.
 *
 * @param name table name
 * @param columns columns in order; row sources write them by index in this list
 * @param rowCount the number of rows every source yields
 * @param rows makes a fresh source positioned before the first row
 */
public record RowTable(String name, List<Column> columns, long rowCount, Supplier<RowSource> rows)
    implements TableGenerator {

  public RowTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    Objects.requireNonNull(rows, "rows");
    if (rowCount < 0) {
      throw new IllegalArgumentException("Table " + name + " has a negative row count " + rowCount);
    }
  }

  @Override
  public Schema arrowSchema() {
    return new Schema(columns.stream().map(Column::field).collect(Collectors.toList()));
  }

  @Override
  public LinkedHashMap<String, String> columnTypes() {
    LinkedHashMap<String, String> types = new LinkedHashMap<>();
    for (Column column : columns) {
      types.put(column.name(), column.type().apiaryName());
    }
    return types;
  }

  @Override
  public ArrowReader open(BufferAllocator allocator, int batchRows) {
    return new RowBatchReader(allocator, arrowSchema(), rows.get(), batchRows);
  }

  @Override
  public String toString() {
    return name + " (" + rowCount + " rows)";
  }
}
