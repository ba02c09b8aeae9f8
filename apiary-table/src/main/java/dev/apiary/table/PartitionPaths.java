package dev.apiary.table;

/**
 * Partition directory names the way Hive, Spark and Delta write them: {@code column=value} with the
 * characters that file systems or path parsers treat specially percent-encoded ({@code %3A} for
 * {@code :}). The log stores the unescaped value in {@code partitionValues}.
 */
public final class PartitionPaths {
  /** The directory value Hive-style writers use for a null partition value. */
  public static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";

  private static final String SPECIAL = "\"#%'*/:=?\\{[]^";

  private PartitionPaths() {}

  /** Escapes one partition value for use in a directory name. */
  public static String escape(String value) {
    if (value == null) {
      return NULL_VALUE;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F || SPECIAL.indexOf(c) >= 0) {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
