package dev.apiary.datagen.rows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seeds a random stream per table and per row, so any row can be generated alone: the data does not
 * depend on batch sizes, on which tables are generated or on their order.
 */
public final class RowRandom {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private RowRandom() {}

  /** A seed for one stream of one table (e.g. {@code "orders"}) under the benchmark seed. */
  public static long streamSeed(long seed, String stream) {
    long hash = seed;
    for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
      hash = mix(hash * 31 + b);
    }
    return hash;
  }

  /** A random generator for row {@code index} of the stream seeded {@code streamSeed}. */
  public static SplittableRandom forRow(long streamSeed, long index) {
    return new SplittableRandom(mix(streamSeed + GOLDEN_GAMMA * (index + 1)));
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser, as SplittableRandom uses. */
  private static long mix(long z) {
    long x = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }
}
