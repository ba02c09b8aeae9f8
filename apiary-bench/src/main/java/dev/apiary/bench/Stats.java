package dev.apiary.bench;

import java.util.Arrays;
import java.util.List;

/** Medians, percentiles and geometric means. */
final class Stats {
  private Stats() {}

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  /** The geometric mean of the finite positive values; NaN if there are none. */
  static double geometricMean(List<Double> values) {
    double logSum = 0;
    int n = 0;
    for (double v : values) {
      if (v > 0 && Double.isFinite(v)) {
        logSum += Math.log(v);
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.exp(logSum / n);
  }
}
