package dev.apiary.cli;

import dev.apiary.error.ApiaryException;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import dev.apiary.runtime.NodeStatus;
import dev.apiary.runtime.swarm.SwarmChanges;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code apiary start}: runs a node until interrupted. */
@Command(
    name = "start",
    description = {
      "Run a node until Ctrl-C (SIGINT) or SIGTERM: it publishes a heartbeat (every 5 s, or"
          + " APIARY_HEARTBEAT_INTERVAL), keeps a"
          + " view of the swarm and prints who joins, turns suspect or dead, and leaves.",
      "On local storage it deletes, at start and then every hour, the temporary files of writes"
          + " killed midway (untouched for an hour).",
      "On stop it leaves gracefully: running work finishes, the heartbeat is deleted."
    },
    footer = {"", "Example:", "  apiary start --storage /data/apiary"})
final class StartCommand extends ApiaryCommand {
  private static final Duration SWEEP_EVERY = Duration.ofHours(1);

  @Override
  public Integer call() throws InterruptedException {
    ApiaryConfig config = common.config("default");
    Apiary apiary = new Apiary(config).start();
    PrintWriter out = out();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  String id = apiary.status().nodeId();
                  apiary.shutdown();
                  out.println(now() + " node " + id + " left the swarm");
                  out.flush();
                  stopped.countDown();
                },
                "apiary-shutdown"));
    NodeStatus status = apiary.status();
    Duration interval = config.swarm().heartbeatInterval();
    out.println(
        now()
            + " node "
            + status.nodeId()
            + " started on "
            + status.storageUri()
            + ": "
            + status.cores()
            + " cores, "
            + Sizes.bytes(status.memoryBytes())
            + " memory, "
            + status.bees()
            + " bees; heartbeat every "
            + interval.toMillis()
            + " ms. Press Ctrl-C to stop.");
    out.flush();
    SwarmChanges changes = new SwarmChanges();
    Instant nextSweep = Instant.now();
    do {
      try {
        for (String event : changes.update(apiary.swarmStatus())) {
          out.println(now() + " " + event);
        }
        if (!Instant.now().isBefore(nextSweep)) {
          nextSweep = Instant.now().plus(SWEEP_EVERY);
          int deleted = apiary.sweepTemporaryFiles(SWEEP_EVERY);
          if (deleted > 0) {
            out.println(
                now()
                    + " deleted "
                    + deleted
                    + (deleted == 1 ? " temporary file" : " temporary files")
                    + " left by writes killed midway");
          }
        }
        out.flush();
      } catch (ApiaryException e) {
        // The node is stopping (shutdown hook), or storage is failing: the node's own parts report
        // that; the loop ends with the node.
      }
    } while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS));
    return ExitCodes.OK;
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
