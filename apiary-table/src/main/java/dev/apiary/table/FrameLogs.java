package dev.apiary.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.storage.ObjectStore;
import dev.apiary.table.internal.ActionCodec;
import dev.apiary.table.internal.CheckpointFiles;
import dev.apiary.table.internal.StatsJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The frame logs of one node on one store. It hands out one {@link FrameLog} per table location, so
 * the snapshot cache of a table is shared by every caller in the node, and it owns what those logs
 * share: the checkpoint encoder and the {@code apiary-checkpoint} thread.
 */
public final class FrameLogs implements AutoCloseable {
  /** At most this many frames' logs are probed at once. */
  private static final int PROBE_THREADS = 8;

  private final ObjectStore store;
  private final LogOptions options;
  private final ActionCodec codec;
  private final StatsJson statsJson;
  private final CheckpointFiles checkpointFiles;
  private final ExecutorService checkpointExecutor;
  private final ThreadPoolExecutor probeExecutor;
  private final Map<String, FrameLog> logs = new ConcurrentHashMap<>();

  public FrameLogs(ObjectStore store, LogOptions options) {
    this.store = store;
    this.options = options;
    ObjectMapper mapper = new ObjectMapper();
    this.codec = new ActionCodec(mapper);
    this.statsJson = new StatsJson(mapper);
    this.checkpointFiles = new CheckpointFiles(mapper, options.scratchDirectory());
    this.checkpointExecutor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "apiary-checkpoint");
              thread.setDaemon(true);
              return thread;
            });
    // Probes are single small requests; on remote storage their latency, not work, dominates.
    this.probeExecutor =
        new ThreadPoolExecutor(
            PROBE_THREADS,
            PROBE_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread = new Thread(r, "apiary-probe");
              thread.setDaemon(true);
              return thread;
            });
    // Core threads too end after 30 s idle (an unbounded queue never grows the pool past core).
    probeExecutor.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code probes} concurrently on the probe threads (the first on the caller's) and returns
   * their results in order; the first failure is rethrown as is.
   */
  <T> List<T> probeAll(List<Supplier<T>> probes) {
    if (probes.isEmpty()) {
      return List.of();
    }
    List<Future<T>> futures = new ArrayList<>(probes.size() - 1);
    for (Supplier<T> probe : probes.subList(1, probes.size())) {
      futures.add(probeExecutor.submit(probe::get));
    }
    try {
      List<T> results = new ArrayList<>(probes.size());
      results.add(probes.get(0).get());
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading frame logs", e);
    } finally {
      for (Future<T> future : futures) {
        future.cancel(true);
      }
    }
  }

  /** Runs {@code work} on a probe thread; it must not wait for other probes. */
  <T> CompletableFuture<T> probeAsync(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, probeExecutor);
  }

  /**
   * The log of the table rooted at {@code location} (a key prefix ending in {@code /}, e.g. {@code
   * sales/eu/orders/}). Nothing is read until the log is used.
   */
  public FrameLog forTable(String location) {
    String root = location.endsWith("/") ? location : location + "/";
    return logs.computeIfAbsent(
        root,
        r ->
            new FrameLog(store, r, options, codec, statsJson, checkpointFiles, checkpointExecutor));
  }

  /** Forgets the cached state of a table (after it was dropped). */
  public void evict(String location) {
    logs.remove(location.endsWith("/") ? location : location + "/");
  }

  public ObjectStore store() {
    return store;
  }

  public LogOptions options() {
    return options;
  }

  /** Waits for queued background checkpoints, then releases the engine and the thread. */
  @Override
  public void close() {
    probeExecutor.shutdownNow();
    checkpointExecutor.shutdown();
    try {
      checkpointExecutor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkpointFiles.close();
  }
}
