package dev.apiary.engine;

import java.util.Objects;

/**
 * A cell a statement needs.
 *
 * @param key the cell's key in the object store (frame location plus the path in the frame log)
 * @param sizeBytes the cell's size as the frame log records it, checked against what is fetched
 */
public record CellRequest(String key, long sizeBytes) {
  public CellRequest {
    Objects.requireNonNull(key, "key");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("Cell '" + key + "' has a negative size " + sizeBytes);
    }
  }
}
