package dev.apiary.runtime.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive world views into membership events ({@code node 3f2a… alive}, {@code … suspect},
 * {@code … dead}, {@code … gone}), for a running node to report. Not thread-safe.
 */
public final class SwarmChanges {
  private final Map<String, NodeState> last = new HashMap<>();

  /** The nodes whose state differs from the previous call's view, and those no longer there. */
  public List<String> update(SwarmStatus status) {
    List<String> events = new ArrayList<>();
    Map<String, NodeState> now = new HashMap<>();
    for (SwarmNode node : status.nodes()) {
      now.put(node.nodeId(), node.state());
      if (last.get(node.nodeId()) != node.state()) {
        events.add(
            "node " + node.nodeId() + (node.self() ? " (this node) " : " ") + node.state().label());
      }
    }
    for (String gone : last.keySet()) {
      if (!now.containsKey(gone)) {
        events.add("node " + gone + " gone");
      }
    }
    last.clear();
    last.putAll(now);
    return events;
  }
}
