package dev.apiary.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Local files for the cells of one statement. The files stay where they are until {@link #close()}
 * (a cache does not evict them meanwhile). Closing is idempotent and never throws.
 */
public final class CellLease implements AutoCloseable {
  private final Map<String, Path> files;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param files local file per cell key
   * @param release run once, on the first {@link #close()}
   */
  public CellLease(Map<String, Path> files, Runnable release) {
    this.files = Map.copyOf(files);
    this.release = release;
  }

  /**
   * The local file of a cell of this lease.
   *
   * @throws IllegalArgumentException if the cell was not part of the lease
   */
  public Path file(String key) {
    Path file = files.get(key);
    if (file == null) {
      throw new IllegalArgumentException("Cell '" + key + "' is not part of this lease");
    }
    return file;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release.run();
    }
  }
}
