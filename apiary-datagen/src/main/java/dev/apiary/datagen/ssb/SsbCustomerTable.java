package dev.apiary.datagen.ssb;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.Nation;
import dev.apiary.datagen.words.OrderWords;
import dev.apiary.datagen.words.RandomText;
import java.util.List;
import java.util.SplittableRandom;

/** SSB customer, with denormalised city, nation and region. */
final class SsbCustomerTable {
  private SsbCustomerTable() {}

  static RowTable table(SsbScale scale, long seed) {
    long stream = RowRandom.streamSeed(seed, "ssb.customer");
    SsbGeography geography = new SsbGeography(seed, "customer");
    List<Column> columns =
        List.of(
            new Column("c_custkey", ColumnType.INT32),
            new Column("c_name", ColumnType.STRING),
            new Column("c_address", ColumnType.STRING),
            new Column("c_city", ColumnType.STRING),
            new Column("c_nation", ColumnType.STRING),
            new Column("c_region", ColumnType.STRING),
            new Column("c_phone", ColumnType.STRING),
            new Column("c_mktsegment", ColumnType.STRING));
    long count = scale.customers();
    return new RowTable(
        "customer",
        columns,
        count,
        () ->
            new IndexedRows(
                count,
                (index, out, row) -> {
                  SplittableRandom random = RowRandom.forRow(stream, index);
                  Nation nation = geography.nationOf(index);
                  out.int32(0, row, (int) (index + 1));
                  out.string(1, row, RandomText.numbered("Customer#", index + 1, 9));
                  out.string(2, row, RandomText.alphanumeric(random, 10, 25));
                  out.string(3, row, nation.city(random.nextInt(10)));
                  out.string(4, row, nation.name());
                  out.string(5, row, nation.region());
                  out.string(6, row, RandomText.phone(random, nation.key()));
                  out.string(
                      7, row, OrderWords.SEGMENTS.get(random.nextInt(OrderWords.SEGMENTS.size())));
                }));
  }
}
