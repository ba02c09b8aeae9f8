package dev.apiary.runtime.swarm;

import dev.apiary.error.ApiaryException;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * This node's view of the swarm, built from {@code _heartbeats/}.
 *
 * <p>Liveness is judged only by local observation: {@link #refresh()} lists the heartbeats (one
 * LIST request) and notes, on this node's monotonic clock, when each object last changed (its size
 * or modification time in the listing differ from the previous listing; every heartbeat a node
 * publishes carries a new version, so a changed object is a new version). A peer is {@link
 * NodeState#SUSPECT} after {@code suspectAfter} without a change and {@link NodeState#DEAD} after
 * {@code deadAfter}. The {@code timestamp} inside a heartbeat is never compared with this node's
 * clock, so clock skew between machines cannot kill a node.
 *
 * <p>A heartbeat seen for the first time is dated by the storage's own clock: its age is the
 * difference between this node's own heartbeat's modification time and its own, both stamped by the
 * store. So a node that starts (or a one-shot {@code apiary swarm}) sees a long-dead peer as dead
 * at once rather than alive for 15 s. Without its own heartbeat in the listing, a new peer counts
 * as just changed.
 *
 * <p>Heartbeat contents (load, cache) are read with GET only when {@link #nodes()} is asked and the
 * object changed since it was last read, so an idle node's view costs one LIST per refresh. Dead
 * heartbeats not changed for {@code cleanupAfter} are deleted by {@link #refresh()}. Thread-safe.
 */
public final class WorldView {
  /** Where heartbeats live. */
  public static final String PREFIX = "_heartbeats/";

  private final ObjectStore store;
  private final String selfId;
  private final String selfKey;
  private final SwarmSettings settings;
  private final LongSupplier nanoTime;
  private final Map<String, Seen> seen = new HashMap<>();

  /** What this node knows of one heartbeat object. */
  private static final class Seen {
    final String nodeId;
    long size;
    Instant lastModified;
    long changedAtNanos;
    Heartbeat content;
    boolean contentStale = true;

    Seen(String nodeId) {
      this.nodeId = nodeId;
    }
  }

  /**
   * @param nanoTime a monotonic clock ({@code System::nanoTime}); tests pass a manual one
   */
  public WorldView(
      ObjectStore store, String selfId, SwarmSettings settings, LongSupplier nanoTime) {
    this.store = store;
    this.selfId = selfId;
    this.selfKey = key(selfId);
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  /** The key of a node's heartbeat. */
  public static String key(String nodeId) {
    return PREFIX + "node_" + NodeIdentity.requireValid(nodeId) + ".json";
  }

  /** The node id of a heartbeat key, or empty for other objects under the prefix. */
  static Optional<String> nodeIdOf(String key) {
    if (!key.startsWith(PREFIX + "node_") || !key.endsWith(".json")) {
      return Optional.empty();
    }
    String id = key.substring(PREFIX.length() + 5, key.length() - 5);
    return id.indexOf('/') >= 0 || id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /**
   * Lists the heartbeats once, notes which changed, forgets the ones that disappeared and deletes
   * those dead for longer than the cleanup period (never this node's own).
   *
   * @throws dev.apiary.storage.ObjectStoreException if the listing fails (nothing is changed)
   */
  public synchronized void refresh() {
    List<ObjectInfo> listed = store.list(PREFIX);
    long now = nanoTime.getAsLong();
    Instant storeNow = null;
    for (ObjectInfo info : listed) {
      if (info.key().equals(selfKey)) {
        storeNow = info.lastModified();
      }
    }
    Set<String> present = new HashSet<>();
    for (ObjectInfo info : listed) {
      Optional<String> nodeId = nodeIdOf(info.key());
      if (nodeId.isEmpty()) {
        continue;
      }
      present.add(info.key());
      Seen s = seen.get(info.key());
      if (s == null) {
        s = new Seen(nodeId.get());
        Duration age =
            storeNow == null || info.lastModified().isAfter(storeNow)
                ? Duration.ZERO
                : Duration.between(info.lastModified(), storeNow);
        s.changedAtNanos = now - Math.min(age.toNanos(), settings.cleanupAfter().toNanos() * 2);
        seen.put(info.key(), s);
      } else if (s.size != info.size() || !s.lastModified.equals(info.lastModified())) {
        s.changedAtNanos = now;
        s.contentStale = true;
      }
      s.size = info.size();
      s.lastModified = info.lastModified();
    }
    seen.keySet().retainAll(present);
    Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Seen> e = it.next();
      Seen s = e.getValue();
      if (!s.nodeId.equals(selfId) && now - s.changedAtNanos > settings.cleanupAfter().toNanos()) {
        store.delete(e.getKey());
        it.remove();
      }
    }
  }

  /** How this node judges a heartbeat unchanged for {@code unchangedNanos}. */
  NodeState judge(long unchangedNanos) {
    if (unchangedNanos > settings.deadAfter().toNanos()) {
      return NodeState.DEAD;
    }
    return unchangedNanos > settings.suspectAfter().toNanos() ? NodeState.SUSPECT : NodeState.ALIVE;
  }

  /**
   * The nodes as of the last {@link #refresh()}, sorted by node id, reading (GET) only heartbeats
   * that changed since they were last read. A heartbeat deleted meanwhile is dropped; one whose
   * content is not a valid heartbeat is left out (and still judged and cleaned up).
   */
  public synchronized List<SwarmNode> nodes() {
    long now = nanoTime.getAsLong();
    List<SwarmNode> nodes = new ArrayList<>();
    Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Seen> e = it.next();
      Seen s = e.getValue();
      if (s.contentStale) {
        Optional<byte[]> content = store.get(e.getKey());
        if (content.isEmpty()) {
          it.remove();
          continue;
        }
        try {
          s.content = HeartbeatCodec.decode(e.getKey(), content.get());
        } catch (ApiaryException invalid) {
          s.content = null;
        }
        s.contentStale = false;
      }
      if (s.content != null) {
        long unchanged = now - s.changedAtNanos;
        nodes.add(
            new SwarmNode(
                s.nodeId,
                judge(unchanged),
                s.content,
                Duration.ofNanos(Math.max(0, unchanged)),
                s.nodeId.equals(selfId)));
      }
    }
    nodes.sort(Comparator.comparing(SwarmNode::nodeId));
    return nodes;
  }
}
