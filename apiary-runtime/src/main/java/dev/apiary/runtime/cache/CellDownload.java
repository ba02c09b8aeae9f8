package dev.apiary.runtime.cache;

import dev.apiary.engine.CellRequest;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.storage.ObjectNotFoundException;
import dev.apiary.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Copies one cell from the store into a local file: one GET for cells up to {@link #CHUNK_BYTES},
 * ranged GETs of that size for larger ones (memory stays bounded), checking the size against the
 * frame log's.
 */
final class CellDownload {
  static final int CHUNK_BYTES = 16 << 20;

  private final ObjectStore store;
  private final CacheDisk disk;

  CellDownload(ObjectStore store, CacheDisk disk) {
    this.store = store;
    this.disk = disk;
  }

  /**
   * @throws ObjectNotFoundException if the cell is not in the store
   * @throws ApiaryException (EXTERNAL) if its size differs from the frame log's
   * @throws IOException if the local file cannot be written
   */
  void into(CellRequest cell, Path file) throws IOException {
    String key = cell.key();
    long expected = cell.sizeBytes();
    if (expected <= CHUNK_BYTES) {
      byte[] content =
          store
              .get(key)
              .orElseThrow(
                  () ->
                      new ObjectNotFoundException(
                          "Cell '"
                              + key
                              + "' is missing from "
                              + store.describe()
                              + "; the frame log refers to it, so it was deleted outside Apiary"));
      if (content.length != expected) {
        throw sizeMismatch(key, content.length, expected);
      }
      disk.append(file, content);
      return;
    }
    for (long offset = 0; offset < expected; offset += CHUNK_BYTES) {
      int length = (int) Math.min(CHUNK_BYTES, expected - offset);
      byte[] part = store.getRange(key, offset, length);
      if (part.length != length) {
        throw sizeMismatch(key, offset + part.length, expected);
      }
      disk.append(file, part);
    }
  }

  private ApiaryException sizeMismatch(String key, long actual, long expected) {
    return new ApiaryException(
        ErrorCategory.EXTERNAL,
        "Cell '"
            + key
            + "' in "
            + store.describe()
            + " has "
            + actual
            + " bytes but the frame log records "
            + expected
            + "; cells never change, so it was replaced outside Apiary; restore it or rewrite"
            + " the frame");
  }
}
