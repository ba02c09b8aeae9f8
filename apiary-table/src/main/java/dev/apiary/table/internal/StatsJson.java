package dev.apiary.table.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.table.Column;
import dev.apiary.table.FileStatistics;
import dev.apiary.table.FrameSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of {@link FileStatistics} in {@code add.stats}. Timestamps are written with
 * millisecond precision like Spark does: minimums rounded down, maximums rounded up, so that the
 * range stays conservative for pruning.
 */
public final class StatsJson {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper;

  public StatsJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String toJson(FileStatistics stats) {
    ObjectNode root = mapper.createObjectNode();
    root.put("numRecords", stats.numRecords());
    ObjectNode min = root.putObject("minValues");
    stats.minValues().forEach((k, v) -> putValue(min, k, v, RoundingForInstant.DOWN));
    ObjectNode max = root.putObject("maxValues");
    stats.maxValues().forEach((k, v) -> putValue(max, k, v, RoundingForInstant.UP));
    ObjectNode nulls = root.putObject("nullCount");
    stats.nullCount().forEach(nulls::put);
    return root.toString();
  }

  private enum RoundingForInstant {
    DOWN,
    UP
  }

  private static void putValue(ObjectNode node, String key, Object value, RoundingForInstant mode) {
    if (value instanceof Long l) {
      node.put(key, l);
    } else if (value instanceof Double d) {
      if (!d.isNaN() && !d.isInfinite()) {
        node.put(key, d);
      }
    } else if (value instanceof BigDecimal b) {
      node.put(key, b);
    } else if (value instanceof String s) {
      node.put(key, s);
    } else if (value instanceof Boolean b) {
      node.put(key, b);
    } else if (value instanceof LocalDate d) {
      node.put(key, d.toString());
    } else if (value instanceof Instant i) {
      Instant truncated = i.truncatedTo(ChronoUnit.MILLIS);
      if (mode == RoundingForInstant.UP && !truncated.equals(i)) {
        truncated = truncated.plusMillis(1);
      }
      node.put(key, TIMESTAMP.format(truncated));
    }
  }

  /**
   * Parses {@code add.stats} against the frame schema; columns the schema does not know and values
   * that do not fit the column type are ignored (statistics only ever help pruning).
   *
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public FileStatistics fromJson(String json, FrameSchema schema) {
    if (json == null) {
      return null;
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("stats is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("stats is not a JSON object: " + json);
    }
    long numRecords = root.path("numRecords").asLong(0);
    Map<String, Object> min = readValues(root.path("minValues"), schema);
    Map<String, Object> max = readValues(root.path("maxValues"), schema);
    Map<String, Long> nulls = new LinkedHashMap<>();
    root.path("nullCount")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isIntegralNumber()
                  && schema.column(e.getKey()).isPresent()
                  && e.getValue().asLong() <= numRecords) {
                nulls.put(schema.column(e.getKey()).get().name(), e.getValue().asLong());
              }
            });
    return new FileStatistics(numRecords, min, max, nulls);
  }

  private static Map<String, Object> readValues(JsonNode values, FrameSchema schema) {
    Map<String, Object> result = new LinkedHashMap<>();
    values
        .properties()
        .forEach(
            e ->
                schema
                    .column(e.getKey())
                    .flatMap(c -> typed(c, e.getValue()))
                    .ifPresent(v -> result.put(schema.column(e.getKey()).get().name(), v)));
    return result;
  }

  private static Optional<Object> typed(Column column, JsonNode node) {
    try {
      Object value =
          switch (column.type().kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 ->
                node.isIntegralNumber() ? node.asLong() : null;
            case UINT64, DECIMAL -> node.isNumber() ? node.decimalValue() : null;
            case FLOAT32, FLOAT64 -> node.isNumber() ? node.asDouble() : null;
            case STRING -> node.isTextual() ? node.asText() : null;
            case BOOLEAN -> node.isBoolean() ? node.asBoolean() : null;
            case DATE -> node.isTextual() ? LocalDate.parse(node.asText()) : null;
            case TIMESTAMP -> node.isTextual() ? parseInstant(node.asText()) : null;
            case BINARY -> null;
          };
      return Optional.ofNullable(value);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return java.time.OffsetDateTime.parse(text).toInstant();
    }
  }
}
