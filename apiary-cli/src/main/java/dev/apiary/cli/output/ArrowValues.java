package dev.apiary.cli.output;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.TimeStampSecTZVector;
import org.apache.arrow.vector.util.Text;

/**
 * Turns Arrow cells into plain Java values ({@code getObject}, with dates and zoned timestamps made
 * readable) and plain values into the text tables and CSV show.
 */
public final class ArrowValues {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ArrowValues() {}

  /** The value at a row: null, a Number, Boolean, String, LocalDate, LocalDateTime, ... */
  public static Object value(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof DateDayVector) {
      return LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
    }
    if (vector instanceof TimeStampMicroTZVector) {
      return microsInstant(((TimeStampMicroTZVector) vector).get(row));
    }
    if (vector instanceof TimeStampMilliTZVector) {
      return Instant.ofEpochMilli(((TimeStampMilliTZVector) vector).get(row));
    }
    if (vector instanceof TimeStampNanoTZVector) {
      long nanos = ((TimeStampNanoTZVector) vector).get(row);
      return Instant.ofEpochSecond(
          Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
    if (vector instanceof TimeStampSecTZVector) {
      return Instant.ofEpochSecond(((TimeStampSecTZVector) vector).get(row));
    }
    if (vector instanceof TimeMicroVector) {
      return LocalTime.ofNanoOfDay(((TimeMicroVector) vector).get(row) * 1000L);
    }
    if (vector instanceof TimeNanoVector) {
      return LocalTime.ofNanoOfDay(((TimeNanoVector) vector).get(row));
    }
    Object value = vector.getObject(row);
    return value instanceof Text ? value.toString() : value;
  }

  private static Instant microsInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** The text of a non-null value as tables and CSV show it. */
  public static String text(Object value) {
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof LocalDateTime) {
      LocalDateTime timestamp = (LocalDateTime) value;
      String text = SECONDS.format(timestamp);
      if (timestamp.getNano() == 0) {
        return text;
      }
      String fraction = String.format("%09d", timestamp.getNano()).replaceAll("0+$", "");
      return text + "." + fraction;
    }
    if (value instanceof byte[]) {
      StringBuilder hex = new StringBuilder("\\x");
      for (byte b : (byte[]) value) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    }
    if (value instanceof List || value instanceof Map) {
      return String.valueOf(value);
    }
    return String.valueOf(value);
  }
}
