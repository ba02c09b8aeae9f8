package dev.apiary.datagen.tpch;

import java.time.LocalDate;

/** The TPC-H date constants, as days since 1970-01-01. */
final class TpchDates {
  /** 1992-01-01, the first order date. */
  static final int START = (int) LocalDate.of(1992, 1, 1).toEpochDay();

  /** 1998-12-31, the last date of the data. */
  static final int END = (int) LocalDate.of(1998, 12, 31).toEpochDay();

  /** 1995-06-17, the "current date" that splits returned/shipped line items from open ones. */
  static final int CURRENT = (int) LocalDate.of(1995, 6, 17).toEpochDay();

  /** The last order date: 151 days before {@link #END}, so every line ships and arrives. */
  static final int LAST_ORDER = END - 151;

  private TpchDates() {}
}
