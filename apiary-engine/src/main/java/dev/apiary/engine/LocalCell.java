package dev.apiary.engine;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cell as the engine reads it: its local file (in the store or the node's cell cache) and the
 * partition values its frame's log gives it. Cells do not have to hold their partition columns
 * (Delta writers leave them out); the values come from here.
 *
 * @param file the absolute path of the local file
 * @param partitionValues partition column to value as the log records it ({@code null} for a null
 *     value); empty for an unpartitioned frame
 */
public record LocalCell(Path file, Map<String, String> partitionValues) {
  public LocalCell {
    Objects.requireNonNull(file, "file");
    file = file.toAbsolutePath();
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }
}
