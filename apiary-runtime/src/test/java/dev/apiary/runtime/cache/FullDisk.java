package dev.apiary.runtime.cache;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real cache directory on a disk with a byte budget: writes and copies beyond it fail the way a
 * full file system does ("No space left on device"). The budget can be raised (space freed).
 */
public final class FullDisk implements CacheDisk {
  private final LocalCacheDisk disk;
  private final AtomicLong freeBytes;

  public FullDisk(Path root, long freeBytes) throws IOException {
    this.disk = new LocalCacheDisk(root);
    this.freeBytes = new AtomicLong(freeBytes);
  }

  /** Frees space: later writes up to this many bytes succeed. */
  public void free(long bytes) {
    freeBytes.set(bytes);
  }

  private void spend(Path file, long bytes) throws IOException {
    if (freeBytes.addAndGet(-bytes) < 0) {
      freeBytes.addAndGet(bytes);
      throw new FileSystemException(file.toString(), null, "No space left on device");
    }
  }

  @Override
  public Path root() {
    return disk.root();
  }

  @Override
  public Path temporary() {
    return disk.temporary();
  }

  @Override
  public void append(Path file, byte[] bytes) throws IOException {
    spend(file, bytes.length);
    disk.append(file, bytes);
  }

  @Override
  public void linkOrCopy(Path source, Path target) throws IOException {
    spend(target, Files.size(source));
    disk.linkOrCopy(source, target);
  }

  @Override
  public void move(Path source, Path target) throws IOException {
    disk.move(source, target);
  }

  @Override
  public void delete(Path file) throws IOException {
    disk.delete(file);
  }

  @Override
  public void touch(Path file, Instant time) throws IOException {
    disk.touch(file, time);
  }

  @Override
  public List<StoredFile> scan() throws IOException {
    return disk.scan();
  }

  @Override
  public long usableBytes() {
    return Math.max(0, freeBytes.get());
  }
}
