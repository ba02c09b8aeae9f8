package dev.apiary.runtime.swarm;

import dev.apiary.runtime.cache.CacheStatistics;

/**
 * Where the heartbeat's cache summary comes from: the node's cell cache. Called on the heartbeat
 * thread every interval; must be cheap and thread-safe.
 */
@FunctionalInterface
public interface CacheSummarySource {
  /** For nodes without a cell cache: always {@link Heartbeat.CacheSummary#EMPTY}. */
  CacheSummarySource NONE = () -> Heartbeat.CacheSummary.EMPTY;

  Heartbeat.CacheSummary summary();

  /** The summary of a cell cache's statistics. */
  static CacheSummarySource of(java.util.function.Supplier<CacheStatistics> statistics) {
    return () -> {
      CacheStatistics now = statistics.get();
      java.util.Map<String, Heartbeat.FrameCache> frames = new java.util.TreeMap<>();
      now.frames()
          .forEach(
              (frame, usage) ->
                  frames.put(frame, new Heartbeat.FrameCache(usage.cells(), usage.bytes())));
      return new Heartbeat.CacheSummary(now.sizeBytes(), frames);
    };
  }
}
