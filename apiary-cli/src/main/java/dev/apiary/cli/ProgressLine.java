package dev.apiary.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr: rows so far and rows per second. On a terminal it is redrawn in place
 * (with {@code \r}) a few times a second; otherwise a new line is printed at most every few
 * seconds, so logs stay short. Thread-safe: the loader may report from any thread.
 */
final class ProgressLine implements LongConsumer {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LOG_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long started;
  private long lastPrinted;
  private int lastWidth;

  ProgressLine(PrintWriter err, String label, boolean terminal, LongSupplier nanoTime) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    this.lastPrinted = started;
  }

  /**
   * Whether stderr is a terminal: the launcher tells ({@code APIARY_STDERR_TTY=1|0}); without it,
   * whether the JVM has a console.
   */
  static boolean stderrIsTerminal() {
    String told = System.getenv("APIARY_STDERR_TTY");
    if (told != null && !told.isBlank()) {
      return told.strip().equals("1");
    }
    return System.console() != null;
  }

  @Override
  public synchronized void accept(long rows) {
    long now = nanoTime.getAsLong();
    if (now - lastPrinted < (terminal ? REDRAW_NANOS : LOG_NANOS)) {
      return;
    }
    lastPrinted = now;
    String text = text(rows, now);
    if (terminal) {
      err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
      lastWidth = text.length();
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** Clears a redrawn line, so the summary starts on a clean line. */
  synchronized void finish() {
    if (terminal && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
    }
  }

  private String text(long rows, long now) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    return String.format(
        Locale.ROOT, "%s: %,d rows (%,.0f rows/s, %.1f s)", label, rows, rows / seconds, seconds);
  }
}
