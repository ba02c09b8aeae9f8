package dev.apiary.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatCodecTest {
  final Heartbeat heartbeat =
      new Heartbeat(
          "node-1",
          Instant.parse("2026-11-23T22:00:00.123Z"),
          42,
          new Heartbeat.Capacity(4, 8L << 30, 1L << 30, 256L << 20),
          Heartbeat.Load.of(4, 3, 0.5, 2),
          new Heartbeat.CacheSummary(
              3000,
              Map.of(
                  "w.s.readings", new Heartbeat.FrameCache(2, 1000),
                  "a.b.c", new Heartbeat.FrameCache(1, 2000))));

  @Test
  void roundTripsWithTheSpecsKeys() throws Exception {
    byte[] json = HeartbeatCodec.encode(heartbeat);
    assertThat(HeartbeatCodec.decode("k", json)).isEqualTo(heartbeat);
    JsonNode root = new ObjectMapper().readTree(json);
    assertThat(fieldNames(root))
        .containsExactly("node_id", "timestamp", "version", "capacity", "load", "cache");
    assertThat(fieldNames(root.get("capacity")))
        .containsExactly("cores", "memory_total_bytes", "memory_per_bee", "target_cell_size");
    assertThat(fieldNames(root.get("load")))
        .containsExactly(
            "bees_total",
            "bees_busy",
            "bees_idle",
            "memory_pressure",
            "queue_depth",
            "colony_temperature");
    assertThat(fieldNames(root.get("cache"))).containsExactly("size_bytes", "frames");
    assertThat(fieldNames(root.get("cache").get("frames")))
        .containsExactly("a.b.c", "w.s.readings");
    assertThat(root.get("cache").get("frames").get("a.b.c").get("cells").asLong()).isEqualTo(1);
    assertThat(root.get("timestamp").asText()).isEqualTo("2026-11-23T22:00:00.123Z");
    assertThat(root.get("version").asLong()).isEqualTo(42);
  }

  @Test
  void theColonyTemperatureFollowsTheSpecFormula() {
    // 0.4 * 3/4 + 0.4 * 0.5 + 0.2 * min(2 / 8, 1) = 0.3 + 0.2 + 0.05
    assertThat(heartbeat.load().colonyTemperature()).isEqualTo(0.55);
    assertThat(heartbeat.load().beesIdle()).isEqualTo(1);
    assertThat(Heartbeat.Load.of(2, 5, 1.5, 100).colonyTemperature()).isEqualTo(1.0);
    assertThat(Heartbeat.Load.of(2, 0, 0, 0).colonyTemperature()).isEqualTo(0.0);
  }

  @Test
  void unknownKeysAreIgnored() {
    String json =
        new String(HeartbeatCodec.encode(heartbeat), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"future_field\": [1, 2],");
    assertThat(HeartbeatCodec.decode("k", json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(heartbeat);
  }

  @Test
  void invalidContentNamesTheKeyAndWhatIsWrong() {
    String json =
        new String(HeartbeatCodec.encode(heartbeat), StandardCharsets.UTF_8)
            .replace("\"bees_idle\"", "\"idle\"");
    assertThatThrownBy(
            () ->
                HeartbeatCodec.decode(
                    "_heartbeats/node_x.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ApiaryException.class)
        .hasMessageStartingWith(
            "The heartbeat _heartbeats/node_x.json is not valid (missing 'bees_idle')")
        .matches(e -> ((ApiaryException) e).category() == ErrorCategory.EXTERNAL);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      names.add(e.getKey());
    }
    return names;
  }
}
