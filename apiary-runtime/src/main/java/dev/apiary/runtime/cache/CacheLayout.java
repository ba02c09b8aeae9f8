package dev.apiary.runtime.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Names of cache entries, derived from the store and the cell key alone, so the directory is its
 * own index: {@code <store>/<hive>/<box>/<frame>/<partition directories>/<hash>-<file name>}.
 * {@code <store>} is a hash of the store's description (two storage roots used from one node
 * directory never share names), the {@code column=value} directories of the key are kept (the
 * engine reads partition values from them, as it does from the store's own paths), {@code <hash>}
 * is a SHA-256 prefix of the whole key (two cells never share a name) and the file name keeps
 * entries readable. Cell keys are unique and cells immutable, so an entry's content never changes.
 * Entries of caches written before partition directories were kept are still found by their frame
 * and evicted like any other; they are no longer read.
 */
final class CacheLayout {
  private static final int MAX_READABLE_SUFFIX = 80;
  private static final int MAX_PARTITION_DIRECTORY = 200;

  private final String storeDirectory;

  CacheLayout(String storeDescription) {
    this.storeDirectory = "store-" + hash(storeDescription, 8);
  }

  /** The entry name (relative to the cache root) of a cell key. */
  String name(String key) {
    String[] segments = key.split("/");
    String fileName = segments[segments.length - 1];
    if (fileName.length() > MAX_READABLE_SUFFIX) {
      fileName = fileName.substring(fileName.length() - MAX_READABLE_SUFFIX);
    }
    String directory =
        segments.length >= 4 ? segments[0] + "/" + segments[1] + "/" + segments[2] : "_";
    StringBuilder partitions = new StringBuilder();
    for (int i = 3; i < segments.length - 1; i++) {
      if (segments[i].indexOf('=') > 0 && segments[i].length() <= MAX_PARTITION_DIRECTORY) {
        partitions.append(segments[i]).append('/');
      }
    }
    return storeDirectory + "/" + directory + "/" + partitions + hash(key, 12) + "-" + fileName;
  }

  /** The entry names of one frame location ({@code hive/box/frame/}) start with this. */
  String framePrefix(String location) {
    return storeDirectory + "/" + location;
  }

  /** {@code hive.box.frame} of an entry of this store; empty for other stores and other keys. */
  Optional<String> frameOf(String name) {
    String[] parts = name.split("/");
    if (parts.length < 5 || !parts[0].equals(storeDirectory)) {
      return Optional.empty();
    }
    return Optional.of(parts[1] + "." + parts[2] + "." + parts[3]);
  }

  /** Whether a file under the root is a download or copy that never completed. */
  static boolean isTemporary(String name) {
    return name.startsWith(LocalCacheDisk.TEMPORARY_PREFIX);
  }

  private static String hash(String text, int bytes) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
