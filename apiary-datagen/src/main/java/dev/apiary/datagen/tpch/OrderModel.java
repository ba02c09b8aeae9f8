package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.words.OrderWords;
import dev.apiary.datagen.words.PartWords;
import java.util.SplittableRandom;

/**
 * Generates orders and their line items as functions of the order's index, so the orders and
 * lineitem tables agree (total prices, statuses) while being generated independently.
 */
final class OrderModel {
  private final TpchScale scale;
  private final long headerSeed;
  private final long lineCountSeed;
  private final long lineSeed;
  private final long lineCommentSeed;

  OrderModel(TpchScale scale, long seed) {
    this.scale = scale;
    this.headerSeed = RowRandom.streamSeed(seed, "tpch.orders");
    this.lineCountSeed = RowRandom.streamSeed(seed, "tpch.orders.lines");
    this.lineSeed = RowRandom.streamSeed(seed, "tpch.lineitem");
    this.lineCommentSeed = RowRandom.streamSeed(seed, "tpch.lineitem.comment");
  }

  long orderCount() {
    return scale.orders();
  }

  /** The order's sparse key: indexes 0..7 map to keys 1..8, 8..15 to 33..40, and so on. */
  static long orderKey(long index) {
    return (index / 8) * 32 + index % 8 + 1;
  }

  int lineCount(long index) {
    return RowRandom.forRow(lineCountSeed, index).nextInt(1, 8);
  }

  /** The number of line items of all orders, i.e. the row count of lineitem. */
  long totalLines() {
    long total = 0;
    for (long index = 0; index < scale.orders(); index++) {
      total += lineCount(index);
    }
    return total;
  }

  OrderHeader header(long index) {
    SplittableRandom random = RowRandom.forRow(headerSeed, index);
    long customers = scale.customers();
    long customer;
    do {
      customer = random.nextLong(1, customers + 1);
    } while (customer % 3 == 0);
    int orderDate = random.nextInt(TpchDates.START, TpchDates.LAST_ORDER + 1);
    int priority = random.nextInt(OrderWords.PRIORITIES.size());
    long clerk = random.nextLong(1, scale.clerks() + 1);
    return new OrderHeader(
        index, orderKey(index), customer, orderDate, priority, clerk, lineCount(index));
  }

  /** Line {@code lineNumber} (1-based) of an order. */
  LineFacts line(OrderHeader order, int lineNumber) {
    SplittableRandom random = RowRandom.forRow(lineSeed, order.index() * 8 + lineNumber);
    long partKey = random.nextLong(1, scale.parts() + 1);
    long supplierKey = scale.supplierOfPart(partKey, random.nextInt(4));
    int quantity = random.nextInt(1, 51);
    int discount = random.nextInt(0, 11);
    int tax = random.nextInt(0, 9);
    int shipDate = order.orderDate() + random.nextInt(1, 122);
    int commitDate = order.orderDate() + random.nextInt(30, 91);
    int receiptDate = shipDate + random.nextInt(1, 31);
    char returnFlag;
    if (receiptDate <= TpchDates.CURRENT) {
      returnFlag = random.nextBoolean() ? 'R' : 'A';
    } else {
      returnFlag = 'N';
    }
    char lineStatus = shipDate > TpchDates.CURRENT ? 'O' : 'F';
    return new LineFacts(
        lineNumber,
        partKey,
        supplierKey,
        quantity,
        quantity * PartWords.retailPriceHundredths(partKey),
        discount,
        tax,
        shipDate,
        commitDate,
        receiptDate,
        returnFlag,
        lineStatus,
        random.nextInt(OrderWords.INSTRUCTIONS.size()),
        random.nextInt(OrderWords.SHIP_MODES.size()));
  }

  /** The random stream of a line's comment, apart so orders can skip comments. */
  SplittableRandom lineCommentRandom(OrderHeader order, int lineNumber) {
    return RowRandom.forRow(lineCommentSeed, order.index() * 8 + lineNumber);
  }
}
