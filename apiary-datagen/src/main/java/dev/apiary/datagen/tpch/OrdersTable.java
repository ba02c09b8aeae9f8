package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.OrderWords;
import dev.apiary.datagen.words.RandomText;
import dev.apiary.datagen.words.TextPool;
import java.util.List;

/**
 * TPC-H orders. o_totalprice and o_orderstatus are computed from the order's line items, which are
 * regenerated (without comments) for each order.
 */
final class OrdersTable {
  private OrdersTable() {}

  static RowTable table(OrderModel model, long seed) {
    long commentStream = RowRandom.streamSeed(seed, "tpch.orders.comment");
    List<Column> columns =
        List.of(
            new Column("o_orderkey", ColumnType.INT64),
            new Column("o_custkey", ColumnType.INT32),
            new Column("o_orderstatus", ColumnType.STRING),
            new Column("o_totalprice", ColumnType.DECIMAL_15_2),
            new Column("o_orderdate", ColumnType.DATE),
            new Column("o_orderpriority", ColumnType.STRING),
            new Column("o_clerk", ColumnType.STRING),
            new Column("o_shippriority", ColumnType.INT32),
            new Column("o_comment", ColumnType.STRING));
    long count = model.orderCount();
    return new RowTable(
        "orders",
        columns,
        count,
        () ->
            new IndexedRows(
                count,
                (index, out, row) -> {
                  OrderHeader order = model.header(index);
                  long total = 0;
                  int open = 0;
                  for (int line = 1; line <= order.lineCount(); line++) {
                    LineFacts facts = model.line(order, line);
                    total += facts.chargeHundredths();
                    if (facts.lineStatus() == 'O') {
                      open++;
                    }
                  }
                  String status = open == 0 ? "F" : open == order.lineCount() ? "O" : "P";
                  out.int64(0, row, order.orderKey());
                  out.int32(1, row, (int) order.customerKey());
                  out.string(2, row, status);
                  out.hundredths(3, row, total);
                  out.date(4, row, order.orderDate());
                  out.string(5, row, OrderWords.PRIORITIES.get(order.priority()));
                  out.string(6, row, RandomText.numbered("Clerk#", order.clerk(), 9));
                  out.int32(7, row, 0);
                  TextPool.write(RowRandom.forRow(commentStream, index), 19, 78, out, 8, row);
                }));
  }
}
