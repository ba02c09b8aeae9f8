package dev.apiary.catalog;

/** What dropping a hive or a box does to what is inside it (SQL's RESTRICT / CASCADE). */
public enum DropMode {
  /** Refuse to drop a hive or box that still contains boxes or frames. */
  RESTRICT,
  /** Drop the hive or box together with everything inside it. */
  CASCADE
}
