package dev.apiary.runtime.cache;

import java.util.Map;

/** The cache's running counts; guarded by the {@link CellCache}'s lock. */
final class CacheCounters {
  long hits;
  long misses;
  long downloads;
  long downloadedBytes;
  long evictions;
  long writeThroughs;
  long writeThroughsSkipped;

  CacheStatistics snapshot(CacheIndex index, Map<String, CacheStatistics.FrameUsage> frames) {
    return new CacheStatistics(
        hits,
        misses,
        downloads,
        downloadedBytes,
        evictions,
        writeThroughs,
        writeThroughsSkipped,
        index.entryCount(),
        index.sizeBytes(),
        index.capacityBytes(),
        frames);
  }
}
