package dev.apiary.datagen.ssb;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.Nation;
import dev.apiary.datagen.words.RandomText;
import java.util.List;
import java.util.SplittableRandom;

/** SSB supplier, with denormalised city, nation and region. */
final class SsbSupplierTable {
  private SsbSupplierTable() {}

  static RowTable table(SsbScale scale, long seed) {
    long stream = RowRandom.streamSeed(seed, "ssb.supplier");
    SsbGeography geography = new SsbGeography(seed, "supplier");
    List<Column> columns =
        List.of(
            new Column("s_suppkey", ColumnType.INT32),
            new Column("s_name", ColumnType.STRING),
            new Column("s_address", ColumnType.STRING),
            new Column("s_city", ColumnType.STRING),
            new Column("s_nation", ColumnType.STRING),
            new Column("s_region", ColumnType.STRING),
            new Column("s_phone", ColumnType.STRING));
    long count = scale.suppliers();
    return new RowTable(
        "supplier",
        columns,
        count,
        () ->
            new IndexedRows(
                count,
                (index, out, row) -> {
                  SplittableRandom random = RowRandom.forRow(stream, index);
                  Nation nation = geography.nationOf(index);
                  out.int32(0, row, (int) (index + 1));
                  out.string(1, row, RandomText.numbered("Supplier#", index + 1, 9));
                  out.string(2, row, RandomText.alphanumeric(random, 10, 25));
                  out.string(3, row, nation.city(random.nextInt(10)));
                  out.string(4, row, nation.name());
                  out.string(5, row, nation.region());
                  out.string(6, row, RandomText.phone(random, nation.key()));
                }));
  }
}
