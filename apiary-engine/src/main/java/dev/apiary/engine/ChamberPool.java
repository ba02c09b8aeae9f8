package dev.apiary.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps fresh chambers ready so a statement does not wait for an engine to start (about 10 ms), and
 * closes used chambers in the background. Chambers are never reused: every statement gets an
 * instance no other statement has touched. Background work runs on one thread, {@code
 * apiary-chamber}, stopped by {@link #close()}.
 */
public final class ChamberPool implements AutoCloseable {
  private final Supplier<ChamberSettings> settings;
  private final int spares;
  private final LinkedBlockingQueue<DuckDbChamber> ready = new LinkedBlockingQueue<>();
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "apiary-chamber");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean closed;

  /**
   * @param settings the budget of each new chamber (a fresh spill directory each time)
   * @param spares how many started chambers to keep ready (0 starts them on demand)
   */
  public ChamberPool(Supplier<ChamberSettings> settings, int spares) {
    this.settings = settings;
    this.spares = spares;
    for (int i = 0; i < spares; i++) {
      refill();
    }
  }

  /** A started, unused chamber; the caller closes it with {@link #release}. */
  public DuckDbChamber take() {
    DuckDbChamber chamber = ready.poll();
    refill();
    return chamber != null ? chamber : DuckDbChamber.open(settings.get());
  }

  /** Closes a used chamber off the caller's path. */
  public void release(DuckDbChamber chamber) {
    try {
      background.execute(chamber::close);
    } catch (RejectedExecutionException e) {
      chamber.close();
    }
  }

  private void refill() {
    if (closed || spares == 0) {
      return;
    }
    try {
      background.execute(
          () -> {
            if (!closed && ready.size() < spares) {
              ready.add(DuckDbChamber.open(settings.get()));
            }
          });
    } catch (RejectedExecutionException e) {
      // Closing: no more spares.
    }
  }

  @Override
  public void close() {
    closed = true;
    background.shutdown();
    try {
      background.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    DuckDbChamber chamber;
    while ((chamber = ready.poll()) != null) {
      chamber.close();
    }
  }
}
