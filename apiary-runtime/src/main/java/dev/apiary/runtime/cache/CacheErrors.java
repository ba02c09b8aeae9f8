package dev.apiary.runtime.cache;

import dev.apiary.engine.CellRequest;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import java.io.IOException;
import java.nio.file.Path;

/** The cell cache's errors: what went wrong, with the directory and numbers, and what to do. */
final class CacheErrors {
  private static final String RAISE_SIZE =
      "the cache size (APIARY_CACHE_SIZE, ApiaryConfig.cacheBytes)";

  private CacheErrors() {}

  static ApiaryException noRoom(Path root, CellRequest cell, long heldBytes, long capacityBytes) {
    if (cell.sizeBytes() > capacityBytes) {
      return new ApiaryException(
          ErrorCategory.RESOURCE,
          "Cell '"
              + cell.key()
              + "' ("
              + cell.sizeBytes()
              + " bytes) is larger than the cell cache at "
              + root
              + " ("
              + capacityBytes
              + " bytes); raise "
              + RAISE_SIZE);
    }
    return new ApiaryException(
        ErrorCategory.RESOURCE,
        "The cell cache at "
            + root
            + " has no room for cell '"
            + cell.key()
            + "' ("
            + cell.sizeBytes()
            + " bytes): running statements hold "
            + heldBytes
            + " of its "
            + capacityBytes
            + " bytes; read fewer cells at once (filter on partition columns, run fewer"
            + " statements together) or raise "
            + RAISE_SIZE);
  }

  static ApiaryException diskFull(Path root, String what, IOException e) {
    return new ApiaryException(
        ErrorCategory.RESOURCE,
        "Cannot "
            + what
            + " in the cell cache at "
            + root
            + ": "
            + e.getMessage()
            + "; free disk space there, lower "
            + RAISE_SIZE
            + " or move the node directory to a larger disk",
        e);
  }

  static ApiaryException unreadable(Path root, IOException e) {
    return new ApiaryException(
        ErrorCategory.RESOURCE,
        "Cannot open the cell cache at "
            + root
            + ": "
            + e.getMessage()
            + "; check that the directory is readable and writable (it holds only copies of"
            + " stored cells and may be deleted)",
        e);
  }

  static ApiaryException downloadAborted(String key) {
    return new ApiaryException(
        ErrorCategory.INTERNAL,
        "The download of cell '" + key + "' into the cell cache stopped without a result; retry");
  }
}
