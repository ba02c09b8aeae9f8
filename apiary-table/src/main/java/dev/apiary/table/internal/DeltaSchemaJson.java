package dev.apiary.table.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.error.InvalidInputException;
import dev.apiary.table.Column;
import dev.apiary.table.ColumnType;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a {@link FrameSchema} to and from Delta's {@code schemaString} (Spark's struct type
 * JSON). Unsigned types have no Delta equivalent: they are stored as the next wider signed type
 * with the Apiary type in the field metadata under {@value #TYPE_KEY}.
 */
public final class DeltaSchemaJson {
  static final String TYPE_KEY = "apiary.type";
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

  private final ObjectMapper mapper;

  public DeltaSchemaJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String toJson(FrameSchema schema) {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "struct");
    ArrayNode fields = root.putArray("fields");
    for (Column column : schema.columns()) {
      ObjectNode field = fields.addObject();
      field.put("name", column.name());
      field.put("type", column.type().deltaTypeName());
      field.put("nullable", column.nullable());
      ObjectNode metadata = field.putObject("metadata");
      if (column.type().kind().apiaryName().startsWith("uint")) {
        metadata.put(TYPE_KEY, column.type().name());
      }
    }
    return root.toString();
  }

  /**
   * Parses a Delta schema string.
   *
   * @throws InvalidInputException naming the column whose type Apiary does not support
   */
  public FrameSchema fromJson(String json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (Exception e) {
      throw new InvalidInputException("schemaString is not valid JSON: " + e.getMessage());
    }
    if (root == null || !"struct".equals(root.path("type").asText()) || !root.has("fields")) {
      throw new InvalidInputException("schemaString is not a struct type: " + json);
    }
    List<Column> columns = new ArrayList<>();
    for (JsonNode field : root.get("fields")) {
      String name = field.path("name").asText();
      JsonNode type = field.get("type");
      if (type == null || !type.isTextual()) {
        throw new InvalidInputException(
            "Column '" + name + "' has a nested type, which Apiary does not support: " + type);
      }
      String hint = field.path("metadata").path(TYPE_KEY).asText(null);
      ColumnType columnType =
          hint != null ? ColumnType.parse(hint) : fromDeltaName(name, type.asText());
      columns.add(new Column(name, columnType, field.path("nullable").asBoolean(true)));
    }
    return new FrameSchema(columns);
  }

  private static ColumnType fromDeltaName(String column, String deltaName) {
    String name = deltaName.toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(name);
    if (decimal.matches()) {
      return ColumnType.decimal(
          Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    return switch (name) {
      case "byte" -> ColumnType.of(TypeKind.INT8);
      case "short" -> ColumnType.of(TypeKind.INT16);
      case "integer" -> ColumnType.of(TypeKind.INT32);
      case "long" -> ColumnType.of(TypeKind.INT64);
      case "float" -> ColumnType.of(TypeKind.FLOAT32);
      case "double" -> ColumnType.of(TypeKind.FLOAT64);
      case "string" -> ColumnType.of(TypeKind.STRING);
      case "boolean" -> ColumnType.of(TypeKind.BOOLEAN);
      case "date" -> ColumnType.of(TypeKind.DATE);
      case "timestamp" -> ColumnType.of(TypeKind.TIMESTAMP);
      case "binary" -> ColumnType.of(TypeKind.BINARY);
      default ->
          throw new InvalidInputException(
              "Column '"
                  + column
                  + "' has Delta type '"
                  + deltaName
                  + "', which Apiary does not support");
    };
  }
}
