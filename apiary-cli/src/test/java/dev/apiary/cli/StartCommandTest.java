package dev.apiary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apiary start} and {@code apiary swarm} as real processes on one storage root. */
class StartCommandTest {
  /**
   * Short swarm timing, so that suspect, dead and cleanup take seconds (suspect after 2 s, not
   * less: on a busy machine a JVM may stall for a second).
   */
  static final Map<String, String> FAST =
      Map.of(
          "APIARY_HEARTBEAT_INTERVAL", "200ms",
          "APIARY_SUSPECT_AFTER", "2s",
          "APIARY_DEAD_AFTER", "4s",
          "APIARY_CLEANUP_AFTER", "6s");

  @TempDir Path dir;
  final List<Process> processes = new ArrayList<>();

  /** A running {@code apiary start} and the lines it printed. */
  final class Node {
    final Process process;
    final List<String> lines = new ArrayList<>();
    final String id;

    Node(String home) throws Exception {
      Map<String, String> env = new java.util.HashMap<>(FAST);
      env.put("APIARY_HOME", dir.resolve(home).toString());
      process = new Cli(dir).start(env, "start", "--storage", storage());
      processes.add(process);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                      lines.add(line);
                    }
                  }
                } catch (IOException e) {
                  // The process ended.
                }
              },
              "test-start-output");
      reader.setDaemon(true);
      reader.start();
      await("apiary start to print its first line", () -> !lines().isEmpty());
      String first = lines().get(0);
      assertThat(first)
          .matches(
              "\\S+ node \\S+ started on local://"
                  + storage()
                  + ": 2 cores, 2.0 GiB memory, 2 bees; heartbeat every 200 ms\\. Press Ctrl-C"
                  + " to stop\\.");
      id = first.split(" ")[2];
    }

    List<String> lines() {
      synchronized (lines) {
        return new ArrayList<>(lines);
      }
    }

    /** The membership events this node printed about another, in order. */
    List<String> events(String nodeId) {
      List<String> events = new ArrayList<>();
      for (String line : lines()) {
        String[] words = line.split(" ");
        if (words.length == 4 && words[1].equals("node") && words[2].equals(nodeId)) {
          events.add(words[3]);
        }
      }
      return events;
    }
  }

  String storage() {
    return dir.resolve("store").toString();
  }

  Path heartbeat(String nodeId) {
    return dir.resolve("store").resolve("_heartbeats").resolve("node_" + nodeId + ".json");
  }

  @AfterEach
  void stop() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void nodesSeeEachOtherTheSwarmCommandListsThemAndStoppedOrKilledNodesLeave() throws Exception {
    Node a = new Node("home-a");
    Node b = new Node("home-b");
    long started = System.nanoTime();
    await(
        "the nodes to see each other",
        () -> a.events(b.id).contains("alive") && b.events(a.id).contains("alive"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

    Map<String, String> swarmEnv = new java.util.HashMap<>(FAST);
    swarmEnv.put("APIARY_HOME", dir.resolve("home-a").toString());
    Cli.Result swarm =
        new Cli(dir)
            .runWithEnvironment(swarmEnv, "swarm", "--storage", storage(), "--format", "csv");
    assertThat(swarm.exitCode()).as("%s", swarm).isZero();
    List<String> rows = swarm.out().lines().toList();
    assertThat(rows.get(0))
        .isEqualTo(
            "node_id,state,self,bees,idle_bees,memory_pressure,colony_temperature,regulation,"
                + "unchanged_ms,heartbeat_version,heartbeat_timestamp");
    assertThat(rows).hasSize(4);
    assertThat(rows).anyMatch(r -> r.startsWith(a.id + ",alive,false,2,2,0.0,0.0,cold,"));
    assertThat(rows).anyMatch(r -> r.startsWith(b.id + ",alive,false,2,2,"));
    // The command ran on a's node directory, which a holds: it was a node of its own.
    assertThat(rows).anyMatch(r -> r.startsWith(a.id + "-") && r.contains(",alive,true,2,"));

    b.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no goodbye
    await("a to see b gone", () -> a.events(b.id).contains("gone"));
    assertThat(a.events(b.id)).containsExactly("alive", "suspect", "dead", "gone");
    assertThat(heartbeat(b.id)).doesNotExist();

    assertThat(heartbeat(a.id)).exists();
    // SIGTERM: graceful departure (through the handle: Process.destroy would close our end of
    // its output before we read the last line).
    assertThat(a.process.toHandle().destroy()).isTrue();
    assertThat(a.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    await(
        "a to say it left",
        () ->
            !a.lines().isEmpty()
                && a.lines()
                    .get(a.lines().size() - 1)
                    .endsWith(" node " + a.id + " left the swarm"));
    assertThat(heartbeat(a.id)).doesNotExist();
    assertThat(Files.exists(dir.resolve("home-a").resolve("nodes"))).isTrue();
  }

  @Test
  void startDeletesTheTemporaryFilesOfKilledWritesButNotOfRunningOnes() throws Exception {
    Path frame = dir.resolve("store").resolve("h").resolve("b").resolve("f");
    Files.createDirectories(frame);
    Path stray = frame.resolve(".apiary-tmp-" + java.util.UUID.randomUUID());
    Path running = frame.resolve(".apiary-tmp-" + java.util.UUID.randomUUID());
    Files.writeString(stray, "half a cell");
    Files.writeString(running, "a cell being written");
    Files.setLastModifiedTime(
        stray,
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofHours(2))));
    Node node = new Node("home-a");
    await(
        "the sweep",
        () ->
            node.lines().stream()
                .anyMatch(
                    l -> l.endsWith(" deleted 1 temporary file left by writes killed midway")));
    assertThat(stray).doesNotExist();
    assertThat(running).exists();
  }
}
