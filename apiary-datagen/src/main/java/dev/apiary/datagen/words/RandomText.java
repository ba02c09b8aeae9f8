package dev.apiary.datagen.words;

import java.util.SplittableRandom;

/** Random and numbered strings of the TPC-H kinds: addresses, phone numbers, numbered names. */
public final class RandomText {
  private static final char[] ALPHANUMERIC =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,".toCharArray();

  private RandomText() {}

  /** A random alphanumeric string (TPC-H "v-string") of {@code min..max} characters. */
  public static String alphanumeric(SplittableRandom random, int min, int max) {
    char[] chars = new char[random.nextInt(min, max + 1)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }

  /** A phone number whose country code is {@code nationKey + 10}, e.g. {@code 25-989-741-2988}. */
  public static String phone(SplittableRandom random, int nationKey) {
    return (nationKey + 10)
        + "-"
        + random.nextInt(100, 1000)
        + "-"
        + random.nextInt(100, 1000)
        + "-"
        + random.nextInt(1000, 10000);
  }

  /** A name made of a prefix and a zero-padded number, e.g. {@code Supplier#000000042}. */
  public static String numbered(String prefix, long number, int digits) {
    String text = Long.toString(number);
    StringBuilder name = new StringBuilder(prefix.length() + Math.max(digits, text.length()));
    name.append(prefix);
    for (int i = text.length(); i < digits; i++) {
      name.append('0');
    }
    return name.append(text).toString();
  }
}
