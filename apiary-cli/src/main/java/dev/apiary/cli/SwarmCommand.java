package dev.apiary.cli;

import dev.apiary.cli.output.RowSink;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.colony.Regulation;
import dev.apiary.runtime.swarm.SwarmNode;
import dev.apiary.runtime.swarm.SwarmStatus;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code apiary swarm}: the nodes of the swarm as this node sees them. */
@Command(
    name = "swarm",
    description = {
      "Show the nodes with a heartbeat in storage: alive, suspect (no new heartbeat for 15 s) or"
          + " dead (30 s), with their bees, memory pressure, colony temperature and its band"
          + " (cold, ideal, warm, hot, critical).",
      "This command is a short-lived node itself (marked self)."
    },
    footer = {"", "Example:", "  apiary swarm --storage /data/apiary --format json"})
final class SwarmCommand extends ApiaryCommand {
  @Override
  public Integer call() {
    SwarmStatus status;
    try (Apiary apiary = common.start("default")) {
      status = apiary.swarmStatus();
    }
    RowSink sink = sink();
    sink.start(
        List.of(
            "node_id",
            "state",
            "self",
            "bees",
            "idle_bees",
            "memory_pressure",
            "colony_temperature",
            "regulation",
            "unchanged_ms",
            "heartbeat_version",
            "heartbeat_timestamp"));
    for (SwarmNode node : status.nodes()) {
      sink.row(
          List.of(
              node.nodeId(),
              node.state().label(),
              node.self(),
              node.bees(),
              node.idleBees(),
              node.memoryPressure(),
              node.colonyTemperature(),
              Regulation.of(node.colonyTemperature()).label(),
              node.sinceChange().toMillis(),
              node.heartbeat().version(),
              node.heartbeat().timestamp().toString()));
    }
    sink.end();
    return ExitCodes.OK;
  }
}
