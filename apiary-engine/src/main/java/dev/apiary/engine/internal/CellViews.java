package dev.apiary.engine.internal;

import static dev.apiary.engine.DuckDbChamber.identifier;
import static dev.apiary.engine.DuckDbChamber.literal;

import dev.apiary.table.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The body of the view through which a statement reads a frame: the frame's columns, in frame
 * order, over the cells the statement keeps.
 *
 * <p>The cells are read with {@code union_by_name}: the engine then opens every cell while it binds
 * the statement and merges their footers' statistics (row counts, min/max, null counts). Over a
 * plain file list it has no statistics at all, estimates a frame's rows from its first cell and
 * keeps {@code IS NOT NULL} filters it could drop, which turns join orders around (TPC-H Q04 built
 * its hash table on {@code lineitem} instead of {@code orders} and ran 2-3 times slower than the
 * same query over one file). Opening the footers at bind time costs nothing extra: the scan reads
 * them anyway. A cell lacking a column (written before the column existed) reads it as nulls.
 */
public final class CellViews {
  private CellViews() {}

  /**
   * @param columns the frame's columns
   * @param cells absolute paths of the cells to read, possibly none
   * @return a SELECT statement with exactly the frame's columns, empty if there are no cells
   */
  public static String body(List<Column> columns, List<Path> cells) {
    if (cells.isEmpty()) {
      return "SELECT "
          + columns.stream()
              .map(
                  c ->
                      "CAST(NULL AS "
                          + DuckDbTypes.duckDbType(c.type())
                          + ") AS "
                          + identifier(c.name()))
              .collect(Collectors.joining(", "))
          + " WHERE false";
    }
    return "SELECT "
        + columns.stream().map(c -> identifier(c.name())).collect(Collectors.joining(", "))
        + " FROM "
        + readParquet(cells);
  }

  /** {@code read_parquet([cells], union_by_name = true)}: cells read as one table, by name. */
  public static String readParquet(List<Path> cells) {
    return "read_parquet("
        + cells.stream()
            .map(p -> literal(p.toAbsolutePath().toString()))
            .collect(Collectors.joining(", ", "[", "]"))
        + ", union_by_name = true)";
  }
}
