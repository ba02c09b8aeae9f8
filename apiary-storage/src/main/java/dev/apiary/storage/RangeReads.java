package dev.apiary.storage;

import dev.apiary.error.InvalidInputException;
import java.util.Arrays;

/** Argument checks and slicing shared by stores that serve ranged reads from a byte array. */
final class RangeReads {
  private RangeReads() {}

  static void check(long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new InvalidInputException(
          "Ranged read needs offset >= 0 and length >= 0, got offset "
              + offset
              + " and length "
              + length);
    }
  }

  static byte[] slice(byte[] content, long offset, int length) {
    check(offset, length);
    if (offset >= content.length) {
      return new byte[0];
    }
    int from = (int) offset;
    return Arrays.copyOfRange(content, from, (int) Math.min(content.length, (long) from + length));
  }
}
