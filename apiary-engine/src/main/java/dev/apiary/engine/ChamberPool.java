package dev.apiary.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps fresh chambers ready so a statement does not wait for an engine to start (10-20 ms, most of
 * a small statement's time), and closes used chambers in the background. Chambers are never reused:
 * every statement gets an instance no other statement has touched.
 *
 * <p>Starting and closing run on two threads, {@code apiary-chamber-open} and {@code
 * apiary-chamber-close}, so that closing the last statement's chamber never delays the next spare.
 * {@link #take()} hands out the oldest spare, waiting for it if it is still starting (it has the
 * least left to do), and starts one itself only when none is ready or starting. Both threads are
 * stopped by {@link #close()}, which also closes the spares and every chamber released before.
 */
public final class ChamberPool implements AutoCloseable {
  private final Supplier<ChamberSettings> settings;
  private final int spares;
  private final Deque<Future<DuckDbChamber>> ready = new ArrayDeque<>();
  private final ExecutorService opener = named("apiary-chamber-open");
  private final ExecutorService closer = named("apiary-chamber-close");
  private boolean closed;

  /**
   * @param settings the budget of each new chamber (a fresh spill directory each time)
   * @param spares how many chambers to keep started or starting (0 starts them on demand)
   */
  public ChamberPool(Supplier<ChamberSettings> settings, int spares) {
    if (spares < 0) {
      throw new IllegalArgumentException("spares must be >= 0: " + spares);
    }
    this.settings = settings;
    this.spares = spares;
    synchronized (this) {
      refill();
    }
  }

  private static ExecutorService named(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread thread = new Thread(r, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * A started, unused chamber; the caller closes it with {@link #release}.
   *
   * @throws EngineException if no chamber can be started
   */
  public DuckDbChamber take() {
    Future<DuckDbChamber> next;
    synchronized (this) {
      next = ready.pollFirst();
      refill();
    }
    if (next != null) {
      try {
        return next.get();
      } catch (ExecutionException e) {
        // Starting it in the background failed; starting one here reports why to the caller.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeWhenStarted(next);
        throw new EngineException(
            dev.apiary.error.ErrorCategory.RESOURCE,
            "Interrupted while waiting for a chamber to start",
            e);
      }
    }
    return DuckDbChamber.open(settings.get());
  }

  /** Closes a used chamber off the caller's path. */
  public void release(DuckDbChamber chamber) {
    try {
      closer.execute(chamber::close);
    } catch (RejectedExecutionException e) {
      chamber.close();
    }
  }

  /** Starts chambers until {@code spares} are started or starting; caller holds the lock. */
  private void refill() {
    while (!closed && ready.size() < spares) {
      try {
        ready.addLast(opener.submit(() -> DuckDbChamber.open(settings.get())));
      } catch (RejectedExecutionException e) {
        return;
      }
    }
  }

  private void closeWhenStarted(Future<DuckDbChamber> future) {
    try {
      closer.execute(
          () -> {
            try {
              future.get().close();
            } catch (ExecutionException | InterruptedException e) {
              // Never started, or shutting down: nothing to close.
            }
          });
    } catch (RejectedExecutionException e) {
      // Closing: close() closes what is left in the queue.
    }
  }

  @Override
  public void close() {
    Deque<Future<DuckDbChamber>> left;
    synchronized (this) {
      closed = true;
      left = new ArrayDeque<>(ready);
      ready.clear();
    }
    opener.shutdown();
    awaitTermination(opener);
    for (Future<DuckDbChamber> future : left) {
      if (future.isDone() && !future.isCancelled()) {
        try {
          future.get().close();
        } catch (ExecutionException | InterruptedException e) {
          // It never started: nothing to close.
        }
      }
    }
    closer.shutdown();
    awaitTermination(closer);
  }

  private static void awaitTermination(ExecutorService executor) {
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
