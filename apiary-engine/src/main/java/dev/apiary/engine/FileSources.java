package dev.apiary.engine;

import dev.apiary.engine.internal.DuckDbTypes;
import dev.apiary.error.InvalidInputException;
import dev.apiary.table.ColumnType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Files a write reads with the engine's own readers (CSV, Parquet, JSON; {@link WriteInput#file}):
 * which reader a file takes, and its columns as frame types.
 */
public final class FileSources {
  private FileSources() {}

  /**
   * The columns of a file as frame types, in file order (what {@code load --create} declares),
   * sniffed by the engine in a chamber under {@code budget}; the rows are not read.
   *
   * @throws InvalidInputException for a missing or unreadable file, an unknown format or columns
   *     frames cannot store
   */
  public static Map<String, String> columns(
      Path file, BufferAllocator allocator, ChamberSettings settings, TaskBudget budget) {
    WriteInput input = WriteInput.file(file, rows -> {});
    try (DuckDbChamber chamber = DuckDbChamber.open(settings)) {
      ChamberBudget.bind(chamber, budget);
      try (WriteInput.Bound bound = input.bind(chamber, allocator)) {
        return frameTypes(bound.schema(), file.toString());
      }
    }
  }

  /**
   * Column name to Apiary type, in the order of {@code schema} (what {@code load --create}
   * declares).
   *
   * @param what the file or cells, for the message
   * @throws InvalidInputException naming a column whose type frames cannot store
   */
  static Map<String, String> frameTypes(Schema schema, String what) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Field field : schema.getFields()) {
      Optional<ColumnType> type;
      try {
        type = DuckDbTypes.fromArrow(field.getType());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "Column '"
                + field.getName()
                + "' of "
                + what
                + " has type "
                + field.getType()
                + ", which frames cannot store");
      }
      types.put(field.getName(), type.map(ColumnType::name).orElse("string"));
    }
    return types;
  }

  /** The error for a file the engine cannot read (or sniff). */
  static InvalidInputException unreadable(String what, Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return new InvalidInputException(
        "Cannot read " + what + ": " + DuckDbChamber.withoutStackTrace(message));
  }

  /** The engine's table function reading {@code file}, e.g. {@code read_csv('/abs/a.csv')}. */
  static String reader(Path file) {
    return readerFunction(file)
        + "("
        + DuckDbChamber.literal(file.toAbsolutePath().toString())
        + ")";
  }

  static String readerFunction(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String compression : new String[] {".gz", ".zst"}) {
      if (name.endsWith(compression)) {
        name = name.substring(0, name.length() - compression.length());
      }
    }
    if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
      return "read_csv";
    }
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      return "read_parquet";
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return "read_json";
    }
    throw new InvalidInputException(
        "Cannot tell the format of "
            + file
            + " from its name; use .csv, .tsv, .parquet, .json, .jsonl or .ndjson");
  }
}
