package dev.apiary.runtime.python;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.engine.ForwardingArrowReader;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.InvalidInputException;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.bees.BeeStatus;
import dev.apiary.runtime.bees.PoolLoad;
import dev.apiary.runtime.colony.Backpressure;
import dev.apiary.runtime.colony.ColonyStatus;
import dev.apiary.runtime.swarm.SwarmNode;
import dev.apiary.runtime.swarm.SwarmStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * What the Python SDK calls besides the {@link Apiary} facade: moving Arrow streams across the
 * Arrow C data interface. Python owns the {@code ArrowArrayStream} structs (their addresses are
 * passed in); the data itself is never copied or serialised on the way.
 */
public final class PythonBridge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PythonBridge() {}

  /**
   * Appends the stream a Python producer exported at {@code streamAddress} as one commit. The
   * stream is moved into Java and released before this returns, whether the write succeeds or not.
   */
  public static WriteSummary append(
      Apiary apiary, String hive, String box, String frame, long streamAddress) {
    return append(apiary, hive, box, frame, streamAddress, "block");
  }

  /**
   * Like {@link #append(Apiary, String, String, String, long)} under a backpressure policy ({@code
   * block}, {@code error} or {@code ignore}). The stream is released also when the colony refuses
   * the write.
   */
  public static WriteSummary append(
      Apiary apiary,
      String hive,
      String box,
      String frame,
      long streamAddress,
      String backpressure) {
    try (ArrowReader data = importStream(apiary.allocator(), streamAddress)) {
      return apiary.write(hive, box, frame, data, Backpressure.parse(backpressure));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not release the input stream", e);
    }
  }

  /** Like {@link #append} but replaces the frame's contents. */
  public static WriteSummary overwrite(
      Apiary apiary, String hive, String box, String frame, long streamAddress) {
    return overwrite(apiary, hive, box, frame, streamAddress, "block");
  }

  /** Like {@link #append(Apiary, String, String, String, long, String)}, replacing the contents. */
  public static WriteSummary overwrite(
      Apiary apiary,
      String hive,
      String box,
      String frame,
      long streamAddress,
      String backpressure) {
    try (ArrowReader data = importStream(apiary.allocator(), streamAddress)) {
      return apiary.overwrite(hive, box, frame, data, Backpressure.parse(backpressure));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not release the input stream", e);
    }
  }

  /**
   * Runs SQL in the node's own session, interrupted after {@code timeoutSeconds} of running.
   *
   * @throws dev.apiary.error.InvalidInputException if the timeout is not positive
   */
  public static QueryResult sql(Apiary apiary, String sql, double timeoutSeconds) {
    if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
      throw new InvalidInputException(
          "timeout must be a positive number of seconds, got " + timeoutSeconds);
    }
    return apiary.sql(sql, Duration.ofNanos((long) (timeoutSeconds * 1e9)));
  }

  /**
   * {@code bee_status()} as JSON: {@code [{bee_id, state, memory_used, memory_budget, task}]}, one
   * entry per bee in order; {@code task} is empty when the bee is idle.
   */
  public static String beeStatusJson(Apiary apiary) {
    ArrayNode bees = JSON.createArrayNode();
    for (BeeStatus bee : apiary.beeStatus()) {
      bees.addObject()
          .put("bee_id", bee.beeId())
          .put("state", bee.state().label())
          .put("memory_used", bee.memoryUsedBytes())
          .put("memory_budget", bee.memoryBudgetBytes())
          .put("task", bee.task());
    }
    return bees.toString();
  }

  /**
   * {@code colony_status()} as JSON: {@code {temperature, regulation, setpoint, abandoned_tasks}}
   * and the inputs {@code bees, busy_bees, queue_depth, memory_used, memory_budget,
   * memory_pressure}.
   */
  public static String colonyStatusJson(Apiary apiary) {
    ColonyStatus colony = apiary.colonyStatus();
    PoolLoad in = colony.inputs();
    ObjectNode root = JSON.createObjectNode();
    root.put("temperature", colony.temperature())
        .put("regulation", colony.regulation().label())
        .put("setpoint", colony.setpoint())
        .put("abandoned_tasks", colony.abandonedTasks())
        .put("bees", in.bees())
        .put("busy_bees", in.busy())
        .put("queue_depth", in.queued())
        .put("memory_used", in.memoryUsedBytes())
        .put("memory_budget", in.memoryBudgetBytes())
        .put("memory_pressure", in.memoryPressure());
    return root.toString();
  }

  /**
   * Exports a result into the (empty) {@code ArrowArrayStream} struct at {@code streamAddress}. The
   * consumer owns the stream from then on; releasing it closes the result and frees its engine.
   */
  public static void exportResult(
      BufferAllocator allocator, QueryResult result, long streamAddress) {
    ArrowReader reader = ForwardingArrowReader.closing(allocator, result.reader(), result);
    try {
      Data.exportArrayStream(allocator, reader, ArrowArrayStream.wrap(streamAddress));
    } catch (RuntimeException e) {
      result.close();
      throw e;
    }
  }

  /**
   * {@code swarm_status()} as JSON, with the keys of the Python contract: {@code {nodes: [{node_id,
   * state, bees, idle_bees, memory_pressure, colony_temperature}], total_bees, total_idle_bees,
   * alive}} (one call across the bridge instead of one per field).
   */
  public static String swarmStatusJson(Apiary apiary) {
    SwarmStatus status = apiary.swarmStatus();
    ObjectNode root = JSON.createObjectNode();
    ArrayNode nodes = root.putArray("nodes");
    for (SwarmNode node : status.nodes()) {
      nodes
          .addObject()
          .put("node_id", node.nodeId())
          .put("state", node.state().label())
          .put("bees", node.bees())
          .put("idle_bees", node.idleBees())
          .put("memory_pressure", node.memoryPressure())
          .put("colony_temperature", node.colonyTemperature());
    }
    root.put("total_bees", status.totalBees());
    root.put("total_idle_bees", status.totalIdleBees());
    root.put("alive", status.alive());
    return root.toString();
  }

  /** The imported stream, closable any number of times (the writer may close it too). */
  private static ArrowReader importStream(BufferAllocator allocator, long streamAddress) {
    ArrowReader imported = Data.importArrayStream(allocator, ArrowArrayStream.wrap(streamAddress));
    return ForwardingArrowReader.closing(allocator, imported, imported);
  }
}
