package dev.apiary.runtime.cache;

import dev.apiary.engine.CellLease;
import dev.apiary.engine.CellRequest;
import dev.apiary.engine.CellSource;
import dev.apiary.error.ApiaryException;
import dev.apiary.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The node's local cell cache (SPEC 7.4): cells of a remote store as local files, least recently
 * used evicted first when the bytes would exceed the capacity. Cells of stores that have local
 * files are read in place and never copied.
 *
 * <p>Persistent: the directory is the index (see {@link CacheLayout}); reopening rebuilds it from
 * the files and their modification times (recency), and deletes temporary files a crash left.
 * Entries appear atomically (written to a temporary file, then renamed), so a reader never sees a
 * partial cell.
 *
 * <p>Thread-safe. Concurrent misses of one cell download it once; the other callers wait and get
 * the same outcome (a failed download is not cached). Entries held by a {@link CellLease} are never
 * evicted; if held entries leave no room for a cell, the lease fails with a RESOURCE error instead
 * of exceeding the capacity. Creates no threads.
 */
public final class CellCache implements CellSource, AutoCloseable {
  /** The default capacity is the smaller of this and a quarter of the disk space. */
  public static final long DEFAULT_MAX_BYTES = 2L << 30;

  private final ObjectStore store;
  private final CacheDisk disk;
  private final Clock clock;
  private final CacheLayout layout;
  private final CacheIndex index;
  private final CellDownload download;
  private final Map<String, CompletableFuture<Void>> inFlight = new HashMap<>();
  private final CacheCounters counters = new CacheCounters();

  private CellCache(ObjectStore store, CacheDisk disk, long capacityBytes, Clock clock) {
    this.store = store;
    this.disk = disk;
    this.clock = clock;
    this.layout = new CacheLayout(store.describe());
    this.index = new CacheIndex(capacityBytes);
    this.download = new CellDownload(store, disk);
  }

  /**
   * Opens the cache with a capacity ({@code -1} for the default), evicting the least recently used
   * entries if the directory holds more.
   *
   * @throws ApiaryException (RESOURCE) if the directory cannot be read
   */
  public static CellCache open(ObjectStore store, CacheDisk disk, long capacityBytes, Clock clock) {
    try {
      List<CacheDisk.StoredFile> files = new ArrayList<>();
      long held = 0;
      for (CacheDisk.StoredFile file : disk.scan()) {
        if (CacheLayout.isTemporary(file.name())) {
          disk.delete(disk.root().resolve(file.name()));
        } else {
          files.add(file);
          held += file.sizeBytes();
        }
      }
      long capacity =
          capacityBytes >= 0
              ? capacityBytes
              : Math.min(DEFAULT_MAX_BYTES, (disk.usableBytes() + held) / 4);
      CellCache cache = new CellCache(store, disk, capacity, clock);
      files.sort(Comparator.comparing(CacheDisk.StoredFile::lastModified));
      for (CacheDisk.StoredFile file : files) {
        cache.index.add(file.name(), file.sizeBytes(), 0);
      }
      synchronized (cache) {
        cache.deleteAll(cache.index.evictFor(0));
      }
      return cache;
    } catch (IOException e) {
      throw CacheErrors.unreadable(disk.root(), e);
    }
  }

  /**
   * Local files for the cells, downloaded if missing, pinned until the lease is closed.
   *
   * @throws ApiaryException (RESOURCE) if there is no room: the capacity is held by running
   *     statements, or the disk is full; the message names the directory and what to change
   * @throws dev.apiary.storage.ObjectNotFoundException if a cell is missing from storage
   */
  @Override
  public CellLease lease(List<CellRequest> cells) {
    Map<String, Path> files = new LinkedHashMap<>();
    List<String> pinned = new ArrayList<>();
    try {
      for (CellRequest cell : cells) {
        if (files.containsKey(cell.key())) {
          continue;
        }
        Optional<Path> local = store.localFile(cell.key());
        if (local.isPresent()) {
          files.put(cell.key(), local.get());
          continue;
        }
        String name = layout.name(cell.key());
        files.put(cell.key(), acquire(name, cell));
        pinned.add(name);
      }
    } catch (RuntimeException e) {
      unpin(pinned);
      throw e;
    }
    return new CellLease(files, () -> unpin(pinned));
  }

  /** The cache's directory, and the store's own directory when its objects are local files. */
  @Override
  public List<Path> directories() {
    List<Path> directories = new ArrayList<>();
    store.localDirectory().ifPresent(directories::add);
    directories.add(disk.root());
    return directories;
  }

