package dev.apiary.runtime.cache;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the cell cache holds and has done since the node started.
 *
 * @param hits cells found in the cache
 * @param misses cells not found (each led to a download, or waited for another thread's)
 * @param downloads cells fetched from storage
 * @param downloadedBytes bytes fetched from storage
 * @param evictions entries removed to make room
 * @param writeThroughs cells this node wrote that entered the cache
 * @param writeThroughsSkipped written cells that could not enter (no room, disk error); the writes
 *     themselves were not affected
 * @param entries cells in the cache now
 * @param sizeBytes bytes in the cache now
 * @param capacityBytes the most the cache holds
 * @param frames per frame ({@code hive.box.frame}) of this node's storage: cells and bytes cached
 */
public record CacheStatistics(
    long hits,
    long misses,
    long downloads,
    long downloadedBytes,
    long evictions,
    long writeThroughs,
    long writeThroughsSkipped,
    int entries,
    long sizeBytes,
    long capacityBytes,
    Map<String, FrameUsage> frames) {
  public CacheStatistics {
    frames = java.util.Collections.unmodifiableMap(new TreeMap<>(frames));
  }

  /** Cells and bytes of one frame in the cache. */
  public record FrameUsage(int cells, long bytes) {}

  /** The statistics of a node that is not running: nothing cached, no capacity. */
  public static final CacheStatistics NONE =
      new CacheStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
}
