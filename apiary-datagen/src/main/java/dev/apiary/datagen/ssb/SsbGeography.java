package dev.apiary.datagen.ssb;

import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.words.Nation;
import java.util.SplittableRandom;

/**
 * Assigns nations to SSB customers and suppliers. Each consecutive block of 25 keys takes the 25
 * nations in a random order (a fresh shuffle per block): the distribution is as uniform as dbgen's
 * random choice, but every nation is present as soon as there are 25 rows, so the nation- and
 * city-filtered queries have data at tiny scale factors.
 */
final class SsbGeography {
  private static final int NATIONS = Nation.ALL.size();

  private final long stream;

  SsbGeography(long seed, String table) {
    this.stream = RowRandom.streamSeed(seed, "ssb." + table + ".nations");
  }

  /** The nation of the row with 0-based index {@code index}. */
  Nation nationOf(long index) {
    SplittableRandom random = RowRandom.forRow(stream, index / NATIONS);
    int[] order = new int[NATIONS];
    for (int i = 0; i < NATIONS; i++) {
      order[i] = i;
    }
    for (int i = NATIONS - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return Nation.ALL.get(order[(int) (index % NATIONS)]);
  }
}