  /** Pins the entry, downloading it or waiting for a running download first if needed. */
  private Path acquire(String name, CellRequest cell) {
    Path file = disk.root().resolve(name);
    boolean first = true;
    while (true) {
      CompletableFuture<Void> running;
      CompletableFuture<Void> mine = null;
      boolean pinned;
      synchronized (this) {
        pinned = index.pin(name);
        if (pinned && first) {
          counters.hits++;
        }
      }
      if (pinned) {
        // Recency for the LRU order after a restart; outside the lock (a pinned entry stays).
        touch(file);
        return file;
      }
      synchronized (this) {
        if (index.pin(name)) {
          touch(file);
          return file;
        }
        if (first) {
          counters.misses++;
        }
        running = inFlight.get(name);
        if (running == null) {
          reserve(cell);
          mine = new CompletableFuture<>();
          inFlight.put(name, mine);
        }
      }
      first = false;
      if (mine != null) {
        fetch(name, file, cell, mine);
        return file;
      }
      try {
        running.join();
      } catch (CompletionException e) {
        // The download this call waited for failed; its error is this call's error too.
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
  }

  /** Makes room for a cell or explains why there is none. Holds the lock. */
  private void reserve(CellRequest cell) {
    if (!index.fits(cell.sizeBytes())) {
      throw CacheErrors.noRoom(disk.root(), cell, index.pinnedBytes(), index.capacityBytes());
    }
    deleteAll(index.evictFor(cell.sizeBytes()));
  }

  /** Downloads a reserved cell; whatever happens, waiters learn the outcome. */
  private void fetch(String name, Path file, CellRequest cell, CompletableFuture<Void> mine) {
    Path temporary = disk.temporary();
    boolean stored = false;
    RuntimeException failure = null;
    try {
      download.into(cell, temporary);
      synchronized (this) {
        if (index.pin(name)) {
          // This node's write of the cell was admitted meanwhile: same bytes, keep that entry.
          quietlyDelete(temporary);
        } else {
          disk.move(temporary, file);
          touch(file);
          index.add(name, cell.sizeBytes(), 1);
        }
        index.release(cell.sizeBytes());
        counters.downloads++;
        counters.downloadedBytes += cell.sizeBytes();
        inFlight.remove(name);
        stored = true;
      }
      mine.complete(null);
    } catch (IOException e) {
      failure = CacheErrors.diskFull(disk.root(), "store cell '" + cell.key() + "'", e);
      throw failure;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      if (!stored) {
        quietlyDelete(temporary);
        synchronized (this) {
          index.release(cell.sizeBytes());
          inFlight.remove(name);
        }
        mine.completeExceptionally(
            failure != null ? failure : CacheErrors.downloadAborted(cell.key()));
      }
    }
  }

  /**
   * Admits cells this node wrote and committed: each staged file is linked (or copied) into the
   * cache, so reading them right after the write downloads nothing. Cells that do not fit, or that
   * the disk refuses, are skipped and counted ({@link CacheStatistics#writeThroughsSkipped()}); the
   * write is never affected. Cells of stores with local files are not copied.
   */
  @Override
  public void written(Map<String, Path> stagedFiles) {
    for (Map.Entry<String, Path> e : stagedFiles.entrySet()) {
      try {
        admit(e.getKey(), e.getValue());
      } catch (IOException | RuntimeException failure) {
        synchronized (this) {
          counters.writeThroughsSkipped++;
        }
      }
    }
  }

  private void admit(String key, Path staged) throws IOException {
    if (store.localFile(key).isPresent()) {
      return;
    }
    String name = layout.name(key);
    long size = Files.size(staged);
    synchronized (this) {
      if (index.contains(name) || inFlight.containsKey(name)) {
        return;
      }
      if (!index.fits(size)) {
        counters.writeThroughsSkipped++;
        return;
      }
      deleteAll(index.evictFor(size));
    }
    Path temporary = disk.temporary();
    try {
      disk.linkOrCopy(staged, temporary);
      synchronized (this) {
        if (index.contains(name) || inFlight.containsKey(name)) {
          // A statement fetched (or is fetching) the same cell meanwhile; never replace an entry
          // that may be held.
          quietlyDelete(temporary);
          index.release(size);
          return;
        }
        disk.move(temporary, disk.root().resolve(name));
        touch(disk.root().resolve(name));
        index.release(size);
        index.add(name, size, 0);
        counters.writeThroughs++;
      }
    } catch (IOException | RuntimeException e) {
      quietlyDelete(temporary);
      synchronized (this) {
        index.release(size);
      }
      throw e;
    }
  }

  /**
   * Removes a frame's entries (after the frame was dropped), except those running statements hold;
   * those are evicted like any other entry later.
   *
   * @param location the frame's key prefix, {@code hive/box/frame/}
   */
  public synchronized void forgetFrame(String location) {
    List<String> removed = new ArrayList<>();
    for (String name : index.namesStartingWith(layout.framePrefix(location))) {
      if (index.removeUnpinned(name)) {
        removed.add(name);
      }
    }
    deleteAll(removed);
  }

  /** A consistent snapshot of the statistics and the per-frame summary. */
  public synchronized CacheStatistics statistics() {
    Map<String, CacheStatistics.FrameUsage> frames = new HashMap<>();
    for (Map.Entry<String, Long> e : index.sizes().entrySet()) {
      Optional<String> frame = layout.frameOf(e.getKey());
      if (frame.isPresent()) {
        CacheStatistics.FrameUsage usage =
            frames.getOrDefault(frame.get(), new CacheStatistics.FrameUsage(0, 0));
        frames.put(
            frame.get(),
            new CacheStatistics.FrameUsage(usage.cells() + 1, usage.bytes() + e.getValue()));
      }
    }
    return counters.snapshot(index, frames);
  }

  private synchronized void unpin(List<String> names) {
    for (String name : names) {
      index.unpin(name);
    }
  }

  /** Deletes files of entries removed from the index. Holds the lock, so no download races it. */
  private void deleteAll(List<String> names) {
    for (String name : names) {
      quietlyDelete(disk.root().resolve(name));
      counters.evictions++;
    }
  }

  private void touch(Path file) {
    try {
      disk.touch(file, clock.instant());
    } catch (IOException e) {
      // Recency across restarts only; the entry itself is fine.
    }
  }

  private void quietlyDelete(Path file) {
    try {
      disk.delete(file);
    } catch (IOException e) {
      // A file that cannot be deleted is found again (and retried) when the cache reopens.
    }
  }

  /** Nothing to release: the cache has no threads and keeps no files open. */
  @Override
  public void close() {}
}
