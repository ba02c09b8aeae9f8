package dev.apiary.runtime.colony;

import dev.apiary.error.InvalidInputException;
import java.util.Locale;

/** What a write does when the colony is hot: wait for it to cool, fail at once, or go ahead. */
public enum Backpressure {
  BLOCK,
  ERROR,
  IGNORE;

  /** Parses {@code block}, {@code error} or {@code ignore} (any case). */
  public static Backpressure parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "Unknown backpressure '" + text + "': use one of block, error, ignore");
    }
  }
}
