package dev.apiary.datagen.words;

import java.util.List;
import java.util.SplittableRandom;

/** The TPC-H part vocabularies: p_name colours, p_type syllables and p_container words. */
public final class PartWords {
  /** The 92 colours p_name words (and SSB p_color) are drawn from. */
  public static final List<String> COLORS =
      List.of(
          "almond",
          "antique",
          "aquamarine",
          "azure",
          "beige",
          "bisque",
          "black",
          "blanched",
          "blue",
          "blush",
          "brown",
          "burlywood",
          "burnished",
          "chartreuse",
          "chiffon",
          "chocolate",
          "coral",
          "cornflower",
          "cornsilk",
          "cream",
          "cyan",
          "dark",
          "deep",
          "dim",
          "dodger",
          "drab",
          "firebrick",
          "floral",
          "forest",
          "frosted",
          "gainsboro",
          "ghost",
          "goldenrod",
          "green",
          "grey",
          "honeydew",
          "hot",
          "indian",
          "ivory",
          "khaki",
          "lace",
          "lavender",
          "lawn",
          "lemon",
          "light",
          "lime",
          "linen",
          "magenta",
          "maroon",
          "medium",
          "metallic",
          "midnight",
          "mint",
          "misty",
          "moccasin",
          "navajo",
          "navy",
          "olive",
          "orange",
          "orchid",
          "pale",
          "papaya",
          "peach",
          "peru",
          "pink",
          "plum",
          "powder",
          "puff",
          "purple",
          "red",
          "rose",
          "rosy",
          "royal",
          "saddle",
          "salmon",
          "sandy",
          "seashell",
          "sienna",
          "sky",
          "slate",
          "smoke",
          "snow",
          "spring",
          "steel",
          "tan",
          "thistle",
          "tomato",
          "turquoise",
          "violet",
          "wheat",
          "white",
          "yellow");

  private static final List<String> TYPE_SIZES =
      List.of("STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO");
  private static final List<String> TYPE_FINISHES =
      List.of("ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED");
  private static final List<String> TYPE_METALS =
      List.of("TIN", "NICKEL", "BRASS", "STEEL", "COPPER");
  private static final List<String> CONTAINER_SIZES = List.of("SM", "LG", "MED", "JUMBO", "WRAP");
  private static final List<String> CONTAINER_KINDS =
      List.of("CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM");

  private PartWords() {}

  /** {@code count} distinct colours joined by spaces, e.g. {@code forest green lace}. */
  public static String name(SplittableRandom random, int count) {
    StringBuilder name = new StringBuilder(count * 8);
    int[] picked = new int[count];
    for (int i = 0; i < count; i++) {
      int color = random.nextInt(COLORS.size());
      for (int j = 0; j < i; j++) {
        if (picked[j] == color) {
          color = (color + 1) % COLORS.size();
          j = -1;
        }
      }
      picked[i] = color;
      if (i > 0) {
        name.append(' ');
      }
      name.append(COLORS.get(color));
    }
    return name.toString();
  }

  /** One of the 150 part types, e.g. {@code ECONOMY ANODIZED STEEL}. */
  public static String type(SplittableRandom random) {
    return pick(random, TYPE_SIZES)
        + " "
        + pick(random, TYPE_FINISHES)
        + " "
        + pick(random, TYPE_METALS);
  }

  /** One of the 40 containers, e.g. {@code MED BOX}. */
  public static String container(SplittableRandom random) {
    return pick(random, CONTAINER_SIZES) + " " + pick(random, CONTAINER_KINDS);
  }

  /**
   * The TPC-H retail price of a part, in hundredths: {@code 90000 + (key / 10) mod 20001 + 100 *
   * (key mod 1000)}. SSB uses it too, for lineorder prices.
   */
  public static long retailPriceHundredths(long partKey) {
    return 90000 + (partKey / 10) % 20001 + 100 * (partKey % 1000);
  }

  private static String pick(SplittableRandom random, List<String> words) {
    return words.get(random.nextInt(words.size()));
  }
}
