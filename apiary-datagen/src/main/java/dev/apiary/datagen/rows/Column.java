package dev.apiary.datagen.rows;

import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A generated column. Generated columns never hold nulls, so their Arrow fields are not nullable.
 *
 * @param name lower-case column name, e.g. {@code l_orderkey}
 * @param type its type
 */
public record Column(String name, ColumnType type) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The Arrow field of this column. */
  public Field field() {
    return new Field(name, FieldType.notNullable(type.arrowType()), null);
  }
}
