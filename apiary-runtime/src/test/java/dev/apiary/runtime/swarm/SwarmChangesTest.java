package dev.apiary.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmChangesTest {
  static SwarmNode node(String id, NodeState state, boolean self) {
    Heartbeat heartbeat =
        new Heartbeat(
            id,
            Instant.EPOCH,
            1,
            new Heartbeat.Capacity(2, 1L << 30, 1L << 28, 64L << 20),
            Heartbeat.Load.of(2, 0, 0, 0),
            Heartbeat.CacheSummary.EMPTY);
    return new SwarmNode(id, state, heartbeat, Duration.ZERO, self);
  }

  @Test
  void reportsNewNodesStateChangesAndDepartures() {
    SwarmChanges changes = new SwarmChanges();
    assertThat(changes.update(SwarmStatus.of(List.of(node("a", NodeState.ALIVE, true)))))
        .containsExactly("node a (this node) alive");
    assertThat(
            changes.update(
                SwarmStatus.of(
                    List.of(node("a", NodeState.ALIVE, true), node("b", NodeState.ALIVE, false)))))
        .containsExactly("node b alive");
    assertThat(
            changes.update(
                SwarmStatus.of(
                    List.of(
                        node("a", NodeState.ALIVE, true), node("b", NodeState.SUSPECT, false)))))
        .containsExactly("node b suspect");
    assertThat(changes.update(SwarmStatus.of(List.of(node("a", NodeState.ALIVE, true)))))
        .containsExactly("node b gone");
    assertThat(changes.update(SwarmStatus.of(List.of(node("a", NodeState.ALIVE, true))))).isEmpty();
  }
}
