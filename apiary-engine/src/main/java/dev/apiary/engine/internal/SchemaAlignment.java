package dev.apiary.engine.internal;

import static dev.apiary.engine.DuckDbChamber.identifier;
import static dev.apiary.engine.DuckDbChamber.literal;

import dev.apiary.engine.SchemaMismatchException;
import dev.apiary.table.Column;
import dev.apiary.table.ColumnType;
import dev.apiary.table.FrameMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Matches incoming data to a frame's schema by column name (never by position) and produces the SQL
 * select list that casts it: columns in any order, safe widening applied, missing nullable columns
 * filled with nulls; extra columns, lossy types and missing required columns refused. Nulls in
 * partition or required columns are caught while the data streams, by {@code error()}.
 */
public final class SchemaAlignment {
  /** Marks the messages of the {@code error()} calls, so the writer can report them cleanly. */
  public static final String ERROR_MARKER = "[apiary-schema] ";

  private SchemaAlignment() {}

  /** The schema problem inside an engine error message, if the error came from our checks. */
  public static java.util.Optional<String> schemaProblem(String engineMessage) {
    int at = engineMessage == null ? -1 : engineMessage.indexOf(ERROR_MARKER);
    if (at < 0) {
      return java.util.Optional.empty();
    }
    String rest = engineMessage.substring(at + ERROR_MARKER.length());
    int end = rest.indexOf('\n');
    return java.util.Optional.of((end < 0 ? rest : rest.substring(0, end)).strip());
  }

  /**
   * @param frameName {@code hive.box.frame}, for messages
   * @return one select expression per frame column, in frame order
   * @throws SchemaMismatchException naming the column and the problem
   */
  public static List<String> selectList(Schema data, FrameMetadata metadata, String frameName) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field field : data.getFields()) {
      Field previous = byName.put(field.getName().toLowerCase(Locale.ROOT), field);
      if (previous != null) {
        throw new SchemaMismatchException(
            "The data has columns '"
                + previous.getName()
                + "' and '"
                + field.getName()
                + "'; column names are case-insensitive, so they collide");
      }
    }
    for (Field field : data.getFields()) {
      if (metadata.schema().column(field.getName()).isEmpty()) {
        throw new SchemaMismatchException(
            "Column '"
                + field.getName()
                + "' is in the data but not in frame "
                + frameName
                + " (its columns: "
                + String.join(", ", metadata.schema().columnNames())
                + "); drop it from the data or add it to the frame first");
      }
    }
    List<String> select = new ArrayList<>();
    for (Column column : metadata.schema().columns()) {
      String target = DuckDbTypes.duckDbType(column.type());
      boolean partition =
          metadata.partitionColumns().stream().anyMatch(p -> p.equalsIgnoreCase(column.name()));
      Field field = byName.get(column.name().toLowerCase(Locale.ROOT));
      if (field == null) {
        if (!column.nullable() || partition) {
          throw new SchemaMismatchException(
              "Column '"
                  + column.name()
                  + "' is missing from the data but frame "
                  + frameName
                  + (partition ? " is partitioned by it" : " declares it not null"));
        }
        select.add("CAST(NULL AS " + target + ") AS " + identifier(column.name()));
        continue;
      }
      Optional<ColumnType> source;
      try {
        source = DuckDbTypes.fromArrow(field.getType());
      } catch (IllegalArgumentException e) {
        throw new SchemaMismatchException(
            "Column '"
                + field.getName()
                + "' has Arrow type "
                + field.getType()
                + ", which frames cannot store; frame "
                + frameName
                + " declares it "
                + column.type().name());
      }
      if (source.isPresent() && !DuckDbTypes.widensSafely(source.get(), column.type())) {
        throw new SchemaMismatchException(
            "Column '"
                + column.name()
                + "' is "
                + source.get().name()
                + " in the data but "
                + column.type().name()
                + " in frame "
                + frameName
                + "; cast it or recreate the frame with "
                + source.get().name());
      }
      String value =
          source.isPresent()
                  && source.get().equals(column.type())
                  && column.type().kind() != dev.apiary.table.TypeKind.TIMESTAMP
              ? identifier(field.getName())
              : "CAST(" + identifier(field.getName()) + " AS " + target + ")";
      // A non-nullable Arrow field carries no nulls by definition: no check needed.
      if ((partition || !column.nullable()) && field.isNullable()) {
        String problem =
            partition
                ? "Partition column '"
                    + column.name()
                    + "' of frame "
                    + frameName
                    + " has a null value; partition values must not be null"
                : "Column '"
                    + column.name()
                    + "' of frame "
                    + frameName
                    + " is declared not null, but the data has nulls in it";
        value =
            "CASE WHEN "
                + identifier(field.getName())
                + " IS NULL THEN error("
                + literal(ERROR_MARKER + problem)
                + ") ELSE "
                + value
                + " END";
      }
      select.add(value + " AS " + identifier(column.name()));
    }
    return select;
  }
}
