package dev.apiary.datagen.rows;

/**
 * A {@link RowSource} for tables whose row {@code i} is a function of {@code i} alone (all tables
 * but the order line tables, whose rows come in groups per order).
 */
public final class IndexedRows implements RowSource {

  /** Writes row number {@code index} (0-based in the table) at position {@code row}. */
  @FunctionalInterface
  public interface RowFunction {
    void write(long index, RowWriter out, int row);
  }

  private final long count;
  private final RowFunction function;
  private long next;

  public IndexedRows(long count, RowFunction function) {
    this.count = count;
    this.function = function;
  }

  @Override
  public boolean hasNext() {
    return next < count;
  }

  @Override
  public void writeNext(RowWriter out, int row) {
    function.write(next, out, row);
    next++;
  }
}
