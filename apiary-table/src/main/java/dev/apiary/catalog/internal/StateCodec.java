package dev.apiary.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.table.Column;
import dev.apiary.table.ColumnType;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.Identifiers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes catalog state files and the latest-version hint. The format is versioned by
 * {@code format_version}; a reader refuses (as corrupt) any version it does not know rather than
 * guessing.
 */
public final class StateCodec {
  /** The only state file format this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public byte[] write(StateRecord state) {
    ObjectNode root = mapper.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("version", state.version());
    root.put("commit_id", state.commitId());
    root.put("committed_at", state.committedAt().toString());
    root.put("operation", state.operation());
    ObjectNode hives = root.putObject("hives");
    state
        .tree()
        .hives()
        .forEach(
            (hive, boxes) -> {
              ObjectNode boxesNode = hives.putObject(hive).putObject("boxes");
              boxes.forEach(
                  (box, frames) -> {
                    ObjectNode framesNode = boxesNode.putObject(box).putObject("frames");
                    frames.forEach((name, entry) -> framesNode.set(name, frameNode(entry)));
                  });
            });
    return bytes(root);
  }

  /**
   * Parses a state file.
   *
   * @param expectedVersion the version in the file name; the content must agree
   * @throws CorruptStateException saying what is wrong, without the key (the caller adds it)
   */
  public StateRecord read(byte[] content, long expectedVersion) throws CorruptStateException {
    JsonNode root = parse(content);
    int format = requiredInt(root, "format_version");
    if (format > FORMAT_VERSION) {
      // Not corruption: a newer Apiary wrote it. Falling back to an older version and committing
      // on top of it would silently undo the newer writer's changes, so refuse instead.
      throw new ApiaryException(
          ErrorCategory.USER,
          "it was written by a newer Apiary (format_version "
              + format
              + "; this Apiary reads format_version "
              + FORMAT_VERSION
              + "). Upgrade Apiary on this node to use this storage");
    }
    if (format != FORMAT_VERSION) {
      throw new CorruptStateException(
          "it has format_version "
              + format
              + " but this Apiary reads only format_version "
              + FORMAT_VERSION);
    }
    long version = requiredLong(root, "version");
    if (version != expectedVersion) {
      throw new CorruptStateException(
          "it says it is version " + version + " but its name says " + expectedVersion);
    }
    try {
      Map<String, Map<String, Map<String, FrameEntry>>> hives = new TreeMap<>();
      for (Map.Entry<String, JsonNode> hive : object(root, "hives").properties()) {
        requireStoredName("hive", hive.getKey());
        Map<String, Map<String, FrameEntry>> boxes = new TreeMap<>();
        for (Map.Entry<String, JsonNode> box : object(hive.getValue(), "boxes").properties()) {
          requireStoredName("box", box.getKey());
          Map<String, FrameEntry> frames = new TreeMap<>();
          for (Map.Entry<String, JsonNode> frame : object(box.getValue(), "frames").properties()) {
            frames.put(
                frame.getKey(),
                readFrame(hive.getKey(), box.getKey(), frame.getKey(), frame.getValue()));
          }
          boxes.put(box.getKey(), frames);
        }
        hives.put(hive.getKey(), boxes);
      }
      return new StateRecord(
          version,
          requiredText(root, "commit_id"),
          Instant.parse(requiredText(root, "committed_at")),
          root.path("operation").asText(""),
          new CatalogTree(hives));
    } catch (ApiaryException | DateTimeParseException e) {
      throw new CorruptStateException("it holds an invalid entry: " + e.getMessage());
    }
  }

  /** The commit id of a state file, or empty if the file is unreadable. */
  public String commitIdOf(byte[] content) {
    try {
      return parse(content).path("commit_id").asText("");
    } catch (CorruptStateException e) {
      return "";
    }
  }

  public byte[] writeHint(long version) {
    ObjectNode root = mapper.createObjectNode();
    root.put("version", version);
    return bytes(root);
  }

