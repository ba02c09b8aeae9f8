package dev.apiary.table;

import dev.apiary.error.InvalidInputException;
import java.util.Objects;

/** One column of a frame's schema. Names keep the case the user gave. */
public record Column(String name, ColumnType type, boolean nullable) {
  /** Characters that Delta (without column mapping) and Parquet tools reject in column names. */
  private static final String FORBIDDEN = " ,;{}()\n\t=";

  public Column {
    Objects.requireNonNull(type, "type");
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("Column names must not be empty");
    }
    if (name.length() > 255) {
      throw new InvalidInputException("Column name '" + name + "' is longer than 255 characters");
    }
    for (char c : name.toCharArray()) {
      if (FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
        throw new InvalidInputException(
            "Column name '"
                + name
                + "' contains '"
                + (c == '\n' ? "\\n" : c == '\t' ? "\\t" : String.valueOf(c))
                + "'; column names may not contain spaces, control characters or any of ,;{}()=");
      }
    }
  }

  /** The column as declared by a user: type name, optionally followed by {@code not null}. */
  public String declaration() {
    return nullable ? type.name() : type.name() + " not null";
  }
}
