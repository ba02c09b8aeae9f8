package dev.apiary.runtime.swarm;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import java.time.Duration;

/**
 * Counts the statements and writes running in this node, and lets graceful shutdown stop new ones
 * and wait for the running ones (the bee pool says how busy the node is; this only gates shutdown).
 * Thread-safe.
 */
public final class WorkGate {
  private int running;
  private boolean closed;

  /** One admitted piece of work; close it when the work ends (idempotent). */
  public final class Ticket implements AutoCloseable {
    private boolean done;

    private Ticket() {}

    @Override
    public void close() {
      synchronized (WorkGate.this) {
        if (!done) {
          done = true;
          running--;
          WorkGate.this.notifyAll();
        }
      }
    }
  }

  /**
   * Admits one piece of work.
   *
   * @throws ApiaryException (user) if the node is shutting down
   */
  public synchronized Ticket enter(String what) {
    if (closed) {
      throw new ApiaryException(
          ErrorCategory.USER,
          "The node is shutting down; " + what + " was not started. Run it on a running node");
    }
    running++;
    return new Ticket();
  }

  /** Work admitted and not yet finished. */
  public synchronized int running() {
    return running;
  }

  /**
   * Refuses new work from now on and waits up to {@code timeout} for the running work to finish.
   *
   * @return the work still running when the wait ended (0 if everything finished)
   */
  public synchronized int drain(Duration timeout) {
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return running;
  }
}
