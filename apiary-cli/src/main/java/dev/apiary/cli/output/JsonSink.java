package dev.apiary.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines for scripts: one JSON object per row, keys in column order. Numbers stay numbers
 * (decimals exact), NULL is {@code null}, dates and timestamps are ISO strings, lists and structs
 * are arrays and objects. An empty result prints nothing.
 */
public final class JsonSink implements RowSink {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final ObjectMapper mapper =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  private final PrintWriter out;
  private List<String> columns = List.of();

  public JsonSink(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void start(List<String> columnNames) {
    columns = List.copyOf(columnNames);
  }

  @Override
  public void row(List<Object> values) {
    ObjectNode object = NODES.objectNode();
    for (int i = 0; i < values.size(); i++) {
      object.set(columns.get(i), node(values.get(i)));
    }
    try {
      out.print(mapper.writeValueAsString(object));
      out.print('\n');
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode node(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean) {
      return NODES.booleanNode((Boolean) value);
    }
    if (value instanceof BigDecimal) {
      return NODES.numberNode((BigDecimal) value);
    }
    if (value instanceof BigInteger) {
      return NODES.numberNode((BigInteger) value);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
    }
    if (value instanceof Number) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof List) {
      ArrayNode array = NODES.arrayNode();
      for (Object element : (List<?>) value) {
        array.add(
            node(
                element instanceof org.apache.arrow.vector.util.Text
                    ? element.toString()
                    : element));
      }
      return array;
    }
    if (value instanceof Map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        Object element = e.getValue();
        object.set(
            String.valueOf(e.getKey()),
            node(
                element instanceof org.apache.arrow.vector.util.Text
                    ? element.toString()
                    : element));
      }
      return object;
    }
    return NODES.textNode(ArrowValues.text(value));
  }

  @Override
  public void end() {
    out.flush();
  }
}
