package dev.apiary.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cell (data file) live in a frame: the Delta {@code add} action.
 *
 * @param path the object key relative to the frame's root (not URI-encoded; the log encodes it)
 * @param partitionValues partition column to its serialized value ({@code null} value = SQL NULL)
 * @param size bytes
 * @param modificationTime milliseconds since the epoch
 * @param dataChange false for rearrangements (compaction) that change no rows
 */
public record DataFile(
    String path,
    Map<String, String> partitionValues,
    long size,
    long modificationTime,
    boolean dataChange,
    FileStatistics stats) {

  public DataFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(stats, "stats");
    if (path.isEmpty() || path.startsWith("/")) {
      throw new IllegalArgumentException("A data file path must be relative: '" + path + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0: " + size);
    }
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }
}
