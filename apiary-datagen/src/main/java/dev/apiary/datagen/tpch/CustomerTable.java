package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.Nation;
import dev.apiary.datagen.words.OrderWords;
import dev.apiary.datagen.words.RandomText;
import dev.apiary.datagen.words.TextPool;
import java.util.List;
import java.util.SplittableRandom;

/** TPC-H customer. */
final class CustomerTable {
  private CustomerTable() {}

  static RowTable table(TpchScale scale, long seed) {
    long stream = RowRandom.streamSeed(seed, "tpch.customer");
    List<Column> columns =
        List.of(
            new Column("c_custkey", ColumnType.INT32),
            new Column("c_name", ColumnType.STRING),
            new Column("c_address", ColumnType.STRING),
            new Column("c_nationkey", ColumnType.INT32),
            new Column("c_phone", ColumnType.STRING),
            new Column("c_acctbal", ColumnType.DECIMAL_15_2),
            new Column("c_mktsegment", ColumnType.STRING),
            new Column("c_comment", ColumnType.STRING));
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
                  long key = index + 1;
                  int nation = random.nextInt(Nation.ALL.size());
                  out.int32(0, row, (int) key);
                  out.string(1, row, RandomText.numbered("Customer#", key, 9));
                  out.string(2, row, RandomText.alphanumeric(random, 10, 40));
                  out.int32(3, row, nation);
                  out.string(4, row, RandomText.phone(random, nation));
                  out.hundredths(5, row, random.nextLong(-99_999, 1_000_000));
                  out.string(
                      6, row, OrderWords.SEGMENTS.get(random.nextInt(OrderWords.SEGMENTS.size())));
                  TextPool.write(random, 29, 116, out, 7, row);
                }));
  }
}
