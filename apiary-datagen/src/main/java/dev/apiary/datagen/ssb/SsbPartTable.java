package dev.apiary.datagen.ssb;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.PartWords;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SSB part: 5 manufacturers ({@code MFGR#1}), 25 categories ({@code MFGR#12}) and 1000 brands
 * ({@code MFGR#1240}: category then 1..40).
 */
final class SsbPartTable {
  private SsbPartTable() {}

  static RowTable table(SsbScale scale, long seed) {
    long stream = RowRandom.streamSeed(seed, "ssb.part");
    List<Column> columns =
        List.of(
            new Column("p_partkey", ColumnType.INT32),
            new Column("p_name", ColumnType.STRING),
            new Column("p_mfgr", ColumnType.STRING),
            new Column("p_category", ColumnType.STRING),
            new Column("p_brand1", ColumnType.STRING),
            new Column("p_color", ColumnType.STRING),
            new Column("p_type", ColumnType.STRING),
            new Column("p_size", ColumnType.INT32),
            new Column("p_container", ColumnType.STRING));
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
                  String manufacturer = "MFGR#" + random.nextInt(1, 6);
                  String category = manufacturer + random.nextInt(1, 6);
                  out.int32(0, row, (int) (index + 1));
                  out.string(1, row, PartWords.name(random, 2));
                  out.string(2, row, manufacturer);
                  out.string(3, row, category);
                  out.string(4, row, category + random.nextInt(1, 41));
                  out.string(5, row, PartWords.name(random, 1));
                  out.string(6, row, PartWords.type(random));
                  out.int32(7, row, random.nextInt(1, 51));
                  out.string(8, row, PartWords.container(random));
                }));
  }
}
