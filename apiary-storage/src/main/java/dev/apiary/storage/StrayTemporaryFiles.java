package dev.apiary.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes the temporary files that writers killed mid-write leave in a {@link LocalObjectStore}
 * (named {@value LocalObjectStore#TEMP_PREFIX}{@code <uuid>}; readers never see them). Only files
 * untouched for longer than a grace period go, so a write still in flight in another process is
 * never disturbed.
 */
public final class StrayTemporaryFiles {
  private StrayTemporaryFiles() {}

  /**
   * Deletes temporary files under the store's root last modified before {@code now - olderThan}.
   * Files that vanish meanwhile (their write finished) are skipped.
   *
   * @return how many files were deleted
   * @throws ObjectStoreException if the directory tree cannot be walked
   */
  public static int sweep(LocalObjectStore store, Duration olderThan, Instant now) {
    Instant cutoff = now.minus(olderThan);
    int[] deleted = {0};
    try {
      Files.walkFileTree(
          store.root(),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              if (file.getFileName().toString().startsWith(LocalObjectStore.TEMP_PREFIX)
                  && attributes.lastModifiedTime().toInstant().isBefore(cutoff)
                  && Files.deleteIfExists(file)) {
                deleted[0]++;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new ObjectStoreException(
          "Could not sweep temporary files under " + store.root() + ": " + e.getMessage(), e);
    }
    return deleted[0];
  }
}
