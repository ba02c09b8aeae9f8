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

  /** Apiary's phases in the order a statement goes through them ({@code read}: the rest). */
  static final java.util.List<String> PHASES =
      java.util.List.of(
          "parse",
          "analyse",
          "snapshot",
          "prune",
          "fetch",
          "bees",
          "setup",
          "execute",
          "check",
          "discarded",
          "read");

  /** Each phase's median over the runs (ms), as "name ms" pairs, for the phases the runs have. */
  static String phaseMedians(java.util.List<java.util.Map<String, Double>> runs) {
    StringBuilder line = new StringBuilder();
    for (String phase : PHASES) {
      if (runs.stream().anyMatch(m -> m.containsKey(phase))) {
        double[] values = runs.stream().mapToDouble(m -> m.getOrDefault(phase, 0.0)).toArray();
        line.append(String.format(java.util.Locale.ROOT, " %s %.1f", phase, median(values)));
      }
    }
    return line.toString().strip();
  }
}
