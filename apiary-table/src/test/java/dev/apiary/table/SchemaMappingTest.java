package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.table.internal.DeltaSchemaJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every Apiary type maps to a Delta primitive type and back without loss. */
class SchemaMappingTest {
  private final ObjectMapper json = new ObjectMapper();
  private final DeltaSchemaJson schemaJson = new DeltaSchemaJson(json);

  @Test
  void everyTypeMapsToItsDeltaTypeAndRoundTrips() throws Exception {
    Map<String, String> expectedDelta = new LinkedHashMap<>();
    expectedDelta.put("int8", "byte");
    expectedDelta.put("int16", "short");
    expectedDelta.put("int32", "integer");
    expectedDelta.put("int64", "long");
    expectedDelta.put("uint8", "short");
    expectedDelta.put("uint16", "integer");
    expectedDelta.put("uint32", "long");
    expectedDelta.put("uint64", "decimal(20,0)");
    expectedDelta.put("float32", "float");
    expectedDelta.put("float64", "double");
    expectedDelta.put("string", "string");
    expectedDelta.put("boolean", "boolean");
    expectedDelta.put("date", "date");
    expectedDelta.put("timestamp", "timestamp");
    expectedDelta.put("decimal(38,9)", "decimal(38,9)");
    expectedDelta.put("binary", "binary");
    Map<String, String> declaration = new LinkedHashMap<>();
    expectedDelta
        .keySet()
        .forEach(type -> declaration.put("c_" + type.replaceAll("[^a-z0-9]", "_"), type));
    declaration.put("required", "int64 not null");
    FrameSchema schema = FrameSchema.parse(declaration);

    String text = schemaJson.toJson(schema);
    JsonNode fields = json.readTree(text).get("fields");
    int i = 0;
    for (Map.Entry<String, String> e : expectedDelta.entrySet()) {
      JsonNode field = fields.get(i++);
      assertThat(field.get("type").asText()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(field.get("nullable").asBoolean()).isTrue();
      assertThat(field.get("metadata").has("apiary.type")).isEqualTo(e.getKey().startsWith("uint"));
    }
    assertThat(fields.get(i).get("nullable").asBoolean()).isFalse();
    assertThat(schemaJson.fromJson(text)).isEqualTo(schema);
  }

  @Test
  void aliasesParseToCanonicalTypes() {
    Map<String, String> aliases =
        Map.of(
            "int",
            "int32",
            "integer",
            "int32",
            "float",
            "float32",
            "double",
            "float64",
            "utf8",
            "string",
            "text",
            "string",
            "bool",
            "boolean",
            "date32",
            "date",
            "datetime",
            "timestamp",
            "DECIMAL( 10 , 2 )",
            "decimal(10,2)");
    aliases.forEach(
        (alias, canonical) -> assertThat(ColumnType.parse(alias).name()).isEqualTo(canonical));
  }
}
