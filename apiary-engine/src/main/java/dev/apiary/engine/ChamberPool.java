package dev.apiary.engine;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sealed chambers for queries, kept between statements. Starting an engine, configuring and sealing
 * it, and closing it again cost 20-30 ms of CPU, more than a small query takes; on a 2-core machine
 * that work, done in the background, still slows the query beside it. So a chamber is sealed once,
 * when it starts, with its thread count, memory limit and the directories its statements may read,
 * and is then lent to one statement at a time: {@link #take} finds an idle chamber of the task's
 * shape that may read the statement's cells (or starts one); what a statement sets up in it is
 * recorded in its {@link ChamberCatalog}, so the next statement changes only what differs. {@link
 * #giveBack} checks that the chamber holds nothing but what was recorded and keeps it for the next
 * statement, {@link #discard} closes it. A chamber whose statement failed is discarded, and one is
 * retired after {@value #MAX_USES} statements.
 *
 * <p>Statements also need the engine's parser before their budget is known; {@link #parser()}
 * serves them from one small sealed chamber, started in the background when the pool is made.
 * Closing chambers runs on the {@code apiary-chamber} thread; {@link #close()} stops it and closes
 * every idle chamber.
 */
public final class ChamberPool implements AutoCloseable {
  static final int MAX_USES = 1000;

  private final Supplier<ChamberSettings> settings;
  private final int maxIdle;
  private final Deque<DuckDbChamber> idle = new ArrayDeque<>();
  private final ExecutorService closer;
  private final SqlParser parser;
  private boolean closed;

  /**
   * @param settings a new chamber's scratch directory and the directories every chamber may read
   *     (its threads and memory limit come from the task)
   * @param maxIdle how many chambers to keep between statements (the oldest beyond are closed)
   */
  public ChamberPool(Supplier<ChamberSettings> settings, int maxIdle) {
    if (maxIdle < 0) {
      throw new IllegalArgumentException("maxIdle must be >= 0: " + maxIdle);
    }
    this.settings = settings;
    this.maxIdle = maxIdle;
    this.closer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "apiary-chamber");
              thread.setDaemon(true);
              return thread;
            });
    this.parser = new SqlParser(settings);
    closer.execute(parser::warmUp);
  }

  /**
   * Starts an idle chamber of this shape in the background, readable for the settings' directories,
   * so that the first statement of that shape does not wait for an engine to start.
   */
  public void prewarm(int threads, long memoryLimitBytes) {
    try {
      closer.execute(
          () -> {
            try {
              giveBack(take(threads, memoryLimitBytes, List.of()));
            } catch (RuntimeException e) {
              // The first statement of this shape starts one and reports why it cannot.
            }
          });
    } catch (RejectedExecutionException e) {
      // Closing: nothing to prepare.
    }
  }

  /** Turns SQL into the engine's syntax tree; shared by all statements. */
  SqlParser parser() {
    return parser;
  }

  /**
   * A sealed chamber with exactly this thread count and memory limit whose statements may read
   * every file in {@code files}' directories; nobody else uses it until it is given back or
   * discarded.
   *
   * @throws EngineException if no chamber can be started
   */
  public DuckDbChamber take(int threads, long memoryLimitBytes, Collection<Path> files) {
    synchronized (this) {
      if (closed) {
        throw new EngineException(
            dev.apiary.error.ErrorCategory.RESOURCE, "The node is shutting down", null);
      }
      for (Iterator<DuckDbChamber> it = idle.iterator(); it.hasNext(); ) {
        DuckDbChamber chamber = it.next();
        if (chamber.threads() == threads
            && chamber.memoryLimitBytes() == memoryLimitBytes
            && files.stream().allMatch(chamber::canRead)) {
          it.remove();
          return chamber;
        }
      }
    }
    ChamberSettings base = settings.get();
    DuckDbChamber chamber =
        DuckDbChamber.open(
            new ChamberSettings(
                threads, memoryLimitBytes, base.scratchDirectory(), base.allowedDirectories()));
    try {
      List<Path> directories = new ArrayList<>();
      for (Path file : files) {
        Path directory = file.toAbsolutePath().normalize().getParent();
        if (!directories.contains(directory)) {
          directories.add(directory);
        }
      }
      chamber.seal(directories);
    } catch (RuntimeException e) {
      chamber.close();
      throw e;
    }
    return chamber;
  }

  /**
   * Takes back a chamber whose statement finished: it is kept for the next statement, or closed if
   * it holds anything its {@link ChamberCatalog} did not record, has served {@value #MAX_USES}
   * statements or too many are idle.
   *
   * @throws IllegalStateException if the chamber was already given back
   */
  public void giveBack(DuckDbChamber chamber) {
    synchronized (this) {
      if (idle.contains(chamber)) {
        throw new IllegalStateException("This chamber was already given back");
      }
    }
    if (!chamber.endUse() || chamber.uses() >= MAX_USES) {
      closeLater(chamber);
      return;
    }
    DuckDbChamber evicted = null;
    synchronized (this) {
      if (closed) {
        evicted = chamber;
      } else {
        idle.addFirst(chamber);
        if (idle.size() > maxIdle) {
          evicted = idle.removeLast();
        }
      }
    }
    if (evicted != null) {
      closeLater(evicted);
    }
  }

  /**
   * Closes a chamber off the caller's path: a query chamber whose statement failed or was
   * cancelled, or a write's own chamber once its commit is done.
   */
  public void discard(DuckDbChamber chamber) {
    closeLater(chamber);
  }

  private void closeLater(DuckDbChamber chamber) {
    try {
      closer.execute(chamber::close);
    } catch (RejectedExecutionException e) {
      chamber.close();
    }
  }

  /** Chambers kept between statements now. */
  public synchronized int idleCount() {
    return idle.size();
  }

  @Override
  public void close() {
    List<DuckDbChamber> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(idle);
      idle.clear();
    }
    for (DuckDbChamber chamber : left) {
      chamber.close();
    }
    parser.close();
    closer.shutdown();
    try {
      closer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
