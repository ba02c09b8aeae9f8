package dev.apiary.cli;

import dev.apiary.cli.output.OutputFormat;
import dev.apiary.cli.output.RowSink;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.NodeStatus;
import dev.apiary.runtime.bees.BeeStatus;
import dev.apiary.runtime.cache.CacheStatistics;
import dev.apiary.runtime.colony.ColonyStatus;
import dev.apiary.runtime.swarm.SwarmStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Command;

/** {@code apiary status}: this node's resources, bees, colony, storage and swarm. */
@Command(
    name = "status",
    description =
        "Show the node: name, id, cores, memory, bees (busy, idle, each bee's state), colony"
            + " temperature and regulation, storage, cell size, state, cell cache, and the swarm"
            + " it sees (nodes, alive, bees, idle bees).",
    footer = {"", "Example:", "  apiary status --storage /data/apiary --format json"})
final class StatusCommand extends ApiaryCommand {
  @Override
  public Integer call() {
    NodeStatus status;
    SwarmStatus swarm;
    List<BeeStatus> bees;
    ColonyStatus colony;
    try (Apiary apiary = common.start("default")) {
      status = apiary.status();
      swarm = apiary.swarmStatus();
      bees = apiary.beeStatus();
      colony = apiary.colonyStatus();
    }
    Map<String, Object> fields = fields(status);
    fields.putAll(colonyFields(bees, colony));
    // The swarm as this (short-lived) node sees it; 'apiary swarm' lists the nodes.
    fields.put("swarm_nodes", swarm.nodes().size());
    fields.put("swarm_alive", swarm.alive());
    fields.put("swarm_bees", swarm.totalBees());
    fields.put("swarm_idle_bees", swarm.totalIdleBees());
    RowSink sink = sink();
    if (common.format() == OutputFormat.TABLE) {
      // People read one property per line; scripts get one row with a column per property.
      sink.start(List.of("property", "value"));
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        sink.row(List.of(e.getKey(), String.valueOf(e.getValue())));
      }
    } else {
      sink.start(new ArrayList<>(fields.keySet()));
      sink.row(new ArrayList<>(fields.values()));
    }
    sink.end();
    return ExitCodes.OK;
  }

  /** Bees busy and idle, each bee's state, and the colony reading with its inputs. */
  static Map<String, Object> colonyFields(List<BeeStatus> bees, ColonyStatus colony) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("bees_busy", colony.inputs().busy());
    fields.put("bees_idle", colony.inputs().bees() - colony.inputs().busy());
    StringJoiner states = new StringJoiner(", ");
    for (BeeStatus bee : bees) {
      states.add(bee.beeId() + " " + bee.state().label());
    }
    fields.put("bee_states", states.toString());
    fields.put("queue_depth", colony.inputs().queued());
    fields.put("memory_pressure", colony.inputs().memoryPressure());
    fields.put("colony_temperature", colony.temperature());
    fields.put("colony_regulation", colony.regulation().label());
    fields.put("colony_setpoint", colony.setpoint());
    fields.put("abandoned_tasks", colony.abandonedTasks());
    return fields;
  }

  static Map<String, Object> fields(NodeStatus status) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", status.name());
    fields.put("node_id", status.nodeId());
    fields.put("state", status.state());
    fields.put("cores", status.cores());
    fields.put("memory_bytes", status.memoryBytes());
    fields.put("reserve_bytes", status.reserveBytes());
    fields.put("bees", status.bees());
    fields.put("memory_per_bee_bytes", status.memoryPerBeeBytes());
    fields.put("target_cell_bytes", status.targetCellBytes());
    fields.put("storage", status.storage());
    fields.put("storage_uri", status.storageUri());
    CacheStatistics cache = status.cache();
    fields.put("cache_size_bytes", cache.sizeBytes());
    fields.put("cache_capacity_bytes", cache.capacityBytes());
    fields.put("cache_cells", cache.entries());
    fields.put("cache_hits", cache.hits());
    fields.put("cache_misses", cache.misses());
    fields.put("cache_downloads", cache.downloads());
    fields.put("cache_downloaded_bytes", cache.downloadedBytes());
    fields.put("cache_evictions", cache.evictions());
    fields.put("cache_frames", cache.frames().size());
    return fields;
  }
}
