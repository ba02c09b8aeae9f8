package dev.apiary.datagen.ssb;

import dev.apiary.datagen.TableGenerator;
import java.util.List;

/** Assembles the five SSB tables; {@link dev.apiary.datagen.Ssb} is the public entry. */
public final class SsbTables {
  private SsbTables() {}

  /** The five tables, dimensions first: date, customer, supplier, part, lineorder. */
  public static List<TableGenerator> all(SsbScale scale, long seed) {
    return List.of(
        SsbDateTable.table(),
        SsbCustomerTable.table(scale, seed),
        SsbSupplierTable.table(scale, seed),
        SsbPartTable.table(scale, seed),
        LineOrderTable.table(new SsbOrderModel(scale, seed)));
  }
}
