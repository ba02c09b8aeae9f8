package dev.apiary.datagen.tpch;

import dev.apiary.datagen.TableGenerator;
import java.util.List;

/** Assembles the eight TPC-H tables; {@link dev.apiary.datagen.Tpch} is the public entry. */
public final class TpchTables {
  private TpchTables() {}

  /**
   * The eight tables, dimensions first: region, nation, supplier, part, partsupp, customer, orders,
   * lineitem.
   */
  public static List<TableGenerator> all(TpchScale scale, long seed) {
    OrderModel orders = new OrderModel(scale, seed);
    return List.of(
        RegionTable.table(seed),
        NationTable.table(seed),
        SupplierTable.table(scale, seed),
        PartTable.table(scale, seed),
        PartSuppTable.table(scale, seed),
        CustomerTable.table(scale, seed),
        OrdersTable.table(orders, seed),
        LineItemTable.table(orders));
  }
}
