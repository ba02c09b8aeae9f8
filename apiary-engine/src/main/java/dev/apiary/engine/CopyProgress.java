package dev.apiary.engine;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Reports how far a write's statement has read while it runs, by asking the engine for its query
 * progress from a thread named {@code apiary-write-progress} (the statement itself gives no rows
 * back until it is done), and the exact rows when it is done. Closing stops and joins the thread.
 */
final class CopyProgress implements AutoCloseable {
  private static final long INTERVAL_MILLIS = 200;

  /**
   * Who hears of the progress.
   *
   * @param rows receives the rows so far
   * @param estimatedRows the rows the input is expected to have, if known: the engine reports a
   *     fraction of its input, which this turns into rows (no report while it is unknown)
   */
  record Listener(LongConsumer rows, OptionalLong estimatedRows) {
    Listener {
      java.util.Objects.requireNonNull(rows, "rows");
      java.util.Objects.requireNonNull(estimatedRows, "estimatedRows");
    }
  }

  private final Optional<Listener> listener;
  private final Optional<Thread> poller;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private CopyProgress(Optional<Listener> listener, Optional<Thread> poller) {
    this.listener = listener;
    this.poller = poller;
  }

  /** Starts polling the engine about {@code statement} if anyone listens; else does nothing. */
  static CopyProgress start(Statement statement, Optional<Listener> listener) {
    if (listener.isEmpty() || listener.get().estimatedRows().isEmpty()) {
      return new CopyProgress(listener, Optional.empty());
    }
    CopyProgress[] self = new CopyProgress[1];
    Thread thread = new Thread(() -> self[0].poll(statement), "apiary-write-progress");
    thread.setDaemon(true);
    self[0] = new CopyProgress(listener, Optional.of(thread));
    thread.start();
    return self[0];
  }

  private void poll(Statement statement) {
    long reported = 0;
    while (!stopped.get()) {
      try {
        Thread.sleep(INTERVAL_MILLIS);
        QueryProgress progress = statement.unwrap(DuckDBPreparedStatement.class).getQueryProgress();
        long estimated = listener.get().estimatedRows().getAsLong();
        // The percentage is of the input read; it is negative while the engine cannot tell.
        long rows = (long) (Math.min(100.0, progress.getPercentage()) / 100.0 * estimated);
        if (!stopped.get() && rows > reported) {
          reported = rows;
          listener.get().rows().accept(rows);
        }
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException e) {
        // Progress is a courtesy: a chamber that cannot tell (closing, between statements) is
        // asked again next time.
      }
    }
  }

  /** Reports the exact row count once the statement is done. */
  void finished(long rows) {
    stop();
    listener.ifPresent(l -> l.rows().accept(rows));
  }

  private void stop() {
    if (stopped.compareAndSet(false, true)) {
      poller.ifPresent(
          thread -> {
            thread.interrupt();
            try {
              thread.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
  }

  @Override
  public void close() {
    stop();
  }
}
