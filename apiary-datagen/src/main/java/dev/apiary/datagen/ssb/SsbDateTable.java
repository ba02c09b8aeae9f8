package dev.apiary.datagen.ssb;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.rows.RowWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The SSB date dimension: one row per day from 1992-01-01, {@link SsbScale#DATE_ROWS} rows. Weeks
 * of the year start on January 1st ({@code d_weeknuminyear = (dayofyear - 1) / 7 + 1}) and days of
 * the week count from Sunday = 1.
 */
final class SsbDateTable {
  static final LocalDate FIRST_DAY = LocalDate.of(1992, 1, 1);

  private static final List<Column> COLUMNS =
      List.of(
          new Column("d_datekey", ColumnType.INT32),
          new Column("d_date", ColumnType.STRING),
          new Column("d_dayofweek", ColumnType.STRING),
          new Column("d_month", ColumnType.STRING),
          new Column("d_year", ColumnType.INT32),
          new Column("d_yearmonthnum", ColumnType.INT32),
          new Column("d_yearmonth", ColumnType.STRING),
          new Column("d_daynuminweek", ColumnType.INT32),
          new Column("d_daynuminmonth", ColumnType.INT32),
          new Column("d_daynuminyear", ColumnType.INT32),
          new Column("d_monthnuminyear", ColumnType.INT32),
          new Column("d_weeknuminyear", ColumnType.INT32),
          new Column("d_sellingseason", ColumnType.STRING),
          new Column("d_lastdayinweekfl", ColumnType.INT32),
          new Column("d_lastdayinmonthfl", ColumnType.INT32),
          new Column("d_holidayfl", ColumnType.INT32),
          new Column("d_weekdayfl", ColumnType.INT32));

  private SsbDateTable() {}

  static RowTable table() {
    return new RowTable(
        "date",
        COLUMNS,
        SsbScale.DATE_ROWS,
        () -> new IndexedRows(SsbScale.DATE_ROWS, (index, out, row) -> write(index, out, row)));
  }

  /** The SSB date key of a day: {@code yyyymmdd}. */
  static int dateKey(LocalDate day) {
    return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
  }

  private static void write(long index, RowWriter out, int row) {
    LocalDate day = FIRST_DAY.plusDays(index);
    String month = day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String dayOfWeek = day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    int dayInWeek = day.getDayOfWeek().getValue() % 7 + 1;
    out.int32(0, row, dateKey(day));
    out.string(1, row, month + " " + day.getDayOfMonth() + ", " + day.getYear());
    out.string(2, row, dayOfWeek);
    out.string(3, row, month);
    out.int32(4, row, day.getYear());
    out.int32(5, row, day.getYear() * 100 + day.getMonthValue());
    out.string(6, row, month.substring(0, 3) + day.getYear());
    out.int32(7, row, dayInWeek);
    out.int32(8, row, day.getDayOfMonth());
    out.int32(9, row, day.getDayOfYear());
    out.int32(10, row, day.getMonthValue());
    out.int32(11, row, (day.getDayOfYear() - 1) / 7 + 1);
    out.string(12, row, season(day));
    out.int32(13, row, day.getDayOfWeek() == DayOfWeek.SATURDAY ? 1 : 0);
    out.int32(14, row, day.getDayOfMonth() == day.lengthOfMonth() ? 1 : 0);
    out.int32(15, row, holiday(day) ? 1 : 0);
    out.int32(16, row, day.getDayOfWeek().getValue() <= 5 ? 1 : 0);
  }

  private static String season(LocalDate day) {
    return switch (day.getMonthValue()) {
      case 1, 2 -> "Winter";
      case 3, 4, 5 -> "Spring";
      case 6, 7, 8 -> "Summer";
      case 9, 10 -> "Fall";
      default -> "Christmas";
    };
  }

  /** New Year's Day, Independence Day, Christmas Eve and Day, New Year's Eve. */
  private static boolean holiday(LocalDate day) {
    int month = day.getMonthValue();
    int date = day.getDayOfMonth();
    return (month == 1 && date == 1)
        || (month == 7 && date == 4)
        || (month == 12 && (date == 24 || date == 25 || date == 31));
  }
}
