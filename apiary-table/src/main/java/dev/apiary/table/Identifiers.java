package dev.apiary.table;

import dev.apiary.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The naming rules for hives, boxes and frames: case-insensitive, stored lower-case, {@code
 * [a-z_][a-z0-9_]{0,127}}, and names starting with {@code _} are reserved for Apiary.
 */
public final class Identifiers {
  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

  private Identifiers() {}

  /**
   * Validates a name and returns its stored (lower-case) form.
   *
   * @param kind what is being named ("hive", "box", "frame"), for the message
   * @throws InvalidInputException saying which rule the name breaks
   */
  public static String normalize(String kind, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("The " + kind + " name must not be empty");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.length() > 128) {
      throw new InvalidInputException(
          "The "
              + kind
              + " name '"
              + name
              + "' is "
              + name.length()
              + " characters long; at most 128 are allowed");
    }
    if (lower.startsWith("_")) {
      throw new InvalidInputException(
          "The "
              + kind
              + " name '"
              + name
              + "' starts with '_'; such names are reserved for Apiary");
    }
    if (!VALID.matcher(lower).matches()) {
      char first = lower.charAt(0);
      if (!(first == '_' || (first >= 'a' && first <= 'z'))) {
        throw new InvalidInputException(
            "The " + kind + " name '" + name + "' must start with a letter or '_'");
      }
      throw new InvalidInputException(
          "The " + kind + " name '" + name + "' may contain only letters a-z, digits 0-9 and '_'");
    }
    return lower;
  }
}
