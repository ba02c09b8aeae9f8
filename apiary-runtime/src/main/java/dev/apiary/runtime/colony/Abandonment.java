package dev.apiary.runtime.colony;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Tasks that fail for a passing reason are abandoned and tried again, up to {@value #TRIALS}
 * trials; then the task fails with every attempt listed. Only failures of things outside Apiary
 * (storage, network: {@link ErrorCategory#EXTERNAL}) are retried — a wrong query or a missing frame
 * fails the same way every time. Retries run on this node (queries are not spread across nodes
 * yet).
 */
public final class Abandonment {
  /** Trials per task, the first included. */
  public static final int TRIALS = 3;

  private final String nodeId;
  private final AtomicLong abandoned = new AtomicLong();

  public Abandonment(String nodeId) {
    this.nodeId = nodeId;
  }

  /** One failed trial of a task. */
  public record Attempt(String node, String error) {}

  /**
   * Runs {@code work}, trying again after passing failures.
   *
   * @throws ApiaryException the work's own failure if it is not passing, or, after {@value #TRIALS}
   *     passing failures, one with the category of the last that lists every attempt
   */
  public <T> T run(String task, Supplier<T> work) {
    List<Attempt> attempts = new ArrayList<>();
    ApiaryException last = null;
    for (int trial = 1; trial <= TRIALS; trial++) {
      try {
        return work.get();
      } catch (ApiaryException e) {
        if (e.category() != ErrorCategory.EXTERNAL) {
          throw e;
        }
        abandoned.incrementAndGet();
        attempts.add(new Attempt(nodeId, e.getMessage()));
        last = e;
      }
    }
    StringBuilder message =
        new StringBuilder("Task ").append(task).append(" failed ").append(TRIALS).append(" times:");
    for (int i = 0; i < attempts.size(); i++) {
      Attempt attempt = attempts.get(i);
      message
          .append(i == 0 ? " " : "; ")
          .append("attempt ")
          .append(i + 1)
          .append(" on node ")
          .append(attempt.node())
          .append(": ")
          .append(attempt.error());
    }
    throw new ApiaryException(last.category(), message.toString(), last);
  }

  /** Attempts abandoned since the node started. */
  public long abandonedTasks() {
    return abandoned.get();
  }
}
