package dev.apiary.datagen.rows;

/**
 * A cursor over a table's rows, in their fixed order. A source is used by one reader on one thread;
 * a table hands out a fresh source for every stream it opens.
 */
public interface RowSource {

  /** Whether {@link #writeNext} has another row to write. */
  boolean hasNext();

  /** Writes the next row at position {@code row} of the batch and advances. */
  void writeNext(RowWriter out, int row);
}
