package dev.apiary.datagen.ssb;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.RowSource;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.rows.RowWriter;
import dev.apiary.datagen.words.OrderWords;
import java.time.LocalDate;
import java.util.List;

/**
 * SSB lineorder: one row per order line, in order key then line number order. Dates are {@code
 * yyyymmdd} integers that join {@code d_datekey}; quantity, discount and tax are integers.
 */
final class LineOrderTable {
  private static final List<Column> COLUMNS =
      List.of(
          new Column("lo_orderkey", ColumnType.INT64),
          new Column("lo_linenumber", ColumnType.INT32),
          new Column("lo_custkey", ColumnType.INT32),
          new Column("lo_partkey", ColumnType.INT32),
          new Column("lo_suppkey", ColumnType.INT32),
          new Column("lo_orderdate", ColumnType.INT32),
          new Column("lo_orderpriority", ColumnType.STRING),
          new Column("lo_shippriority", ColumnType.INT32),
          new Column("lo_quantity", ColumnType.INT32),
          new Column("lo_extendedprice", ColumnType.DECIMAL_15_2),
          new Column("lo_ordtotalprice", ColumnType.DECIMAL_15_2),
          new Column("lo_discount", ColumnType.INT32),
          new Column("lo_revenue", ColumnType.DECIMAL_15_2),
          new Column("lo_supplycost", ColumnType.DECIMAL_15_2),
          new Column("lo_tax", ColumnType.INT32),
          new Column("lo_commitdate", ColumnType.INT32),
          new Column("lo_shipmode", ColumnType.STRING));

  private LineOrderTable() {}

  static RowTable table(SsbOrderModel model) {
    return new RowTable("lineorder", COLUMNS, model.totalLines(), () -> new Lines(model));
  }

  private static final class Lines implements RowSource {
    private final SsbOrderModel model;
    private long nextOrder;
    private SsbOrderModel.Order order;
    private long totalPrice;
    private int orderDateKey;
    private int nextLine;

    Lines(SsbOrderModel model) {
      this.model = model;
    }

    @Override
    public boolean hasNext() {
      return (order != null && nextLine < order.lines().length) || nextOrder < model.orderCount();
    }

    @Override
    public void writeNext(RowWriter out, int row) {
      if (order == null || nextLine == order.lines().length) {
        order = model.order(nextOrder);
        totalPrice = order.totalPrice();
        orderDateKey = SsbDateTable.dateKey(LocalDate.ofEpochDay(order.orderDate()));
        nextOrder++;
        nextLine = 0;
      }
      SsbOrderModel.Line line = order.lines()[nextLine];
      out.int64(0, row, order.orderKey());
      out.int32(1, row, nextLine + 1);
      out.int32(2, row, (int) order.customerKey());
      out.int32(3, row, (int) line.partKey());
      out.int32(4, row, (int) line.supplierKey());
      out.int32(5, row, orderDateKey);
      out.string(6, row, OrderWords.PRIORITIES.get(order.priority()));
      out.int32(7, row, 0);
      out.int32(8, row, line.quantity());
      out.hundredths(9, row, line.extendedPrice());
      out.hundredths(10, row, totalPrice);
      out.int32(11, row, line.discount());
      out.hundredths(12, row, line.revenue());
      out.hundredths(13, row, line.supplyCost());
      out.int32(14, row, line.tax());
      out.int32(15, row, SsbDateTable.dateKey(LocalDate.ofEpochDay(line.commitDate())));
      out.string(16, row, OrderWords.SHIP_MODES.get(line.shipMode()));
      nextLine++;
    }
  }
}
