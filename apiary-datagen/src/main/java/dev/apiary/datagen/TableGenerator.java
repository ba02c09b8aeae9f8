package dev.apiary.datagen;

import java.util.LinkedHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One benchmark table that can be generated on demand, deterministically.
 *
 * <p>A generator is an immutable description: every {@link #open} streams the same rows in the same
 * order, whatever the batch size, and independently of any other table of the benchmark (tables may
 * be generated in any order, concurrently, or only some of them). Generators are thread-safe; the
 * readers they open are not.
 */
public interface TableGenerator {

  /** The table's name as the benchmark queries reference it, e.g. {@code lineitem}. */
  String name();

  /** The Arrow schema of every batch; its fields have exactly the {@link #columnTypes} types. */
  Schema arrowSchema();

  /**
   * The Apiary type name of every column, in column order: {@code int32}, {@code int64}, {@code
   * string}, {@code date}, {@code decimal(15,2)} or {@code float64}. A new map on every call.
   */
  LinkedHashMap<String, String> columnTypes();

  /** The exact number of rows {@link #open} streams. */
  long rowCount();

  /**
   * Opens a stream of all rows in batches of at most {@code batchRows} rows. Memory stays bounded
   * by one batch: each batch is generated when it is loaded and its buffers are released (or handed
   * to whoever exported them) when the next one is loaded. The caller closes the reader.
   *
   * @throws IllegalArgumentException if {@code batchRows} is not positive
   */
  ArrowReader open(BufferAllocator allocator, int batchRows);
}
