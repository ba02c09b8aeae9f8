package dev.apiary.storage;

import dev.apiary.error.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A directory on a local (or POSIX-compliant shared) file system as an object store: key {@code
 * a/b/c} is the file {@code <root>/a/b/c}.
 *
 * <p>Every write goes to a temporary file in the target's own directory (named {@value
 * #TEMP_PREFIX}{@code <uuid>}, which keys may not use), is forced to disk, and only then appears
 * under its final name: {@link #put} by an atomic rename, {@link #putIfAbsent} by a hard link,
 * which fails if the name exists, so exactly one of many racing processes wins. A process killed at
 * any point therefore leaves no object or the complete object, plus at worst a stray temporary file
 * that {@link #list} never returns.
 *
 * <p>A file system cannot hold both an object {@code a} and objects under {@code a/}; such writes
 * fail with an {@link ObjectStoreException}. Directories left empty by {@link #delete} are removed.
 */
public final class LocalObjectStore implements ObjectStore {
  /** Names starting with this are temporary files of in-flight writes; keys may not use it. */
  public static final String TEMP_PREFIX = ".apiary-tmp-";

  /** A directory may vanish between creating it and writing into it (a delete prunes it). */
  private static final int DIRECTORY_ATTEMPTS = 10;

  private final Path root;

  /**
   * Opens (and creates, if missing) a directory as a store.
   *
   * @throws ObjectStoreException if the directory cannot be created
   */
  public LocalObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new ObjectStoreException(
          "Could not create the storage directory " + describe() + ": " + describe(e), e);
    }
  }

  /** The absolute directory holding the objects. */
  public Path root() {
    return root;
  }

  @Override
  public Optional<byte[]> get(String key) {
    Path path = pathOf(key);
    try {
      return Optional.of(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      // Decided by this read alone: checking again could see a file created since.
      return Optional.empty();
    } catch (IOException e) {
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      throw failure("get", key, e);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    Path path = pathOf(key);
    RangeReads.check(offset, length);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset >= size) {
        return new byte[0];
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, size - offset));
      long position = offset;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position);
        if (read < 0) {
          break;
        }
        position += read;
      }
      return buffer.hasRemaining()
          ? Arrays.copyOf(buffer.array(), buffer.position())
          : buffer.array();
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
    } catch (IOException e) {
      if (!Files.isRegularFile(path)) {
        throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
      }
      throw failure("getRange", key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Path path = pathOf(key);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(info(key, attributes));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      throw failure("head", key, e);
    }
  }

  @Override
  public void put(String key, byte[] content) {
    replace(key, "put", channel -> writeFully(channel, ByteBuffer.wrap(content)));
  }

  /** Copies the file into place through a temp file and an atomic rename, like {@link #put}. */
  @Override
  public void putFile(String key, Path file) {
    if (linkInto(key, file)) {
      return;
    }
    replace(
        key,
        "putFile",
        channel -> {
          try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = source.size();
            long position = 0;
            while (position < size) {
              position += source.transferTo(position, size - position, channel);
            }
          }
        });
  }

  /**
   * Takes the file over without copying when it lives on the same file system: fsync its content,
   * hard-link it under a temp name next to the target, then rename atomically.
   *
   * @return false if linking is not possible here (the caller copies instead)
   */
  private boolean linkInto(String key, Path file) {
    Path target = pathOf(key);
    Path temp = target.getParent().resolve(TEMP_PREFIX + UUID.randomUUID());
    try {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.createDirectories(target.getParent());
      Files.createLink(temp, file);
    } catch (IOException | UnsupportedOperationException e) {
      deleteQuietly(temp);
      return false;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(target.getParent());
      return true;
    } catch (IOException e) {
      deleteQuietly(temp);
      throw failure("putFile", key, e);
    }
  }

  @Override
  public Optional<Path> localDirectory() {
    return Optional.of(root);
  }

  @Override
  public Optional<Path> localFile(String key) {
    Path path = pathOf(key);
    return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
        ? Optional.of(path)
        : Optional.empty();
  }

  /** How content reaches a temp file. */
  @FunctionalInterface
  private interface ContentWriter {
    void writeTo(FileChannel channel) throws IOException;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void replace(String key, String operation, ContentWriter content) {
    Path target = pathOf(key);
    Path temp = null;
    try {
      temp = writeTemporary(target, content);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new ObjectStoreException(
            operation
                + " '"
                + key
                + "' failed in "
                + describe()
                + ": the file system cannot rename atomically, so it cannot hold an Apiary store",
            e);
      }
      temp = null;
      forceDirectory(target.getParent());
    } catch (IOException e) {
      throw failure(operation, key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    Path target = pathOf(key);
    Path temp = null;
    try {
      temp = writeTemporary(target, channel -> writeFully(channel, ByteBuffer.wrap(content)));
      try {
        // link() is create-only at the name level and the content is already durable, so the name
        // appears with the complete content or not at all, even across processes and crashes.
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new ObjectStoreException(
              "putIfAbsent '"
                  + key
                  + "' failed in "
                  + describe()
                  + ": objects exist under '"
                  + key
                  + "/', and a local store cannot hold both",
              e);
        }
        return false;
      } catch (UnsupportedOperationException e) {
        throw new ObjectStoreException(
            "putIfAbsent '"
                + key
                + "' failed in "
                + describe()
                + ": the file system does not support hard links, which create-only writes need",
            e);
      }
      forceDirectory(target.getParent());
      return true;
    } catch (IOException e) {
      throw failure("putIfAbsent", key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix, String startAfter) {
    ObjectKeys.requireValidPrefix(prefix);
    Path directory = prefix.isEmpty() ? root : pathOf(prefix.substring(0, prefix.length() - 1));
    List<ObjectInfo> result = new ArrayList<>();
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return result;
    }
    try {
      Files.walkFileTree(directory, new Collector(startAfter, result));
    } catch (IOException e) {
      throw failure("list", prefix, e);
    }
    result.sort((a, b) -> Utf8Order.compare(a.key(), b.key()));
    return result;
  }

  @Override
  public void delete(String key) {
    Path path = pathOf(key);
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      throw failure("delete", key, e);
    }
    pruneEmptyDirectories(path.getParent());
  }

  @Override
  public String describe() {
    return "local://" + root;
  }

  /** Maps a key to its file, rejecting keys that are invalid or collide with temporary files. */
  private Path pathOf(String key) {
    ObjectKeys.requireValid(key);
    for (String segment : key.split("/")) {
      if (segment.startsWith(TEMP_PREFIX)) {
        throw new InvalidInputException(
            "Object key '"
                + key
                + "' has a segment starting with '"
                + TEMP_PREFIX
                + "', which is reserved for temporary files");
      }
    }
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new InvalidInputException(
          "Object key '" + key + "' resolves outside the storage root " + describe());
    }
    return path;
  }

  private Path writeTemporary(Path target, ContentWriter content) throws IOException {
    Path directory = target.getParent();
    Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID());
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(directory);
        try (FileChannel channel =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          content.writeTo(channel);
          channel.force(true);
          return temp;
        }
      } catch (NoSuchFileException | FileAlreadyExistsException e) {
        // A concurrent delete pruned a directory we had just created (or that createDirectories
        // had just seen), so try again; if an object is in the way, the last attempt reports it.
        deleteQuietly(temp);
        if (attempt == DIRECTORY_ATTEMPTS) {
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        deleteQuietly(temp);
        throw e;
      }
    }
  }

  /** Makes a new directory entry durable; some file systems cannot open directories, fine. */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can fsync a directory; the rename/link itself is still atomic.
    }
  }

  private void pruneEmptyDirectories(Path directory) {
    for (Path current = directory;
        current != null && current.startsWith(root) && !current.equals(root);
        current = current.getParent()) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return; // Another writer uses it, or another delete pruned it first.
      } catch (IOException e) {
        return; // An empty directory left behind is harmless; the delete itself succeeded.
      }
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // A stray temporary file is invisible to list() and harmless; the caller's outcome stands.
    }
  }

  private ObjectStoreException failure(String operation, String key, IOException e) {
    return new ObjectStoreException(
        operation + " '" + key + "' failed in " + describe() + ": " + describe(e), e);
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private String keyOf(Path file) {
    StringBuilder key = new StringBuilder();
    for (Path name : root.relativize(file)) {
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(name);
    }
    return key.toString();
  }

  private static ObjectInfo info(String key, BasicFileAttributes attributes) {
    return new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant());
  }

  /** Collects regular, non-temporary files; tolerates entries that vanish during the walk. */
  private final class Collector extends SimpleFileVisitor<Path> {
    private final String startAfter;
    private final List<ObjectInfo> result;

    Collector(String startAfter, List<ObjectInfo> result) {
      this.startAfter = startAfter == null ? "" : startAfter;
      this.result = result;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      if (!attributes.isRegularFile() || file.getFileName().toString().startsWith(TEMP_PREFIX)) {
        return FileVisitResult.CONTINUE;
      }
      String key = keyOf(file);
      if (Utf8Order.compare(key, startAfter) > 0) {
        result.add(info(key, attributes));
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

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
      if (e != null && !(e instanceof NoSuchFileException)) {
        throw e;
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
