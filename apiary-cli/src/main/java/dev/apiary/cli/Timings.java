package dev.apiary.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Formats a statement's per-phase timings on one line. */
final class Timings {
  private static final List<String> PHASES =
      List.of("parse", "analyse", "snapshot", "prune", "fetch", "bees", "setup", "execute");

  private Timings() {}

  /** Whether {@code APIARY_TIMING} asks for timings ({@code 1}, {@code true} or {@code yes}). */
  static boolean requestedByEnvironment() {
    String value = System.getenv("APIARY_TIMING");
    return value != null
        && List.of("1", "true", "yes", "on").contains(value.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * @param micros the engine's phases, in microseconds
   * @param wallNanos the time the caller measured around the statement and reading its result
   */
  static String format(Map<String, Long> micros, long wallNanos) {
    List<String> parts = new ArrayList<>();
    long sum = 0;
    for (String phase : PHASES) {
      Long value = micros.get(phase);
      if (value != null) {
        parts.add(phase + " " + millis(value));
        sum += value;
      }
    }
    for (Map.Entry<String, Long> e : new TreeMap<>(micros).entrySet()) {
      if (!PHASES.contains(e.getKey())) {
        parts.add(e.getKey() + " " + millis(e.getValue()));
        sum += e.getValue();
      }
    }
    return "timing: "
        + String.join(", ", parts)
        + (parts.isEmpty() ? "" : "; ")
        + "engine "
        + millis(sum)
        + ", wall "
        + millis(wallNanos / 1000);
  }

  static String millis(long micros) {
    return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
  }
}
