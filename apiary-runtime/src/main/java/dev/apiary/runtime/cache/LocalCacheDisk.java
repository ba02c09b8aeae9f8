package dev.apiary.runtime.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** The cache's files on the local file system (NIO). */
public final class LocalCacheDisk implements CacheDisk {
  static final String TEMPORARY_PREFIX = ".tmp-";

  private final Path root;

  /** The root directory is created if it does not exist. */
  public LocalCacheDisk(Path root) throws IOException {
    this.root = root.toAbsolutePath();
    Files.createDirectories(this.root);
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public Path temporary() {
    return root.resolve(TEMPORARY_PREFIX + UUID.randomUUID());
  }

  @Override
  public void append(Path file, byte[] bytes) throws IOException {
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(bytes);
    }
  }

  @Override
  public void linkOrCopy(Path source, Path target) throws IOException {
    try {
      // A hard link costs no space and no time; staging and cache usually share a file system.
      Files.createLink(target, source);
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.copy(source, target);
    }
  }

  @Override
  public void move(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public void touch(Path file, Instant time) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(time));
  }

  @Override
  public List<StoredFile> scan() throws IOException {
    List<StoredFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
          String name =
              root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
          files.add(
              new StoredFile(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
        }
      }
    }
    return files;
  }

  @Override
  public long usableBytes() throws IOException {
    return Files.getFileStore(root).getUsableSpace();
  }
}
