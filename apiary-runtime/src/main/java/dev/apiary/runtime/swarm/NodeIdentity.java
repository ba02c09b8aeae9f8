package dev.apiary.runtime.swarm;

import dev.apiary.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who this node is in the swarm. The id is kept in {@code <node directory>/node_id}, so it persists
 * across restarts of the same node directory. The process that holds the directory's lock ({@code
 * node.lock}) is that node; another process started on the same directory at the same time (a
 * one-shot {@code apiary sql} next to {@code apiary start}) gets an id of its own, {@code
 * <id>-<random>}, so two processes never publish to one heartbeat key. Close to release the lock.
 */
public final class NodeIdentity implements AutoCloseable {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  private final String id;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private NodeIdentity(String id, FileChannel lockChannel, FileLock lock) {
    this.id = id;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Reads (or creates) the node id of a directory and locks the directory.
   *
   * @throws UncheckedIOException if the directory cannot be read or written
   */
  public static NodeIdentity claim(Path nodeDirectory) {
    try {
      Files.createDirectories(nodeDirectory);
      String persistent = persistentId(nodeDirectory);
      FileChannel channel =
          FileChannel.open(
              nodeDirectory.resolve("node.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // Held by another node in this JVM.
      }
      if (lock == null) {
        channel.close();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new NodeIdentity(persistent + "-" + suffix, null, null);
      }
      return new NodeIdentity(persistent, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the node id in " + nodeDirectory, e);
    }
  }

  private static String persistentId(Path nodeDirectory) throws IOException {
    Path file = nodeDirectory.resolve("node_id");
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!id.isEmpty()) {
        requireValid(id);
        return id;
      }
    }
    String id = UUID.randomUUID().toString();
    Path temp = Files.createTempFile(nodeDirectory, "node_id", ".tmp");
    Files.writeString(temp, id, StandardCharsets.UTF_8);
    try {
      // Not replacing: of two processes creating the id at once, the first one's id stays.
      Files.move(temp, file);
      return id;
    } catch (FileAlreadyExistsException e) {
      Files.delete(temp);
      return persistentId(nodeDirectory);
    }
  }

  /**
   * @throws InvalidInputException unless the id is 1 to 128 letters, digits, '-' or '_' (it is part
   *     of a storage key)
   */
  public static String requireValid(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new InvalidInputException(
          "Invalid node id '"
              + id
              + "': use 1 to 128 letters, digits, '-' or '_'; delete the node_id file of the node"
              + " directory to get a new one");
    }
    return id;
  }

  public String id() {
    return id;
  }

  /** Whether this process holds the node directory (its id is the persistent one). */
  public boolean holdsDirectory() {
    return lock != null;
  }

  @Override
  public void close() {
    if (lockChannel != null) {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot release the node directory lock", e);
      }
    }
  }
}
