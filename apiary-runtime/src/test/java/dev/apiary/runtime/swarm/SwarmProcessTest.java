package dev.apiary.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swarm members in real OS processes on one local storage root. */
class SwarmProcessTest {
  @TempDir Path dir;
  final List<Node> nodes = new ArrayList<>();

  /** One child process and what it printed. */
  static final class Node {
    final Process process;
    final List<String> lines = new ArrayList<>();
    String id;

    Node(Process process) {
      this.process = process;
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
              "test-child-output");
      reader.setDaemon(true);
      reader.start();
    }

    List<String> lines() {
      synchronized (lines) {
        return new ArrayList<>(lines);
      }
    }

    /** The last world view the node printed: node id to state. */
    Map<String, String> view() {
      List<String> all = lines();
      for (int i = all.size() - 1; i >= 0; i--) {
        if (all.get(i).startsWith("view")) {
          Map<String, String> view = new LinkedHashMap<>();
          for (String entry : all.get(i).substring(4).strip().split(" ")) {
            if (!entry.isEmpty()) {
              view.put(
                  entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
            }
          }
          return view;
        }
      }
      return Map.of();
    }

    /** The states this node's view gave another node, in order, without repeats. */
    List<String> history(String nodeId) {
      List<String> states = new ArrayList<>();
      for (String line : lines()) {
        if (line.startsWith("view")) {
          String state = "gone";
          for (String entry : line.substring(4).strip().split(" ")) {
            if (entry.startsWith(nodeId + "=")) {
              state = entry.substring(nodeId.length() + 1);
            }
          }
          if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
            states.add(state);
          }
        }
      }
      return states;
    }
  }

  Node start(String name, long clockOffsetHours) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    // The engine unpacks its 71 MB native library into the temporary directory and deletes it at
    // exit; a killed node leaves it, so the test's own directory holds it.
    command.add("-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve(name + "-tmp")));
    command.add("-cp");
    String classPath = System.getProperty("surefire.test.class.path");
    command.add(
        classPath == null || classPath.isBlank()
            ? System.getProperty("java.class.path")
            : classPath);
    command.add(SwarmNodeMain.class.getName());
    command.add(dir.resolve("store").toString());
    command.add(dir.resolve(name).toString());
    command.add(Long.toString(clockOffsetHours));
    Node node =
        new Node(
            new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    nodes.add(node);
    return node;
  }

  @AfterEach
  void stopChildren() {
    for (Node node : nodes) {
      node.process.destroyForcibly();
    }
  }

  /** Waits (polling) for a condition; fails with what the nodes printed if it does not come. */
  void await(String what, Duration limit, Predicate<Void> condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.test(null)) {
      if (System.nanoTime() > deadline) {
        StringBuilder report = new StringBuilder("Timed out waiting for " + what);
        for (Node node : nodes) {
          List<String> lines = node.lines();
          report
              .append("\n--- node ")
              .append(node.id)
              .append(": ")
              .append(lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        throw new AssertionError(report.toString());
      }
      Thread.sleep(50);
    }
  }

  String awaitJoined(Node node) throws InterruptedException {
    await("a node to join", Duration.ofSeconds(60), v -> !node.lines().isEmpty());
    String first = node.lines().get(0);
    assertThat(first).startsWith("joined ");
    node.id = first.substring("joined ".length());
    return node.id;
  }

  /** A history from the first sighting on (a node that joined later saw the other at once). */
  static List<String> seen(List<String> history) {
    return !history.isEmpty() && history.get(0).equals("gone")
        ? history.subList(1, history.size())
        : history;
  }

  Path heartbeat(String id) {
    return dir.resolve("store").resolve(WorldView.key(id));
  }

  @Test
  void nodesSeeEachOtherAKilledNodeDiesAndIsRemovedAndALeavingNodeDisappears() throws Exception {
    Node a = start("node-a", 0);
    Node ahead = start("node-ahead", 1);
    String aId = awaitJoined(a);
    String aheadId = awaitJoined(ahead);

    await(
        "both nodes to see each other alive",
        Duration.ofSeconds(10),
        v ->
            "alive".equals(a.view().get(aheadId))
                && "alive".equals(ahead.view().get(aId))
                && "alive".equals(a.view().get(aId)));

    // The node whose clock is an hour ahead writes such timestamps and stays alive for longer
    // than the dead period; it also sees the other node alive although its timestamps look old.
    String json = Files.readString(heartbeat(aheadId));
    Instant stamped = Instant.parse(new ObjectMapper().readTree(json).get("timestamp").asText());
    assertThat(stamped).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
    Thread.sleep(SwarmNodeMain.FAST.deadAfter().plusMillis(500).toMillis());
    assertThat(seen(a.history(aheadId))).containsExactly("alive");
    assertThat(seen(ahead.history(aId))).containsExactly("alive");

    ahead.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no goodbye
    assertThat(Files.exists(heartbeat(aheadId))).isTrue();
    await(
        "the killed node's heartbeat to be removed",
        Duration.ofSeconds(20),
        v -> !Files.exists(heartbeat(aheadId)));
    await(
        "the killed node to leave the view",
        Duration.ofSeconds(5),
        v -> !a.view().containsKey(aheadId));
    assertThat(seen(a.history(aheadId))).containsExactly("alive", "suspect", "dead", "gone");

    try (OutputStream in = a.process.getOutputStream()) {
      in.write("leave\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(a.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(a.process.exitValue()).isZero();
    assertThat(a.lines()).last().isEqualTo("left");
    assertThat(Files.exists(heartbeat(aId))).isFalse();
  }
}
