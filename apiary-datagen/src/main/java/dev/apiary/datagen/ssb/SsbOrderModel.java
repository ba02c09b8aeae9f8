package dev.apiary.datagen.ssb;

import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.words.OrderWords;
import dev.apiary.datagen.words.PartWords;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Generates SSB orders and their lines as functions of the order index, TPC-H style: sparse order
 * keys, order dates 1992-01-01..1998-08-02, 1..7 lines per order, prices from the part's TPC-H
 * retail price. All money is in hundredths.
 */
final class SsbOrderModel {
  private static final int FIRST_ORDER_DAY = (int) SsbDateTable.FIRST_DAY.toEpochDay();
  private static final int LAST_ORDER_DAY = (int) LocalDate.of(1998, 8, 2).toEpochDay();

  /** The order-level values of one order, with its lines. */
  record Order(long orderKey, long customerKey, int orderDate, int priority, Line[] lines) {
    /** Sum over lines of extendedprice * (1 + tax) * (1 - discount), in hundredths. */
    long totalPrice() {
      long total = 0;
      for (Line line : lines) {
        total +=
            (line.extendedPrice() * (100 + line.tax()) * (100 - line.discount()) + 5_000) / 10_000;
      }
      return total;
    }
  }

  /** One line. Discount and tax are whole percents (0..10, 0..8) as SSB stores them. */
  record Line(
      long partKey,
      long supplierKey,
      int quantity,
      long extendedPrice,
      int discount,
      int tax,
      long supplyCost,
      int commitDate,
      int shipMode) {
    /** extendedprice * (100 - discount) / 100. */
    long revenue() {
      return extendedPrice * (100 - discount) / 100;
    }
  }

  private final SsbScale scale;
  private final long orderSeed;
  private final long lineSeed;

  SsbOrderModel(SsbScale scale, long seed) {
    this.scale = scale;
    this.orderSeed = RowRandom.streamSeed(seed, "ssb.lineorder.orders");
    this.lineSeed = RowRandom.streamSeed(seed, "ssb.lineorder.lines");
  }

  long orderCount() {
    return scale.orders();
  }

  int lineCount(long index) {
    return RowRandom.forRow(orderSeed, index).nextInt(1, 8);
  }

  long totalLines() {
    long total = 0;
    for (long index = 0; index < scale.orders(); index++) {
      total += lineCount(index);
    }
    return total;
  }

  Order order(long index) {
    SplittableRandom random = RowRandom.forRow(orderSeed, index);
    Line[] lines = new Line[random.nextInt(1, 8)];
    long customer = random.nextLong(1, scale.customers() + 1);
    int orderDate = random.nextInt(FIRST_ORDER_DAY, LAST_ORDER_DAY + 1);
    int priority = random.nextInt(OrderWords.PRIORITIES.size());
    for (int i = 0; i < lines.length; i++) {
      lines[i] = line(RowRandom.forRow(lineSeed, index * 8 + i), orderDate);
    }
    long orderKey = (index / 8) * 32 + index % 8 + 1;
    return new Order(orderKey, customer, orderDate, priority, lines);
  }

  private Line line(SplittableRandom random, int orderDate) {
    long partKey = random.nextLong(1, scale.parts() + 1);
    long retailPrice = PartWords.retailPriceHundredths(partKey);
    int quantity = random.nextInt(1, 51);
    return new Line(
        partKey,
        random.nextLong(1, scale.suppliers() + 1),
        quantity,
        quantity * retailPrice,
        random.nextInt(0, 11),
        random.nextInt(0, 9),
        retailPrice * 6 / 10,
        orderDate + random.nextInt(30, 91),
        random.nextInt(OrderWords.SHIP_MODES.size()));
  }
}
