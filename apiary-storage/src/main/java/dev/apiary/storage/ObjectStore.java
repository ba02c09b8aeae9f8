package dev.apiary.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A flat key/value object store: the only source of truth for data, catalog and coordination.
 *
 * <p>Keys are relative, '/'-separated paths without empty segments, {@code .} or {@code ..} ({@link
 * ObjectKeys#requireValid}); invalid keys throw {@link dev.apiary.error.InvalidInputException}.
 * Failures of the store itself throw {@link ObjectStoreException} naming the operation and key.
 *
 * <p>Portable callers never use a key that is also the directory of other keys ({@code a} and
 * {@code a/b}): S3 allows it, a local directory cannot hold both ({@link LocalObjectStore} throws
 * {@link ObjectStoreException} for the second write).
 *
 * <p>Every implementation is safe to use from many threads, and (for stores that are shared, such
 * as a directory or a bucket) from many processes and machines at once.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Reads a whole object.
   *
   * @return the content, or empty if no object has that key
   */
  Optional<byte[]> get(String key);

  /**
   * Reads {@code length} bytes starting at {@code offset} (fewer if the object ends first).
   *
   * @throws ObjectNotFoundException if no object has that key
   */
  byte[] getRange(String key, long offset, int length);

  /** Size and modification time of an object, or empty if it does not exist. */
  Optional<ObjectInfo> head(String key);

  /**
   * Writes an object unconditionally. Atomic: a concurrent reader sees the complete old content or
   * the complete new content, never a torn or empty object; a crash leaves one of the two.
   */
  void put(String key, byte[] content);

  /**
   * Writes an object from a local file, with the guarantees of {@link #put}. Stores that can stream
   * (or copy) a file override this; the default reads the file into memory.
   *
   * @throws ObjectStoreException if the file cannot be read or the object cannot be written
   */
  default void putFile(String key, Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ObjectStoreException(
          "putFile '" + key + "' in " + describe() + ": cannot read " + file + ": " + e, e);
    }
    put(key, content);
  }

  /**
   * The local file that holds an object, for stores whose objects are plain files; readers may open
   * it directly instead of copying. Empty for remote stores and for missing keys. The file must be
   * treated as read-only.
   */
  default Optional<Path> localFile(String key) {
    return Optional.empty();
  }

  /**
   * The directory under which every {@link #localFile} of this store lies, for stores whose objects
   * are plain files; empty for remote stores. Readers may be allowed into it once instead of file
   * by file.
   */
  default Optional<Path> localDirectory() {
    return Optional.empty();
  }

  /**
   * Creates an object only if no object has that key: the single serialisation primitive of the
   * system. Of N writers racing on one key (threads, processes or machines) exactly one gets {@code
   * true}; its complete content becomes visible atomically. A crash leaves no object or the
   * complete object.
   *
   * @return {@code true} if this call created the object, {@code false} if it already existed
   * @throws OutcomeUnknownException if the write may or may not have happened; read the key back
   */
  boolean putIfAbsent(String key, byte[] content);

  /**
   * Lists the objects under a directory-like prefix, at any depth, sorted by key (binary order of
   * the UTF-8 bytes, as S3 does). Cost is proportional to what lies under the prefix, never to the
   * whole store.
   *
   * @param prefix {@code ""} for the whole store, otherwise a valid key followed by {@code /}
   * @param startAfter only keys strictly greater than this are returned; {@code null} or {@code ""}
   *     for all
   */
  List<ObjectInfo> list(String prefix, String startAfter);

  /** Lists everything under a directory-like prefix; see {@link #list(String, String)}. */
  default List<ObjectInfo> list(String prefix) {
    return list(prefix, null);
  }

  /** Deletes an object. Idempotent: deleting a missing key is not an error. */
  void delete(String key);

  /** Where this store keeps its objects, for messages ({@code local:///data}, {@code s3://b/p}). */
  String describe();

  /** Releases clients and threads. The default does nothing. */
  @Override
  default void close() {}
}
