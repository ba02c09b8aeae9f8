package dev.apiary.runtime.colony;

import java.util.Locale;

/**
 * The band a colony temperature falls in: cold {@code < 0.3 ≤} ideal {@code ≤ 0.7 <} warm {@code ≤
 * 0.85 <} hot {@code ≤ 0.95 <} critical.
 */
public enum Regulation {
  COLD,
  IDEAL,
  WARM,
  HOT,
  CRITICAL;

  /** The band of temperature {@code t}. */
  public static Regulation of(double t) {
    if (t < 0.3) {
      return COLD;
    }
    if (t <= 0.7) {
      return IDEAL;
    }
    if (t <= 0.85) {
      return WARM;
    }
    if (t <= 0.95) {
      return HOT;
    }
    return CRITICAL;
  }

  /** The lower-case name the status APIs report. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
