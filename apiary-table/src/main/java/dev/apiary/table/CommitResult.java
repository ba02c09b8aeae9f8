package dev.apiary.table;

/**
 * What a commit did.
 *
 * @param version the version the write is visible at (for an already-applied idempotent write, the
 *     version current when that was discovered)
 * @param attempts how many times the commit was tried (1 without contention)
 * @param alreadyApplied true if the idempotency token showed the write had been applied before;
 *     nothing was committed this time
 * @param removedFiles how many live cells the commit removed (overwrite)
 */
public record CommitResult(long version, int attempts, boolean alreadyApplied, int removedFiles) {}
