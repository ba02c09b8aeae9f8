package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.Nation;
import dev.apiary.datagen.words.TextPool;
import java.util.List;

/** TPC-H nation: the 25 fixed nations. */
final class NationTable {
  private NationTable() {}

  static RowTable table(long seed) {
    long stream = RowRandom.streamSeed(seed, "tpch.nation");
    List<Column> columns =
        List.of(
            new Column("n_nationkey", ColumnType.INT32),
            new Column("n_name", ColumnType.STRING),
            new Column("n_regionkey", ColumnType.INT32),
            new Column("n_comment", ColumnType.STRING));
    int count = Nation.ALL.size();
    return new RowTable(
        "nation",
        columns,
        count,
        () ->
            new IndexedRows(
                count,
                (index, out, row) -> {
                  Nation nation = Nation.ALL.get((int) index);
                  out.int32(0, row, nation.key());
                  out.string(1, row, nation.name());
                  out.int32(2, row, nation.regionKey());
                  TextPool.write(RowRandom.forRow(stream, index), 31, 114, out, 3, row);
                }));
  }
}
