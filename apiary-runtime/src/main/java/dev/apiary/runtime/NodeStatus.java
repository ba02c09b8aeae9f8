package dev.apiary.runtime;

import dev.apiary.runtime.cache.CacheStatistics;

/**
 * What {@code status()} reports about this node.
 *
 * @param storage {@code local}, {@code memory} or {@code s3}
 * @param state {@code running} or {@code stopped}
 * @param cache the cell cache: counts, size, capacity and cells per frame ({@link
 *     CacheStatistics#NONE} when stopped)
 */
public record NodeStatus(
    String name,
    String nodeId,
    int cores,
    long memoryBytes,
    long reserveBytes,
    int bees,
    String storage,
    String storageUri,
    long memoryPerBeeBytes,
    long targetCellBytes,
    String state,
    CacheStatistics cache) {}
