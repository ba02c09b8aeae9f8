package dev.apiary.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cell logically removed from a frame (the Delta {@code remove} action, a tombstone). The file
 * stays in storage until the removed-file retention has passed, so time travel can still read it.
 *
 * @param deletionTimestamp milliseconds since the epoch
 */
public record RemovedFile(
    String path,
    long deletionTimestamp,
    boolean dataChange,
    Map<String, String> partitionValues,
    long size) {

  public RemovedFile {
    Objects.requireNonNull(path, "path");
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }

  /** The tombstone for a live file removed at {@code deletionTimestamp}. */
  public static RemovedFile of(DataFile file, long deletionTimestamp, boolean dataChange) {
    return new RemovedFile(
        file.path(), deletionTimestamp, dataChange, file.partitionValues(), file.size());
  }
}
