package dev.apiary.runtime.swarm;

/**
 * Where the heartbeat's cache summary comes from: the node's cell cache. Called on the heartbeat
 * thread every interval; must be cheap and thread-safe.
 */
@FunctionalInterface
public interface CacheSummarySource {
  /** For nodes without a cell cache: always {@link Heartbeat.CacheSummary#EMPTY}. */
  CacheSummarySource NONE = () -> Heartbeat.CacheSummary.EMPTY;

  Heartbeat.CacheSummary summary();
}
