package dev.apiary.engine;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The result of one statement: an Arrow stream (its schema is present even when there are no rows),
 * the plan Apiary made for it, and per-phase timings. Closing it releases the engine that produced
 * the stream; read the stream before closing.
 */
public final class QueryResult implements AutoCloseable {
  private final ArrowReader reader;
  private final List<FramePlan> plan;
  private final Map<String, Long> timingsMicros;
  private final AutoCloseable resources;
  private final String chamber;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** What a statement read of one frame. */
  public record FramePlan(
      FrameName frame, long version, int cellsTotal, int cellsKept, String why) {}

  public QueryResult(
      ArrowReader reader,
      List<FramePlan> plan,
      Map<String, Long> timingsMicros,
      AutoCloseable resources) {
    this(reader, plan, timingsMicros, "", resources);
  }

  /**
   * @param chamber the budget the statement ran with, for EXPLAIN ({@code 1 thread (bee-0), memory
   *     limit 64.0 MiB}); empty for statements without a chamber
   */
  public QueryResult(
      ArrowReader reader,
      List<FramePlan> plan,
      Map<String, Long> timingsMicros,
      String chamber,
      AutoCloseable resources) {
    this.chamber = chamber;
    this.reader = reader;
    this.plan = List.copyOf(plan);
    this.timingsMicros = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMicros));
    this.resources = resources;
  }

  /** The rows, batch by batch. */
  public ArrowReader reader() {
    return reader;
  }

  /** Frames read, with their snapshot versions and cells kept after pruning. */
  public List<FramePlan> plan() {
    return plan;
  }

  /** The budget the statement's chamber ran with; empty if it needed none. */
  public String chamber() {
    return chamber;
  }

  /**
   * Microseconds per phase, in the order they ran (parse, analyse, snapshot, prune, fetch, bees,
   * setup, execute; {@code check} when the statement ran on the versions the node remembered while
   * storage was asked for newer ones, {@code discarded} when it had to run again).
   */
  public Map<String, Long> timingsMicros() {
    return timingsMicros;
  }

  /** This result, owning the same stream and engine, with one more phase timed. */
  QueryResult withPhase(String phase, long micros) {
    Map<String, Long> timings = new LinkedHashMap<>(timingsMicros);
    timings.put(phase, micros);
    return new QueryResult(reader, plan, timings, chamber, resources);
  }

  /** Releases the stream and the engine; closing again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      reader.close();
    } catch (IOException e) {
      // The stream's buffers are released either way.
    }
    if (resources != null) {
      try {
        resources.close();
      } catch (Exception e) {
        // Closing an engine instance frees it; nothing to recover.
      }
    }
  }
}
