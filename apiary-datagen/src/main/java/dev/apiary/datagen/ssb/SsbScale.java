package dev.apiary.datagen.ssb;

/**
 * SSB table sizes for a scale factor, per the SSB spec, rounded, with small floors so that tiny
 * factors still give every table a handful of rows.
 *
 * @param factor the scale factor, positive
 */
public record SsbScale(double factor) {
  /** Days in the date dimension: 7 years from 1992-01-01, as the SSB spec counts them. */
  public static final int DATE_ROWS = 2556;

  public SsbScale {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "SSB scale factor must be a positive number, got " + factor);
    }
  }

  /** Rows of customer: 30,000 per unit of scale, at least 30. */
  public long customers() {
    return Math.max(30, Math.round(30_000 * factor));
  }

  /**
   * Rows of supplier: 2,000 per unit of scale, at least 25 so that every nation has a supplier (see
   * {@link SsbGeography}).
   */
  public long suppliers() {
    return Math.max(25, Math.round(2_000 * factor));
  }

  /**
   * Rows of part: {@code 200,000 * floor(1 + log2(SF))}, and 200,000 for factors below 2 (where the
   * formula gives 1 or less).
   */
  public long parts() {
    long multiplier = (long) Math.floor(1 + Math.log(factor) / Math.log(2));
    return 200_000 * Math.max(1, multiplier);
  }

  /** Orders behind lineorder: 1,500,000 per unit of scale (at least 150), 1..7 lines each. */
  public long orders() {
    return Math.max(150, Math.round(1_500_000 * factor));
  }
}
