package dev.apiary.engine;

/**
 * What a write did.
 *
 * @param version the frame version the write is visible at
 * @param alreadyApplied the idempotency token showed the write had been applied; nothing new
 */
public record WriteSummary(
    long version,
    int cellsWritten,
    long rowsWritten,
    long bytesWritten,
    long durationMillis,
    boolean alreadyApplied) {}
