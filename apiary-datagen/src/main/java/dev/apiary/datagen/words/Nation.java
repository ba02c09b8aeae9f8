package dev.apiary.datagen.words;

import java.util.List;

/**
 * One of the 25 nations of TPC-H (and SSB), with its key and region key.
 *
 * @param key 0..24
 * @param name upper-case name, e.g. {@code UNITED KINGDOM}
 * @param regionKey 0..4, an index into {@link #REGIONS}
 */
public record Nation(int key, String name, int regionKey) {

  /** The five regions, indexed by region key. */
  public static final List<String> REGIONS =
      List.of("AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST");

  /** The 25 nations, indexed by nation key. */
  public static final List<Nation> ALL =
      List.of(
          new Nation(0, "ALGERIA", 0),
          new Nation(1, "ARGENTINA", 1),
          new Nation(2, "BRAZIL", 1),
          new Nation(3, "CANADA", 1),
          new Nation(4, "EGYPT", 4),
          new Nation(5, "ETHIOPIA", 0),
          new Nation(6, "FRANCE", 3),
          new Nation(7, "GERMANY", 3),
          new Nation(8, "INDIA", 2),
          new Nation(9, "INDONESIA", 2),
          new Nation(10, "IRAN", 4),
          new Nation(11, "IRAQ", 4),
          new Nation(12, "JAPAN", 2),
          new Nation(13, "JORDAN", 4),
          new Nation(14, "KENYA", 0),
          new Nation(15, "MOROCCO", 0),
          new Nation(16, "MOZAMBIQUE", 0),
          new Nation(17, "PERU", 1),
          new Nation(18, "CHINA", 2),
          new Nation(19, "ROMANIA", 3),
          new Nation(20, "SAUDI ARABIA", 4),
          new Nation(21, "VIETNAM", 2),
          new Nation(22, "RUSSIA", 3),
          new Nation(23, "UNITED KINGDOM", 3),
          new Nation(24, "UNITED STATES", 1));

  /** The nation's region name. */
  public String region() {
    return REGIONS.get(regionKey);
  }

  /**
   * An SSB city of this nation: the name cut or space-padded to 9 characters, then a digit, e.g.
   * {@code UNITED KI1} or {@code PERU 0}.
   *
   * @param digit 0..9
   */
  public String city(int digit) {
    String prefix = name.length() >= 9 ? name.substring(0, 9) : String.format("%-9s", name);
    return prefix + digit;
  }
}
