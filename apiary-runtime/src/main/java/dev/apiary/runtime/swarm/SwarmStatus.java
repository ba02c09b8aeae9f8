package dev.apiary.runtime.swarm;

import java.util.List;

/**
 * The swarm as this node sees it ({@code swarm_status()}): every node with a heartbeat in storage,
 * and the bees of the alive ones.
 *
 * @param nodes sorted by node id; includes suspect and dead nodes until their heartbeat is removed
 * @param totalBees bees of the alive nodes
 * @param totalIdleBees idle bees of the alive nodes
 * @param alive number of alive nodes
 */
public record SwarmStatus(List<SwarmNode> nodes, int totalBees, int totalIdleBees, int alive) {
  public SwarmStatus {
    nodes = List.copyOf(nodes);
  }

  public static SwarmStatus of(List<SwarmNode> nodes) {
    int bees = 0;
    int idle = 0;
    int alive = 0;
    for (SwarmNode node : nodes) {
      if (node.state() == NodeState.ALIVE) {
        alive++;
        bees += node.bees();
        idle += node.idleBees();
      }
    }
    return new SwarmStatus(nodes, bees, idle, alive);
  }
}
