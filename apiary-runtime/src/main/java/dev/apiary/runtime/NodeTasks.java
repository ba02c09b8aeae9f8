package dev.apiary.runtime;

import dev.apiary.engine.QueryResult;
import dev.apiary.engine.TaskBudget;
import dev.apiary.engine.TaskBudgets;
import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.colony.Backpressure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a node runs its tasks under the behavioural model: queries are admitted by the colony
 * (refused when critical), wait for bees in the pool's fair queue, and are retried by the
 * abandonment rules when storage fails them; writes are admitted by the colony under the caller's
 * backpressure policy and hold their bees from before the engine starts until the commit. A write
 * is never retried: its input stream is consumed by the first attempt, and a commit whose outcome
 * is unknown must not be repeated.
 */
final class NodeTasks {
  private NodeTasks() {}

  /**
   * Runs a query-like task (statement, read).
   *
   * @param run the engine call, given the budgets to reserve from
   * @throws dev.apiary.runtime.colony.BackpressureException if the colony is critical
   */
  static QueryResult query(
      Node node, String task, Optional<Duration> timeout, Function<TaskBudgets, QueryResult> run) {
    node.colony().admitQuery(task);
    TaskBudgets budgets = node.budgets(timeout);
    return node.swarm().track(task, () -> node.abandonment().run(task, () -> run.apply(budgets)));
  }

  /**
   * Runs a write of {@code inputBytes} ({@link TaskBudgets#UNKNOWN_SIZE} for a stream) with its own
   * budget; the summary carries the colony temperature while the write held its bees.
   *
   * @throws dev.apiary.runtime.colony.BackpressureException if the colony refuses the write under
   *     {@code policy}; nothing was written
   */
  static WriteSummary write(
      Node node,
      String task,
      long inputBytes,
      Backpressure policy,
      Function<TaskBudget, WriteSummary> run) {
    node.colony().admitWrite(task, policy);
    return node.swarm()
        .track(
            task,
            () -> {
              try (TaskBudget budget = node.budgets(Optional.empty()).reserve(task, inputBytes)) {
                double temperature = node.colony().reading().temperature();
                return run.apply(budget).withTemperature(temperature);
              }
            });
  }
}
