package dev.apiary.datagen;

import dev.apiary.datagen.ssb.SsbScale;
import dev.apiary.datagen.ssb.SsbTables;
import java.util.List;

/**
 * The Star Schema Benchmark: deterministic generators of its five tables and its 13 queries.
 *
 * <p>lineorder is generated TPC-H style (sparse order keys, 1..7 lines per order, prices from the
 * TPC-H part retail price, order dates 1992-01-01..1998-08-02); the dimensions follow the SSB
 * spec's domains ({@code c_city = 'UNITED KI1'}, {@code p_category = 'MFGR#12'}, {@code p_brand1 =
 * 'MFGR#2221'}, ...). Values differ from SSB dbgen's row for row. The same scale factor and seed
 * always give the same data, whatever the batch size or generation order.
 */
public final class Ssb {
  /** The seed {@link #tables(double)} uses. */
  public static final long DEFAULT_SEED = 19_920_101L;

  private static final List<String> IDS =
      List.of(
          "Q1.1", "Q1.2", "Q1.3", "Q2.1", "Q2.2", "Q2.3", "Q3.1", "Q3.2", "Q3.3", "Q3.4", "Q4.1",
          "Q4.2", "Q4.3");

  private Ssb() {}

  /** The five tables at a scale factor, with {@link #DEFAULT_SEED}. */
  public static List<TableGenerator> tables(double scaleFactor) {
    return tables(scaleFactor, DEFAULT_SEED);
  }

  /**
   * The five tables (date, customer, supplier, part, lineorder) at a scale factor. Sizes: date 2556
   * days from 1992-01-01; customer 30,000 x SF; supplier 2,000 x SF; part 200,000 x floor(1 + log2
   * SF), at least 200,000; lineorder 1..7 lines (about 4) for each of 1,500,000 x SF orders; counts
   * are rounded and have small floors for tiny factors (see {@link SsbScale}). Building the list
   * costs one pass over the order line counts, no data.
   *
   * @throws IllegalArgumentException if the scale factor is not a positive number
   */
  public static List<TableGenerator> tables(double scaleFactor, long seed) {
    return SsbTables.all(new SsbScale(scaleFactor), seed);
  }

  /** The 13 queries Q1.1..Q4.3 with the spec's parameters, in order. */
  public static List<BenchmarkQuery> queries() {
    return QueryFiles.load("ssb", IDS, IDS.stream().map(id -> "q" + id.substring(1)).toList());
  }
}
