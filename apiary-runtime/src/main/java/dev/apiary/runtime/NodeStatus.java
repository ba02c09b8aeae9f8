package dev.apiary.runtime;

/**
 * What {@code status()} reports about this node.
 *
 * @param storage {@code local}, {@code memory} or {@code s3}
 * @param state {@code running} or {@code stopped}
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
    String state) {}
