package dev.apiary.runtime.swarm;

import dev.apiary.runtime.NodeResources;
import dev.apiary.runtime.colony.ColonyReading;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One heartbeat, as published to {@code _heartbeats/node_<node_id>.json} (SPEC §7.3).
 *
 * @param timestamp the publisher's wall clock; informative only, never used to judge liveness
 * @param version grows by one with every heartbeat the node publishes (restarts begin again at 1)
 */
public record Heartbeat(
    String nodeId,
    Instant timestamp,
    long version,
    Capacity capacity,
    Load load,
    CacheSummary cache) {
  public Heartbeat {
    NodeIdentity.requireValid(nodeId);
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(cache, "cache");
    if (version < 1) {
      throw new IllegalArgumentException("A heartbeat version starts at 1, got " + version);
    }
  }

  /** What the node can do: its cores (one bee each) and memory. */
  public record Capacity(int cores, long memoryTotalBytes, long memoryPerBee, long targetCellSize) {
    public Capacity {
      if (cores < 1 || memoryTotalBytes < 0 || memoryPerBee < 0 || targetCellSize < 0) {
        throw new IllegalArgumentException(
            "Invalid capacity: cores "
                + cores
                + ", memory "
                + memoryTotalBytes
                + ", per bee "
                + memoryPerBee
                + ", cell size "
                + targetCellSize);
      }
    }

    public static Capacity of(NodeResources resources) {
      return new Capacity(
          resources.cores(),
          resources.memoryBytes(),
          resources.memoryPerBee(),
          resources.targetCellBytes());
    }
  }

  /**
   * How busy the node is. {@code colonyTemperature} follows SPEC §7.5: {@code 0.4·busy/bees +
   * 0.4·memory_pressure + 0.2·min(queue/(2·bees), 1)}.
   */
  public record Load(
      int beesTotal,
      int beesBusy,
      int beesIdle,
      double memoryPressure,
      int queueDepth,
      double colonyTemperature) {
    public Load {
      if (beesTotal < 1
          || beesBusy < 0
          || beesIdle < 0
          || beesBusy + beesIdle != beesTotal
          || queueDepth < 0
          || !(memoryPressure >= 0 && memoryPressure <= 1)
          || !(colonyTemperature >= 0 && colonyTemperature <= 1)) {
        throw new IllegalArgumentException(
            "Invalid load: bees "
                + beesTotal
                + " (busy "
                + beesBusy
                + ", idle "
                + beesIdle
                + "), memory pressure "
                + memoryPressure
                + ", queue "
                + queueDepth
                + ", temperature "
                + colonyTemperature);
      }
    }

    /** The load of these inputs, with the colony temperature computed from them. */
    public static Load of(int bees, int busy, double memoryPressure, int queue) {
      int held = Math.min(bees, Math.max(0, busy));
      double pressure = Math.min(1.0, Math.max(0.0, memoryPressure));
      return new Load(
          bees,
          held,
          bees - held,
          Math.round(pressure * 1e6) / 1e6,
          queue,
          ColonyReading.temperature(bees, held, pressure, queue));
    }
  }

  /** The node's cell cache: total bytes, and cells and bytes per {@code hive.box.frame}. */
  public record CacheSummary(long sizeBytes, Map<String, FrameCache> frames) {
    public static final CacheSummary EMPTY = new CacheSummary(0, Map.of());

    public CacheSummary {
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("Cache size must be >= 0, got " + sizeBytes);
      }
      frames = Map.copyOf(frames);
    }
  }

  /** Cells of one frame in a node's cache. */
  public record FrameCache(long cells, long bytes) {
    public FrameCache {
      if (cells < 0 || bytes < 0) {
        throw new IllegalArgumentException(
            "Cached cells and bytes must be >= 0, got " + cells + " and " + bytes);
      }
    }
  }
}
