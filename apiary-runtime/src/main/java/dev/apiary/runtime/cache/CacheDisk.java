package dev.apiary.runtime.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The file operations of the cell cache, on one directory. {@link LocalCacheDisk} is the real one;
 * tests substitute a disk that runs out of space. Paths are absolute paths under {@link #root()}.
 */
public interface CacheDisk {

  /** A file found under the root: its path relative to the root ('/'-separated), size, time. */
  record StoredFile(String name, long sizeBytes, Instant lastModified) {}

  /** The cache directory. */
  Path root();

  /** A fresh path for a temporary file directly under the root (the file is not created). */
  Path temporary();

  /** Appends bytes to a file, creating it if needed. */
  void append(Path file, byte[] bytes) throws IOException;

  /** Makes {@code target} (which must not exist) hold the content of {@code source}. */
  void linkOrCopy(Path source, Path target) throws IOException;

  /** Renames a file atomically, replacing the target and creating its parent directories. */
  void move(Path source, Path target) throws IOException;

  /** Deletes a file if it exists. */
  void delete(Path file) throws IOException;

  /** Sets a file's modification time (the cache's recency across restarts). */
  void touch(Path file, Instant time) throws IOException;

  /** Every regular file under the root, at any depth. */
  List<StoredFile> scan() throws IOException;

  /** Bytes still free for this process on the root's file system. */
  long usableBytes() throws IOException;
}
