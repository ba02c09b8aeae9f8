package dev.apiary.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwarmSettingsTest {
  @Test
  void defaultsAreTheSpecs() {
    assertThat(SwarmSettings.fromEnvironment(name -> null)).isEqualTo(SwarmSettings.DEFAULTS);
    assertThat(SwarmSettings.DEFAULTS.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(SwarmSettings.DEFAULTS.suspectAfter()).isEqualTo(Duration.ofSeconds(15));
    assertThat(SwarmSettings.DEFAULTS.deadAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(SwarmSettings.DEFAULTS.cleanupAfter()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theEnvironmentOverridesEachValue() {
    Map<String, String> env =
        Map.of(
            "APIARY_HEARTBEAT_INTERVAL", "200ms",
            "APIARY_SUSPECT_AFTER", "1s",
            "APIARY_DEAD_AFTER", "PT2S",
            "APIARY_CLEANUP_AFTER", "3s",
            "APIARY_DRAIN_TIMEOUT", "1m");
    assertThat(SwarmSettings.fromEnvironment(env::get))
        .isEqualTo(
            new SwarmSettings(
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofMinutes(1)));
  }

  @Test
  void badValuesAreExplained() {
    assertThatThrownBy(() -> SwarmSettings.parseDuration("APIARY_DEAD_AFTER", "soon"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Cannot read the duration 'soon' of APIARY_DEAD_AFTER; write e.g. 200ms, 5s, 2m or 1h");
    assertThatThrownBy(
            () -> SwarmSettings.fromEnvironment(Map.of("APIARY_SUSPECT_AFTER", "1h")::get))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Swarm timing must grow: heartbeat interval PT5S < suspect after PT1H < dead after"
                + " PT30S < cleanup after PT1H; e.g. 5s, 15s, 30s, 1h");
  }
}
