package dev.apiary.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code get_frame} reports: definition from the catalog, contents from the latest snapshot.
 *
 * @param schema column name to declared type, in order
 */
public record FrameInfo(
    String name,
    Map<String, String> schema,
    List<String> partitionBy,
    int maxPartitions,
    Instant createdAt,
    long version,
    int cellCount,
    long rowCount,
    long totalBytes) {}
