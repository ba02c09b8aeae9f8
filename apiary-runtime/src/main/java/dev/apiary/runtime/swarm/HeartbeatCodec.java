package dev.apiary.runtime.swarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of a heartbeat, with the SPEC's snake_case keys. Readers ignore keys they do not know,
 * so newer nodes may add fields without breaking older ones.
 */
public final class HeartbeatCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HeartbeatCodec() {}

  public static byte[] encode(Heartbeat heartbeat) {
    ObjectNode root = JSON.createObjectNode();
    root.put("node_id", heartbeat.nodeId());
    root.put("timestamp", heartbeat.timestamp().toString());
    root.put("version", heartbeat.version());
    Heartbeat.Capacity c = heartbeat.capacity();
    ObjectNode capacity = root.putObject("capacity");
    capacity.put("cores", c.cores());
    capacity.put("memory_total_bytes", c.memoryTotalBytes());
    capacity.put("memory_per_bee", c.memoryPerBee());
    capacity.put("target_cell_size", c.targetCellSize());
    Heartbeat.Load l = heartbeat.load();
    ObjectNode load = root.putObject("load");
    load.put("bees_total", l.beesTotal());
    load.put("bees_busy", l.beesBusy());
    load.put("bees_idle", l.beesIdle());
    load.put("memory_pressure", l.memoryPressure());
    load.put("queue_depth", l.queueDepth());
    load.put("colony_temperature", l.colonyTemperature());
    ObjectNode cache = root.putObject("cache");
    cache.put("size_bytes", heartbeat.cache().sizeBytes());
    ObjectNode frames = cache.putObject("frames");
    for (Map.Entry<String, Heartbeat.FrameCache> e :
        new TreeMap<>(heartbeat.cache().frames()).entrySet()) {
      frames
          .putObject(e.getKey())
          .put("cells", e.getValue().cells())
          .put("bytes", e.getValue().bytes());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new ApiaryException(
          ErrorCategory.INTERNAL, "Cannot write the heartbeat of " + heartbeat.nodeId(), e);
    }
  }

  /**
   * Reads a heartbeat.
   *
   * @param key where it was read from, for the message
   * @throws ApiaryException (external) if the content is not a valid heartbeat
   */
  public static Heartbeat decode(String key, byte[] content) {
    try {
      JsonNode root = JSON.readTree(content);
      JsonNode capacity = field(root, "capacity");
      JsonNode load = field(root, "load");
      JsonNode cache = field(root, "cache");
      Map<String, Heartbeat.FrameCache> frames = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : field(cache, "frames").properties()) {
        frames.put(
            e.getKey(),
            new Heartbeat.FrameCache(
                field(e.getValue(), "cells").asLong(), field(e.getValue(), "bytes").asLong()));
      }
      return new Heartbeat(
          field(root, "node_id").asText(),
          Instant.parse(field(root, "timestamp").asText()),
          field(root, "version").asLong(),
          new Heartbeat.Capacity(
              field(capacity, "cores").asInt(),
              field(capacity, "memory_total_bytes").asLong(),
              field(capacity, "memory_per_bee").asLong(),
              field(capacity, "target_cell_size").asLong()),
          new Heartbeat.Load(
              field(load, "bees_total").asInt(),
              field(load, "bees_busy").asInt(),
              field(load, "bees_idle").asInt(),
              field(load, "memory_pressure").asDouble(),
              field(load, "queue_depth").asInt(),
              field(load, "colony_temperature").asDouble()),
          new Heartbeat.CacheSummary(field(cache, "size_bytes").asLong(), frames));
    } catch (IOException | RuntimeException e) {
      throw new ApiaryException(
          ErrorCategory.EXTERNAL,
          "The heartbeat "
              + key
              + " is not valid ("
              + e.getMessage()
              + "); a node of another version or a foreign writer wrote it. It is ignored, and"
              + " removed once it has not changed for the cleanup period",
          e);
    }
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing '" + name + "'");
    }
    return value;
  }
}
