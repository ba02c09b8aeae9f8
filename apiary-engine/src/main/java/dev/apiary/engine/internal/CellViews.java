package dev.apiary.engine.internal;

import static dev.apiary.engine.DuckDbChamber.identifier;
import static dev.apiary.engine.DuckDbChamber.literal;

import dev.apiary.engine.LocalCell;
import dev.apiary.table.Column;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Partition columns are not read from the cells (Apiary, like other Delta writers, leaves them
 * out; older cells hold them). Their values come from the log: when every cell's directories spell
 * exactly the log's values ({@link PartitionDirectories}), one scan takes them from the paths
 * ({@code hive_partitioning}, typed as the frame declares them); otherwise the cells are read in
 * groups of equal partition values, each group's values written into the view as constants.
 */
public final class CellViews {
  private CellViews() {}

  /**
   * @param columns the frame's columns
   * @param partitionBy the frame's partition columns (possibly none)
   * @param cells the cells to read, possibly none
   * @return a SELECT statement with exactly the frame's columns, empty if there are no cells
   */
  public static String body(List<Column> columns, List<String> partitionBy, List<LocalCell> cells) {
    if (cells.isEmpty()) {
      return "SELECT "
          + columns.stream()
              .map(c -> typedNull(c) + " AS " + identifier(c.name()))
              .collect(Collectors.joining(", "))
          + " WHERE false";
    }
    String select =
        "SELECT "
            + columns.stream().map(c -> identifier(c.name())).collect(Collectors.joining(", "));
    if (partitionBy.isEmpty()) {
      return select + " FROM " + readParquet(files(cells), "hive_partitioning = false");
    }
    if (PartitionDirectories.match(columns, partitionBy, cells)) {
      return select
          + " FROM "
          + readParquet(
              files(cells), "hive_partitioning = true, " + hiveTypes(columns, partitionBy));
    }
    return groupsOfEqualValues(columns, partitionBy, cells);
  }

  /** One scan per distinct tuple of partition values, the values as constants. */
  private static String groupsOfEqualValues(
      List<Column> columns, List<String> partitionBy, List<LocalCell> cells) {
    Map<Map<String, String>, List<Path>> groups = new LinkedHashMap<>();
    for (LocalCell cell : cells) {
      groups.computeIfAbsent(cell.partitionValues(), v -> new ArrayList<>()).add(cell.file());
    }
    List<String> scans = new ArrayList<>();
    for (Map.Entry<Map<String, String>, List<Path>> group : groups.entrySet()) {
      List<String> items = new ArrayList<>();
      for (Column column : columns) {
        String partition = partitionColumn(partitionBy, column);
        if (partition == null) {
          items.add(identifier(column.name()));
        } else {
          String value = group.getKey().get(partition);
          items.add(
              (value == null
                      ? typedNull(column)
                      : "CAST("
                          + literal(value)
                          + " AS "
                          + DuckDbTypes.duckDbType(column.type())
                          + ")")
                  + " AS "
                  + identifier(column.name()));
        }
      }
      scans.add(
          "SELECT "
              + String.join(", ", items)
              + " FROM "
              + readParquet(group.getValue(), "hive_partitioning = false"));
    }
    return String.join(" UNION ALL ", scans);
  }

  private static String partitionColumn(List<String> partitionBy, Column column) {
    for (String partition : partitionBy) {
      if (partition.equalsIgnoreCase(column.name())) {
        return partition;
      }
    }
    return null;
  }

  private static String hiveTypes(List<Column> columns, List<String> partitionBy) {
    List<String> types = new ArrayList<>();
    for (Column column : columns) {
      if (partitionColumn(partitionBy, column) != null) {
        types.add(literal(column.name()) + ": " + DuckDbTypes.duckDbType(column.type()));
      }
    }
    return "hive_types = {" + String.join(", ", types) + "}";
  }

  private static String typedNull(Column column) {
    return "CAST(NULL AS " + DuckDbTypes.duckDbType(column.type()) + ")";
  }

  private static List<Path> files(List<LocalCell> cells) {
    return cells.stream().map(LocalCell::file).collect(Collectors.toList());
  }

  /**
   * {@code read_parquet([cells], union_by_name = true, ...)}: cells read as one table, by name.
   *
   * @param options further named parameters; the engine's guess of {@code hive_partitioning} from
   *     the paths is never left to it
   */
  private static String readParquet(List<Path> cells, String options) {
    return "read_parquet("
        + cells.stream()
            .map(p -> literal(p.toAbsolutePath().toString()))
            .collect(Collectors.joining(", ", "[", "]"))
        + ", union_by_name = true, "
        + options
        + ")";
  }
}
