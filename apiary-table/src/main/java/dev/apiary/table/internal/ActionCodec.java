package dev.apiary.table.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.error.InvalidInputException;
import dev.apiary.table.CorruptLogException;
import dev.apiary.table.FrameMetadata;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.RemovedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes Delta actions as JSON, one action per line. Unknown fields inside an action are
 * ignored (the protocol requires it); an unknown action, a known action Apiary does not support,
 * invalid JSON or a missing required field is an error naming the file, the line and the problem.
 */
public final class ActionCodec {
  /** Actions of Delta table features that reader v1 / writer v2 tables never contain. */
  private static final Set<String> UNSUPPORTED =
      Set.of("cdc", "domainMetadata", "checkpointMetadata", "sidecar");

  private final ObjectMapper mapper;
  private final DeltaSchemaJson schemaJson;

  public ActionCodec(ObjectMapper mapper) {
    this.mapper = mapper;
    this.schemaJson = new DeltaSchemaJson(mapper);
  }

  public DeltaSchemaJson schemaJson() {
    return schemaJson;
  }

  public byte[] encode(List<LogAction> actions) {
    StringBuilder out = new StringBuilder();
    for (LogAction action : actions) {
      out.append(toNode(action).toString()).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One action as the JSON object a commit line (or checkpoint row) holds. */
  public ObjectNode toNode(LogAction action) {
    ObjectNode line = mapper.createObjectNode();
    if (action instanceof LogAction.CommitInfo c) {
      ObjectNode n = line.putObject("commitInfo");
      n.put("timestamp", c.timestamp());
      n.put("operation", c.operation());
      ObjectNode parameters = n.putObject("operationParameters");
      c.operationParameters().forEach(parameters::put);
      n.put("engineInfo", c.engineInfo());
      n.put("txnId", c.txnId());
      if (c.readVersion() >= 0) {
        n.put("readVersion", c.readVersion());
      }
    } else if (action instanceof LogAction.Protocol p) {
      ObjectNode n = line.putObject("protocol");
      n.put("minReaderVersion", p.minReaderVersion());
      n.put("minWriterVersion", p.minWriterVersion());
    } else if (action instanceof LogAction.Metadata m) {
      FrameMetadata md = m.metadata();
      ObjectNode n = line.putObject("metaData");
      n.put("id", md.tableId());
      n.put("name", md.name());
      ObjectNode format = n.putObject("format");
      format.put("provider", "parquet");
      format.putObject("options");
      n.put("schemaString", schemaJson.toJson(md.schema()));
      ArrayNode partitions = n.putArray("partitionColumns");
      md.partitionColumns().forEach(partitions::add);
      ObjectNode configuration = n.putObject("configuration");
      md.configuration().forEach(configuration::put);
      n.put("createdTime", md.createdTime());
    } else if (action instanceof LogAction.Txn t) {
      ObjectNode n = line.putObject("txn");
      n.put("appId", t.appId());
      n.put("version", t.version());
      n.put("lastUpdated", t.lastUpdated());
    } else if (action instanceof LogAction.Add a) {
      ObjectNode n = line.putObject("add");
      n.put("path", LogPaths.toUri(a.file().path()));
      putPartitionValues(n, a.file().partitionValues());
      n.put("size", a.file().size());
      n.put("modificationTime", a.file().modificationTime());
      n.put("dataChange", a.file().dataChange());
      if (a.statsJson() != null) {
        n.put("stats", a.statsJson());
      }
    } else if (action instanceof LogAction.Remove r) {
      RemovedFile f = r.file();
      ObjectNode n = line.putObject("remove");
      n.put("path", LogPaths.toUri(f.path()));
      n.put("deletionTimestamp", f.deletionTimestamp());
      n.put("dataChange", f.dataChange());
      n.put("extendedFileMetadata", true);
      putPartitionValues(n, f.partitionValues());
      n.put("size", f.size());
    }
    return line;
  }

  private static void putPartitionValues(ObjectNode node, Map<String, String> values) {
    ObjectNode n = node.putObject("partitionValues");
    values.forEach(n::put);
  }

  /**
   * Parses a commit file.
   *
   * @param file the file's key, for messages
   * @throws CorruptLogException naming the file, the line and the problem
   */
  public List<LogAction> decode(byte[] content, String file) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw new CorruptLogException(file, "the file is empty");
    }
    List<LogAction> actions = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = mapper.readTree(line);
      } catch (JsonProcessingException e) {
        throw new CorruptLogException(
            file,
            "line " + (i + 1) + " is not valid JSON (truncated or garbage): " + shorten(line),
            e);
      }
      actions.add(decodeNode(node, file + " line " + (i + 1)));
    }
    return actions;
  }

  /** Parses one action object; {@code where} names the file and line or row for messages. */
  public LogAction decodeNode(JsonNode node, String where) {
    if (node == null || !node.isObject() || node.size() != 1) {
      throw new CorruptLogException(
          where,
          "expected an object with exactly one action, got: " + shorten(String.valueOf(node)));
    }
    String kind = node.fieldNames().next();
    JsonNode body = node.get(kind);
    if (!body.isObject()) {
      throw new CorruptLogException(where, "action '" + kind + "' is not a JSON object");
    }
    try {
      return switch (kind) {
        case "commitInfo" ->
            new LogAction.CommitInfo(
                body.path("timestamp").asLong(0),
                body.path("operation").asText(""),
                stringMap(body.path("operationParameters")),
                body.path("engineInfo").asText(""),
                body.path("txnId").asText(""),
                body.path("readVersion").asLong(-1));
        case "protocol" ->
            new LogAction.Protocol(
                required(body, "minReaderVersion").asInt(),
                required(body, "minWriterVersion").asInt());
        case "metaData" -> new LogAction.Metadata(metadata(body));
        case "txn" ->
            new LogAction.Txn(
                required(body, "appId").asText(),
                required(body, "version").asLong(),
                body.path("lastUpdated").asLong(0));
        case "add" ->
            new LogAction.Add(
                new LogAction.DataFileWithoutStats(
                    LogPaths.fromUri(required(body, "path").asText()),
                    stringMap(body.path("partitionValues")),
                    required(body, "size").asLong(),
                    required(body, "modificationTime").asLong(),
                    required(body, "dataChange").asBoolean()),
                body.hasNonNull("stats") ? body.get("stats").asText() : null);
        case "remove" ->
            new LogAction.Remove(
                new RemovedFile(
                    LogPaths.fromUri(required(body, "path").asText()),
                    body.path("deletionTimestamp").asLong(0),
                    required(body, "dataChange").asBoolean(),
                    stringMap(body.path("partitionValues")),
                    body.path("size").asLong(0)));
        default ->
            throw new CorruptLogException(
                where,
                UNSUPPORTED.contains(kind)
                    ? "action '"
                        + kind
                        + "' belongs to a Delta table feature Apiary does not support"
                    : "unknown action '" + kind + "'");
      };
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new CorruptLogException(where, "action '" + kind + "': " + e.getMessage(), e);
    }
  }

  private FrameMetadata metadata(JsonNode body) {
    String provider = body.path("format").path("provider").asText("parquet");
    if (!provider.equals("parquet")) {
      throw new IllegalArgumentException("data format '" + provider + "' is not parquet");
    }
    FrameSchema schema = schemaJson.fromJson(required(body, "schemaString").asText());
    List<String> partitionColumns = new ArrayList<>();
    body.path("partitionColumns").forEach(p -> partitionColumns.add(p.asText()));
    return new FrameMetadata(
        required(body, "id").asText(),
        body.path("name").asText(""),
        schema,
        partitionColumns,
        stringMap(body.path("configuration")),
        body.path("createdTime").asLong(0));
  }

  private static JsonNode required(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("required field '" + field + "' is missing");
    }
    return value;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> result = new LinkedHashMap<>();
    if (node == null || node.isMissingNode() || node.isNull()) {
      return result;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object of strings, got " + node);
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      result.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
    }
    return result;
  }

  private static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }
}
