package dev.apiary.storage;

import dev.apiary.error.InvalidInputException;

/** The rules every object key and list prefix must follow, checked the same way by all stores. */
public final class ObjectKeys {
  private ObjectKeys() {}

  /**
   * Checks a key: non-empty, relative, '/'-separated, no empty, {@code .} or {@code ..} segments,
   * no backslash or NUL.
   *
   * @return the key, for chaining
   * @throws InvalidInputException naming the key and the rule it breaks
   */
  public static String requireValid(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidInputException("Object key must not be empty");
    }
    if (key.startsWith("/")) {
      throw new InvalidInputException(
          "Object key '" + key + "' is absolute; keys are relative to the storage root");
    }
    if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw new InvalidInputException(
          "Object key '" + key + "' contains a backslash or NUL character, which keys may not");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidInputException(
            "Object key '" + key + "' has an empty segment ('//' or a trailing '/')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidInputException(
            "Object key '" + key + "' contains a '" + segment + "' segment, which keys may not");
      }
    }
    return key;
  }

  /**
   * Checks a list prefix: {@code ""} (everything) or a valid key followed by a single {@code /}.
   *
   * @return the prefix, for chaining
   */
  public static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw new InvalidInputException("List prefix must not be null; use \"\" for everything");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    if (!prefix.endsWith("/")) {
      throw new InvalidInputException(
          "List prefix '" + prefix + "' must end with '/': lists are by directory");
    }
    requireValid(prefix.substring(0, prefix.length() - 1));
    return prefix;
  }
}
