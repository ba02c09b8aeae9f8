package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.Nation;
import dev.apiary.datagen.words.RandomText;
import dev.apiary.datagen.words.TextPool;
import java.util.List;
import java.util.SplittableRandom;

/**
 * TPC-H supplier. As in the spec, about 5 in 10,000 comments contain "Customer ... Complaints" and
 * as many "Customer ... Recommends" (query 16 excludes the former).
 */
final class SupplierTable {
  private SupplierTable() {}

  static RowTable table(TpchScale scale, long seed) {
    long stream = RowRandom.streamSeed(seed, "tpch.supplier");
    List<Column> columns =
        List.of(
            new Column("s_suppkey", ColumnType.INT32),
            new Column("s_name", ColumnType.STRING),
            new Column("s_address", ColumnType.STRING),
            new Column("s_nationkey", ColumnType.INT32),
            new Column("s_phone", ColumnType.STRING),
            new Column("s_acctbal", ColumnType.DECIMAL_15_2),
            new Column("s_comment", ColumnType.STRING));
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
                  long key = index + 1;
                  int nation = random.nextInt(Nation.ALL.size());
                  out.int32(0, row, (int) key);
                  out.string(1, row, RandomText.numbered("Supplier#", key, 9));
                  out.string(2, row, RandomText.alphanumeric(random, 10, 40));
                  out.int32(3, row, nation);
                  out.string(4, row, RandomText.phone(random, nation));
                  out.hundredths(5, row, random.nextLong(-99_999, 1_000_000));
                  out.string(6, row, comment(random));
                }));
  }

  private static String comment(SplittableRandom random) {
    int kind = random.nextInt(10_000);
    String text = TextPool.text(random, 25, 100);
    if (kind >= 10) {
      return text;
    }
    String marker = kind < 5 ? "Customer Complaints" : "Customer Recommends";
    int at = random.nextInt(text.length() - marker.length() + 1);
    return text.substring(0, at) + marker + text.substring(at + marker.length());
  }
}
