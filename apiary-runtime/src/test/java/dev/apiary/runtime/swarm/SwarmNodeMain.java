package dev.apiary.runtime.swarm;

import dev.apiary.runtime.NodeResources;
import dev.apiary.storage.LocalObjectStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A swarm member in its own OS process, for {@link SwarmProcessTest}: {@code <store root> <node
 * directory> <clock offset in hours>}. Prints {@code joined <id>}, then its world view as {@code
 * view id=state ...} after every refresh; on the input line {@code leave} it leaves gracefully,
 * prints {@code left} and exits.
 */
public final class SwarmNodeMain {
  static final SwarmSettings FAST =
      new SwarmSettings(
          // Suspect after 2 s, not less: on a busy machine a child JVM may stall for a second.
          Duration.ofMillis(200),
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          Duration.ofSeconds(6),
          Duration.ofSeconds(5));

  private SwarmNodeMain() {}

  public static void main(String[] args) throws Exception {
    LocalObjectStore store = new LocalObjectStore(Path.of(args[0]));
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(Long.parseLong(args[2])));
    SwarmMember member =
        SwarmMember.join(
            store,
            NodeIdentity.claim(Path.of(args[1])),
            new NodeResources(2, 1L << 30, 256L << 20),
            () -> Heartbeat.Load.of(2, 0, 0, 0),
            FAST,
            CacheSummarySource.NONE,
            clock,
            System::nanoTime);
    System.out.println("joined " + member.nodeId());
    System.out.flush();
    ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor();
    printer.scheduleWithFixedDelay(
        () -> {
          StringJoiner line = new StringJoiner(" ", "view ", "");
          for (SwarmNode node : member.status().nodes()) {
            line.add(node.nodeId() + "=" + node.state().label());
          }
          System.out.println(line);
          System.out.flush();
        },
        100,
        100,
        TimeUnit.MILLISECONDS);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command;
    while ((command = in.readLine()) != null && !command.equals("leave")) {
      // Waits for the parent.
    }
    printer.shutdownNow();
    printer.awaitTermination(5, TimeUnit.SECONDS);
    member.leave();
    System.out.println("left");
    System.out.flush();
  }
}
