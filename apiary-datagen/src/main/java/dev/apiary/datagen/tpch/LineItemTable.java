package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.RowSource;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.rows.RowWriter;
import dev.apiary.datagen.words.OrderWords;
import dev.apiary.datagen.words.TextPool;
import java.util.List;

/** TPC-H lineitem: 1..7 lines per order, in order key then line number order. */
final class LineItemTable {
  private static final List<Column> COLUMNS =
      List.of(
          new Column("l_orderkey", ColumnType.INT64),
          new Column("l_partkey", ColumnType.INT32),
          new Column("l_suppkey", ColumnType.INT32),
          new Column("l_linenumber", ColumnType.INT32),
          new Column("l_quantity", ColumnType.DECIMAL_15_2),
          new Column("l_extendedprice", ColumnType.DECIMAL_15_2),
          new Column("l_discount", ColumnType.DECIMAL_15_2),
          new Column("l_tax", ColumnType.DECIMAL_15_2),
          new Column("l_returnflag", ColumnType.STRING),
          new Column("l_linestatus", ColumnType.STRING),
          new Column("l_shipdate", ColumnType.DATE),
          new Column("l_commitdate", ColumnType.DATE),
          new Column("l_receiptdate", ColumnType.DATE),
          new Column("l_shipinstruct", ColumnType.STRING),
          new Column("l_shipmode", ColumnType.STRING),
          new Column("l_comment", ColumnType.STRING));

  private LineItemTable() {}

  static RowTable table(OrderModel model) {
    return new RowTable("lineitem", COLUMNS, model.totalLines(), () -> new Lines(model));
  }

  /** Walks the orders, writing each order's lines in turn. */
  private static final class Lines implements RowSource {
    private final OrderModel model;
    private long nextOrder;
    private OrderHeader order;
    private int nextLine;

    Lines(OrderModel model) {
      this.model = model;
    }

    @Override
    public boolean hasNext() {
      return (order != null && nextLine <= order.lineCount()) || nextOrder < model.orderCount();
    }

    @Override
    public void writeNext(RowWriter out, int row) {
      if (order == null || nextLine > order.lineCount()) {
        order = model.header(nextOrder);
        nextOrder++;
        nextLine = 1;
      }
      LineFacts line = model.line(order, nextLine);
      out.int64(0, row, order.orderKey());
      out.int32(1, row, (int) line.partKey());
      out.int32(2, row, (int) line.supplierKey());
      out.int32(3, row, line.lineNumber());
      out.hundredths(4, row, line.quantity() * 100L);
      out.hundredths(5, row, line.extendedPrice());
      out.hundredths(6, row, line.discount());
      out.hundredths(7, row, line.tax());
      out.string(8, row, String.valueOf(line.returnFlag()));
      out.string(9, row, String.valueOf(line.lineStatus()));
      out.date(10, row, line.shipDate());
      out.date(11, row, line.commitDate());
      out.date(12, row, line.receiptDate());
      out.string(13, row, OrderWords.INSTRUCTIONS.get(line.instruction()));
      out.string(14, row, OrderWords.SHIP_MODES.get(line.shipMode()));
      TextPool.write(model.lineCommentRandom(order, nextLine), 10, 43, out, 15, row);
      nextLine++;
    }
  }
}
