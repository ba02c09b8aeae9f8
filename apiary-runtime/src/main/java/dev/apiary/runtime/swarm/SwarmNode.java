package dev.apiary.runtime.swarm;

import java.time.Duration;
import java.util.Objects;

/**
 * One node in this node's world view.
 *
 * @param heartbeat the latest heartbeat read from storage
 * @param sinceChange how long ago (by this node's monotonic clock) its heartbeat last changed
 * @param self whether this is the node holding the view
 */
public record SwarmNode(
    String nodeId, NodeState state, Heartbeat heartbeat, Duration sinceChange, boolean self) {
  public SwarmNode {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(sinceChange, "sinceChange");
  }

  public int bees() {
    return heartbeat.load().beesTotal();
  }

  public int idleBees() {
    return heartbeat.load().beesIdle();
  }

  public double memoryPressure() {
    return heartbeat.load().memoryPressure();
  }

  public double colonyTemperature() {
    return heartbeat.load().colonyTemperature();
  }
}
