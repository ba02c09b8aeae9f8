package dev.apiary.datagen;

import dev.apiary.datagen.tpch.TpchScale;
import dev.apiary.datagen.tpch.TpchTables;
import java.util.ArrayList;
import java.util.List;

/**
 * The TPC-H benchmark: deterministic generators of its eight tables and its 22 queries.
 *
 * <p>The data follows dbgen's semantics (row counts per scale factor, key ranges, sparse order
 * keys, value domains, date derivations, o_totalprice and o_orderstatus consistent with the line
 * items) but not its random number generator: values differ from dbgen's, row for row. The same
 * scale factor and seed always give the same data, whatever the batch size or generation order.
 */
public final class Tpch {
  /** The seed {@link #tables(double)} uses. */
  public static final long DEFAULT_SEED = 19_920_101L;

  private Tpch() {}

  /** The eight tables at a scale factor, with {@link #DEFAULT_SEED}. */
  public static List<TableGenerator> tables(double scaleFactor) {
    return tables(scaleFactor, DEFAULT_SEED);
  }

  /**
   * The eight tables (region, nation, supplier, part, partsupp, customer, orders, lineitem) at a
   * scale factor. Sizes: supplier 10,000 x SF, part 200,000 x SF, partsupp 4 per part, customer
   * 150,000 x SF, orders 1,500,000 x SF, lineitem 1..7 per order (about 4), each rounded and with a
   * small floor for tiny factors (see {@link TpchScale}). Building the list costs one pass over the
   * order line counts (to know lineitem's row count), no data.
   *
   * @throws IllegalArgumentException if the scale factor is not a positive number
   */
  public static List<TableGenerator> tables(double scaleFactor, long seed) {
    return TpchTables.all(new TpchScale(scaleFactor), seed);
  }

  /** The 22 queries Q01..Q22 with the spec's validation parameters, in order. */
  public static List<BenchmarkQuery> queries() {
    List<String> ids = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int i = 1; i <= 22; i++) {
      String number = (i < 10 ? "0" : "") + i;
      ids.add("Q" + number);
      files.add("q" + number);
    }
    return QueryFiles.load("tpch", ids, files);
  }
}