  public long readHint(byte[] content) throws CorruptStateException {
    long version = requiredLong(parse(content), "version");
    if (version < 0) {
      throw new CorruptStateException("it names the negative version " + version);
    }
    return version;
  }

  /** A definition as one line of JSON in the user's declaration form, for messages. */
  public String describe(FrameDefinition definition) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode schema = root.putObject("schema");
    definition.schema().declaration().forEach(schema::put);
    ArrayNode partitionBy = root.putArray("partition_by");
    definition.partitionBy().forEach(partitionBy::add);
    ObjectNode properties = root.putObject("properties");
    definition.properties().forEach(properties::put);
    return new String(bytes(root), StandardCharsets.UTF_8);
  }

  private ObjectNode frameNode(FrameEntry entry) {
    ObjectNode node = mapper.createObjectNode();
    node.put("table_id", entry.tableId());
    node.put("created_at", entry.createdAt().toString());
    ArrayNode schema = node.putArray("schema");
    for (Column column : entry.definition().schema().columns()) {
      schema
          .addObject()
          .put("name", column.name())
          .put("type", column.type().name())
          .put("nullable", column.nullable());
    }
    ArrayNode partitionBy = node.putArray("partition_by");
    entry.definition().partitionBy().forEach(partitionBy::add);
    ObjectNode properties = node.putObject("properties");
    entry.definition().properties().forEach(properties::put);
    return node;
  }

  private static void requireStoredName(String kind, String name) throws CorruptStateException {
    if (!Identifiers.normalize(kind, name).equals(name)) {
      throw new CorruptStateException("the " + kind + " name '" + name + "' is not lower-case");
    }
  }

  private static FrameEntry readFrame(String hive, String box, String name, JsonNode node)
      throws CorruptStateException {
    List<Column> columns = new ArrayList<>();
    for (JsonNode column : array(node, "schema")) {
      JsonNode nullable = column.get("nullable");
      if (nullable == null || !nullable.isBoolean()) {
        throw new CorruptStateException(
            "frame " + hive + "." + box + "." + name + " has a column without 'nullable'");
      }
      columns.add(
          new Column(
              requiredText(column, "name"),
              ColumnType.parse(requiredText(column, "type")),
              nullable.booleanValue()));
    }
    List<String> partitionBy = new ArrayList<>();
    for (JsonNode column : array(node, "partition_by")) {
      partitionBy.add(column.asText());
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : object(node, "properties").properties()) {
      properties.put(property.getKey(), property.getValue().asText());
    }
    FrameDefinition definition =
        new FrameDefinition(new FrameSchema(columns), partitionBy, properties);
    return new FrameEntry(
        hive,
        box,
        name,
        definition,
        requiredText(node, "table_id"),
        Instant.parse(requiredText(node, "created_at")));
  }

  private JsonNode parse(byte[] content) throws CorruptStateException {
    if (content.length == 0) {
      throw new CorruptStateException("it is empty");
    }
    JsonNode root;
    try {
      root = mapper.readTree(content);
    } catch (java.io.IOException e) {
      throw new CorruptStateException(
          "it is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (root == null || !root.isObject()) {
      throw new CorruptStateException("it is not a JSON object");
    }
    return root;
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static int requiredInt(JsonNode node, String field) throws CorruptStateException {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new CorruptStateException("its field '" + field + "' is missing or not an integer");
    }
    return value.intValue();
  }

  private static long requiredLong(JsonNode node, String field) throws CorruptStateException {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new CorruptStateException("its field '" + field + "' is missing or not an integer");
    }
    return value.longValue();
  }

  private static String requiredText(JsonNode node, String field) throws CorruptStateException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new CorruptStateException("its field '" + field + "' is missing or not a string");
    }
    return value.textValue();
  }

  private static JsonNode object(JsonNode node, String field) throws CorruptStateException {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new CorruptStateException("its field '" + field + "' is missing or not an object");
    }
    return value;
  }

  private static JsonNode array(JsonNode node, String field) throws CorruptStateException {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new CorruptStateException("its field '" + field + "' is missing or not an array");
    }
    return value;
  }
}
