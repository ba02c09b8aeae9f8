package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.PartWords;
import dev.apiary.datagen.words.TextPool;
import java.util.List;
import java.util.SplittableRandom;

/** TPC-H part. */
final class PartTable {
  private PartTable() {}

  static RowTable table(TpchScale scale, long seed) {
    long stream = RowRandom.streamSeed(seed, "tpch.part");
    List<Column> columns =
        List.of(
            new Column("p_partkey", ColumnType.INT32),
            new Column("p_name", ColumnType.STRING),
            new Column("p_mfgr", ColumnType.STRING),
            new Column("p_brand", ColumnType.STRING),
            new Column("p_type", ColumnType.STRING),
            new Column("p_size", ColumnType.INT32),
            new Column("p_container", ColumnType.STRING),
            new Column("p_retailprice", ColumnType.DECIMAL_15_2),
            new Column("p_comment", ColumnType.STRING));
    long count = scale.parts();
    return new RowTable(
        "part",
        columns,
        count,
        () ->
            new IndexedRows(
                count,
                (index, out, row) -> {
                  SplittableRandom random = RowRandom.forRow(stream, index);
                  long key = index + 1;
                  int manufacturer = random.nextInt(1, 6);
                  out.int32(0, row, (int) key);
                  out.string(1, row, PartWords.name(random, 5));
                  out.string(2, row, "Manufacturer#" + manufacturer);
                  out.string(3, row, "Brand#" + manufacturer + random.nextInt(1, 6));
                  out.string(4, row, PartWords.type(random));
                  out.int32(5, row, random.nextInt(1, 51));
                  out.string(6, row, PartWords.container(random));
                  out.hundredths(7, row, PartWords.retailPriceHundredths(key));
                  TextPool.write(random, 5, 22, out, 8, row);
                }));
  }
}
