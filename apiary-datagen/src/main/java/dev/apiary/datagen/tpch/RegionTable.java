package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.Nation;
import dev.apiary.datagen.words.TextPool;
import java.util.List;

/** TPC-H region: the five fixed regions. */
final class RegionTable {
  private RegionTable() {}

  static RowTable table(long seed) {
    long stream = RowRandom.streamSeed(seed, "tpch.region");
    List<Column> columns =
        List.of(
            new Column("r_regionkey", ColumnType.INT32),
            new Column("r_name", ColumnType.STRING),
            new Column("r_comment", ColumnType.STRING));
    int count = Nation.REGIONS.size();
    return new RowTable(
        "region",
        columns,
        count,
        () ->
            new IndexedRows(
                count,
                (index, out, row) -> {
                  out.int32(0, row, (int) index);
                  out.string(1, row, Nation.REGIONS.get((int) index));
                  TextPool.write(RowRandom.forRow(stream, index), 31, 115, out, 2, row);
                }));
  }
}
