package dev.apiary.datagen.tpch;

/**
 * TPC-H table sizes for a scale factor: the spec's counts times the factor, rounded, with small
 * floors so that tiny factors still give every table a handful of rows.
 *
 * @param factor the scale factor, positive (1 is the spec's 1 GB database)
 */
public record TpchScale(double factor) {
  public TpchScale {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "TPC-H scale factor must be a positive number, got " + factor);
    }
  }

  /** Rows of supplier: 10,000 per unit of scale, at least 10. */
  public long suppliers() {
    return scaled(10_000, 10);
  }

  /** Rows of part: 200,000 per unit of scale, at least 20; partsupp has four rows per part. */
  public long parts() {
    return scaled(200_000, 20);
  }

  /** Rows of customer: 150,000 per unit of scale, at least 30. */
  public long customers() {
    return scaled(150_000, 30);
  }

  /** Rows of orders: 1,500,000 per unit of scale, at least 150. */
  public long orders() {
    return scaled(1_500_000, 150);
  }

  /** Distinct o_clerk values: 1,000 per unit of scale, at least 1. */
  public long clerks() {
    return scaled(1_000, 1);
  }

  /**
   * The supplier key of the {@code i}-th (0..3) partsupp row of a part, by the spec's formula that
   * spreads a part's four suppliers over the key range: {@code (partKey + i * step) mod S + 1} with
   * {@code step = S / 4 + (partKey - 1) / S}. At tiny scales that step can make two of the four
   * keys equal (when 2 or 3 steps are a multiple of S); the step is then increased until the four
   * keys are distinct, so (ps_partkey, ps_suppkey) stays a key.
   */
  public long supplierOfPart(long partKey, int i) {
    long suppliers = suppliers();
    long step = suppliers / 4 + (partKey - 1) / suppliers;
    while (step % suppliers == 0 || (2 * step) % suppliers == 0 || (3 * step) % suppliers == 0) {
      step++;
    }
    return (partKey + i * step) % suppliers + 1;
  }

  private long scaled(long perUnit, long floor) {
    return Math.max(floor, Math.round(perUnit * factor));
  }
}
