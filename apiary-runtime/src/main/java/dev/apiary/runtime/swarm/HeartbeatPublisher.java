package dev.apiary.runtime.swarm;

import dev.apiary.storage.ObjectStore;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * Writes this node's heartbeat to {@code _heartbeats/node_<id>.json} with an unconditional put (the
 * key has one writer), each time with the next version. Not thread-safe: one heartbeat thread calls
 * it.
 */
final class HeartbeatPublisher {
  private final ObjectStore store;
  private final String nodeId;
  private final Heartbeat.Capacity capacity;
  private final Supplier<Heartbeat.Load> load;
  private final CacheSummarySource cache;
  private final InstantSource clock;
  private long version;

  HeartbeatPublisher(
      ObjectStore store,
      String nodeId,
      Heartbeat.Capacity capacity,
      Supplier<Heartbeat.Load> load,
      CacheSummarySource cache,
      InstantSource clock) {
    this.store = store;
    this.nodeId = nodeId;
    this.capacity = capacity;
    this.load = load;
    this.cache = cache;
    this.clock = clock;
  }

  /** Publishes the next version; a failed put still uses up its version number. */
  Heartbeat publish() {
    version++;
    Heartbeat heartbeat =
        new Heartbeat(nodeId, clock.instant(), version, capacity, load.get(), cache.summary());
    store.put(WorldView.key(nodeId), HeartbeatCodec.encode(heartbeat));
    return heartbeat;
  }

  /** Deletes the heartbeat (graceful departure). Idempotent. */
  void withdraw() {
    store.delete(WorldView.key(nodeId));
  }
}
