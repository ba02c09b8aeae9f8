package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.engine.ForwardingArrowReader;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.ApiaryException;
import dev.apiary.runtime.swarm.NodeState;
import dev.apiary.runtime.swarm.SwarmNode;
import dev.apiary.runtime.swarm.SwarmSettings;
import dev.apiary.runtime.swarm.SwarmStatus;
import dev.apiary.runtime.swarm.WorldView;
import dev.apiary.storage.LocalObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade as a swarm member: heartbeat, world view, graceful departure. */
class ApiarySwarmTest {
  static final SwarmSettings FAST =
      new SwarmSettings(
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(3),
          Duration.ofMinutes(1));

  @TempDir Path dir;
  final ExecutorService executor = Executors.newCachedThreadPool();

  Apiary node(String name) {
    return new Apiary(
        ApiaryConfig.named("swarm")
            .withStorage(dir.resolve("store").toString())
            .withNodeDirectory(dir.resolve(name))
            .withResources(2, 1L << 30)
            .withSwarm(FAST));
  }

  Path heartbeat(String nodeId) {
    return dir.resolve("store").resolve(WorldView.key(nodeId));
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static Map<String, NodeState> states(Apiary node) {
    Map<String, NodeState> states = new LinkedHashMap<>();
    for (SwarmNode n : node.swarmStatus().nodes()) {
      states.put(n.nodeId(), n.state());
    }
    return states;
  }

  @Test
  void aStartedNodePublishesItsHeartbeatAndSeesItselfAlive() throws Exception {
    Apiary node = node("a").start();
    try {
      String id = node.status().nodeId();
      assertThat(heartbeat(id)).exists();
      SwarmStatus status = node.swarmStatus();
      assertThat(status.nodes()).hasSize(1);
      SwarmNode self = status.nodes().get(0);
      assertThat(self.nodeId()).isEqualTo(id);
      assertThat(self.self()).isTrue();
      assertThat(self.state()).isEqualTo(NodeState.ALIVE);
      assertThat(self.bees()).isEqualTo(2);
      assertThat(self.idleBees()).isEqualTo(2);
      assertThat(self.heartbeat().capacity().memoryTotalBytes()).isEqualTo(1L << 30);
      assertThat(self.memoryPressure()).isBetween(0.0, 1.0);
      assertThat(status.totalBees()).isEqualTo(2);
      assertThat(status.alive()).isEqualTo(1);
    } finally {
      node.shutdown();
    }
    assertThatThrownBy(node::swarmStatus)
        .isInstanceOf(ApiaryException.class)
        .hasMessageContaining("is not started");
  }

  @Test
  void twoNodesOnOneStorageSeeEachOtherAndALeavingNodeDisappears() throws Exception {
    Apiary a = node("a").start();
    Apiary b = node("b").start();
    String aId = a.status().nodeId();
    String bId = b.status().nodeId();
    try {
      assertThat(states(b)).containsEntry(aId, NodeState.ALIVE).containsEntry(bId, NodeState.ALIVE);
      await("a to see b", () -> states(a).get(bId) == NodeState.ALIVE);
      assertThat(a.swarmStatus().totalBees()).isEqualTo(4);
      b.shutdown();
      assertThat(heartbeat(bId)).doesNotExist();
      await("b to leave a's view", () -> !states(a).containsKey(bId));
      assertThat(a.swarmStatus().alive()).isEqualTo(1);
    } finally {
      b.shutdown();
      a.shutdown();
    }
  }

  @Test
  void shutdownWaitsForARunningWriteWhoseBeesAreBusy() throws Exception {
    Apiary node = node("a").start();
    String id = node.status().nodeId();
    node.createHive("h");
    node.createBox("h", "b");
    node.createFrame("h", "b", "f", Map.of("id", "int64"), List.of());
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    QueryResult source = node.sql("SELECT 7::BIGINT AS id");
    ForwardingArrowReader blocked =
        ForwardingArrowReader.counting(
            node.allocator(),
            // The write closes its input, and with it the statement that produced it.
            ForwardingArrowReader.closing(node.allocator(), source.reader(), source),
            rows -> {
              writing.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Future<WriteSummary> write = executor.submit(() -> node.write("h", "b", "f", blocked));
    writing.await();
    // Two busy bees: the write's, and the one of the statement whose open result it reads.
    await(
        "a heartbeat with two busy bees", () -> node.swarmStatus().nodes().get(0).idleBees() == 0);
    assertThat(node.swarmStatus().nodes().get(0).heartbeat().load().beesBusy()).isEqualTo(2);
    assertThat(node.beeStatus())
        .extracting(b -> b.task())
        .containsExactlyInAnyOrder("statement 'SELECT 7::BIGINT AS id'", "the write to h.b.f");

    Future<?> shutdown = executor.submit(node::shutdown);
    await("the node to stop taking calls", () -> node.status().state().equals("stopped"));
    assertThatThrownBy(node::listHives).isInstanceOf(ApiaryException.class);
    assertThat(shutdown.isDone()).isFalse();
    assertThat(heartbeat(id)).exists();

    release.countDown();
    assertThat(write.get().rowsWritten()).isEqualTo(1);
    shutdown.get();
    assertThat(heartbeat(id)).doesNotExist();
    Apiary again = node("a").start();
    try {
      assertThat(again.status().nodeId()).isEqualTo(id);
      try (QueryResult rows = again.sql("SELECT * FROM h.b.f")) {
        assertThat(rows.reader().loadNextBatch()).isTrue();
      }
    } finally {
      again.shutdown();
    }
    try (LocalObjectStore store = new LocalObjectStore(dir.resolve("store"))) {
      assertThat(store.list(WorldView.PREFIX)).isEmpty();
    }
  }
}
