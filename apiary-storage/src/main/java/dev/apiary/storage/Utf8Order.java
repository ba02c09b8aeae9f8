package dev.apiary.storage;

import java.util.Comparator;

/**
 * The order in which stores list keys: unsigned byte order of the UTF-8 encoding, which is what S3
 * uses. It equals code point order, which differs from {@link String#compareTo} (UTF-16 units) only
 * for characters outside the Basic Multilingual Plane.
 */
public final class Utf8Order {
  public static final Comparator<String> COMPARATOR = Utf8Order::compare;

  private Utf8Order() {}

  /** Compares two keys by the unsigned bytes of their UTF-8 encodings. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
