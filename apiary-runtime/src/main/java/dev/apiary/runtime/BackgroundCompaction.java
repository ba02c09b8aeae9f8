package dev.apiary.runtime;

import dev.apiary.catalog.FrameEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Compacts, in the background and only while the colony is cold, the frames this node has written
 * to: each node tidies up after its own writes, so an idle node makes no storage requests for it
 * and nodes rarely race for the same cells (when they do, one wins and the other drops its group).
 * Runs on one thread, {@code apiary-compactor}, stopped by {@link #close()}.
 */
final class BackgroundCompaction implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BackgroundCompaction.class.getName());

  private final Function<FrameEntry, CompactionResult> compactor;
  private final BooleanSupplier cold;
  private final Map<String, FrameEntry> written = new LinkedHashMap<>();
  private final boolean enabled;
  private volatile boolean closing;
  private final ScheduledExecutorService thread;

  /**
   * @param compactor compacts one frame (if it has enough small cells to be worth it)
   * @param cold whether background work may run now
   * @param interval how often to look (nothing is read from storage unless frames were written);
   *     zero turns background compaction off
   */
  BackgroundCompaction(
      Function<FrameEntry, CompactionResult> compactor, BooleanSupplier cold, Duration interval) {
    this.compactor = compactor;
    this.cold = cold;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "apiary-compactor");
              t.setDaemon(true);
              return t;
            });
    this.enabled = !interval.isZero();
    if (enabled) {
      long nanos = interval.toNanos();
      thread.scheduleWithFixedDelay(this::runQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Notes that this node committed to a frame. */
  synchronized void written(FrameEntry entry) {
    if (enabled) {
      written.put(entry.tableId(), entry);
    }
  }

  /**
   * One round: if the colony is cold, compacts the written frames and forgets them; otherwise keeps
   * them for a later round.
   *
   * @return the compactions done
   */
  List<CompactionResult> runOnce() {
    List<CompactionResult> results = new ArrayList<>();
    List<FrameEntry> frames;
    synchronized (this) {
      if (written.isEmpty() || !cold.getAsBoolean()) {
        return results;
      }
      frames = new ArrayList<>(written.values());
      written.clear();
    }
    for (FrameEntry frame : frames) {
      if (closing || !cold.getAsBoolean()) {
        // Busy again, or stopping: the rest waits for a later round.
        requeue(frame);
        continue;
      }
      try {
        CompactionResult result = compactor.apply(frame);
        if (result.cellsReplaced() > 0) {
          results.add(result);
        }
      } catch (RuntimeException e) {
        // A dropped frame or a storage hiccup: this frame waits for its next write; the others go
        // on.
        LOG.log(
            System.Logger.Level.WARNING,
            "Background compaction of " + frame.qualifiedName() + " failed: " + e.getMessage());
      }
    }
    return results;
  }

  private synchronized void requeue(FrameEntry frame) {
    written.putIfAbsent(frame.tableId(), frame);
  }

  private void runQuietly() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // A dropped frame or a storage hiccup; the next write to the frame brings it back.
      LOG.log(System.Logger.Level.WARNING, "Background compaction failed: " + e.getMessage());
    }
  }

  /**
   * Stops: no new round starts, and a round under way ends after the frame it is compacting (not
   * interrupted, so its commit settles normally). Waits for that.
   */
  @Override
  public void close() {
    closing = true;
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
