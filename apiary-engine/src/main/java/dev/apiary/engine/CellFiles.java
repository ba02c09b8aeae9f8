package dev.apiary.engine;

import dev.apiary.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Local files for cells, which is what the engine reads: the store's own file when the store is a
 * local directory, otherwise a copy fetched into a download directory (a first step; the sized,
 * persistent LRU cell cache replaces it).
 */
public final class CellFiles {
  private final ObjectStore store;
  private final Path downloads;

  public CellFiles(ObjectStore store, Path downloads) {
    this.store = store;
    this.downloads = downloads;
  }

  private static String digest(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** A local path holding the cell's bytes. */
  public Path localPath(String key) {
    Optional<Path> local = store.localFile(key);
    if (local.isPresent()) {
      return local.get();
    }
    // Cell keys are unique (part-<uuid>) and cells immutable, so a name derived from the key is
    // a valid cache entry forever.
    String name = digest(key) + "-" + key.substring(key.lastIndexOf('/') + 1);
    Path target = downloads.resolve(name);
    if (Files.exists(target)) {
      return target;
    }
    try {
      Files.createDirectories(downloads);
      byte[] content =
          store
              .get(key)
              .orElseThrow(
                  () ->
                      new dev.apiary.storage.ObjectNotFoundException(
                          "Cell '" + key + "' is missing from " + store.describe()));
      Path temp = Files.createTempFile(downloads, ".download-", ".tmp");
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not fetch cell " + key, e);
    }
  }
}
