package dev.apiary.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.storage.CountingObjectStore;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectStoreOp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorldViewTest {
  static final SwarmSettings SPEC = SwarmSettings.DEFAULTS;
  static final Heartbeat.Capacity CAPACITY =
      new Heartbeat.Capacity(4, 8L << 30, 1L << 30, 256L << 20);

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
  final CountingObjectStore store = new CountingObjectStore(new MemoryObjectStore(clock));
  final WorldView view = new WorldView(store, "self", SPEC, clock::nanoTime);

  HeartbeatPublisher node(String id, InstantSource nodeClock) {
    return new HeartbeatPublisher(
        store,
        id,
        CAPACITY,
        () -> Heartbeat.Load.of(4, 1, 0.25, 0),
        CacheSummarySource.NONE,
        nodeClock);
  }

  Map<String, NodeState> states() {
    Map<String, NodeState> states = new LinkedHashMap<>();
    for (SwarmNode node : view.nodes()) {
      states.put(node.nodeId(), node.state());
    }
    return states;
  }

  /** Advances by one heartbeat interval; the given nodes publish, then this node refreshes. */
  void beat(HeartbeatPublisher... publishing) {
    clock.advance(SPEC.heartbeatInterval());
    for (HeartbeatPublisher p : publishing) {
      p.publish();
    }
    view.refresh();
  }

  @Test
  void aPeerThatStopsPublishingTurnsSuspectAfter15sAndDeadAfter30s() {
    HeartbeatPublisher self = node("self", clock);
    HeartbeatPublisher peer = node("peer", clock);
    beat(self, peer);
    beat(self, peer);
    assertThat(states())
        .containsExactly(Map.entry("peer", NodeState.ALIVE), Map.entry("self", NodeState.ALIVE));
    // The peer's last version was seen at t; it stays alive up to t + 15 s.
    beat(self);
    beat(self);
    beat(self);
    assertThat(states().get("peer")).isEqualTo(NodeState.ALIVE);
    beat(self); // t + 20 s
    assertThat(states().get("peer")).isEqualTo(NodeState.SUSPECT);
    beat(self);
    beat(self); // t + 30 s: not more than 30 s yet
    assertThat(states().get("peer")).isEqualTo(NodeState.SUSPECT);
    beat(self); // t + 35 s
    assertThat(states())
        .containsExactly(Map.entry("peer", NodeState.DEAD), Map.entry("self", NodeState.ALIVE));
    SwarmStatus status = SwarmStatus.of(view.nodes());
    assertThat(status.alive()).isEqualTo(1);
    assertThat(status.totalBees()).isEqualTo(4);
    assertThat(status.totalIdleBees()).isEqualTo(3);
  }

  @Test
  void aSuspectPeerThatPublishesAgainIsAliveAgain() {
    HeartbeatPublisher self = node("self", clock);
    HeartbeatPublisher peer = node("peer", clock);
    beat(self, peer);
    for (int i = 0; i < 4; i++) {
      beat(self);
    }
    assertThat(states().get("peer")).isEqualTo(NodeState.SUSPECT);
    beat(self, peer);
    assertThat(states().get("peer")).isEqualTo(NodeState.ALIVE);
  }

  @Test
  void peersWithClocksAnHourOffStayAliveAndStillDieWhenTheyStop() {
    HeartbeatPublisher self = node("self", clock);
    HeartbeatPublisher ahead = node("ahead", clock.skewed(Duration.ofHours(1)));
    HeartbeatPublisher behind = node("behind", clock.skewed(Duration.ofHours(-1)));
    for (int i = 0; i < 10; i++) {
      beat(self, ahead, behind);
    }
    assertThat(states())
        .containsOnly(
            Map.entry("ahead", NodeState.ALIVE),
            Map.entry("behind", NodeState.ALIVE),
            Map.entry("self", NodeState.ALIVE));
    SwarmNode ahead1 = view.nodes().get(0);
    assertThat(ahead1.heartbeat().timestamp()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    // Stopped: the one whose timestamps lie in the future must not stay alive forever.
    for (int i = 0; i < 7; i++) {
      beat(self);
    }
    assertThat(states())
        .containsOnly(
            Map.entry("ahead", NodeState.DEAD),
            Map.entry("behind", NodeState.DEAD),
            Map.entry("self", NodeState.ALIVE));
  }

  @Test
  void aChangedHeartbeatCountsEvenIfItsTimestampDoesNotMove() {
    // A peer whose clock is stuck still publishes new versions: judged by change, it is alive.
    Clock stuck = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
    HeartbeatPublisher self = node("self", clock);
    HeartbeatPublisher peer = node("peer", stuck);
    for (int i = 0; i < 10; i++) {
      beat(self, peer);
    }
    assertThat(states().get("peer")).isEqualTo(NodeState.ALIVE);
  }

  @Test
  void deadHeartbeatsAreDeletedAfterTheCleanupPeriodButNeverOurOwn() {
    SwarmSettings fast =
        new SwarmSettings(
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ZERO);
    WorldView fastView = new WorldView(store, "self", fast, clock::nanoTime);
    HeartbeatPublisher peer = node("peer", clock);
    peer.publish();
    fastView.refresh();
    clock.advance(Duration.ofMinutes(2));
    fastView.refresh();
    assertThat(store.delegate().head(WorldView.key("peer"))).isPresent();
    clock.advance(Duration.ofSeconds(1));
    fastView.refresh();
    assertThat(store.delegate().head(WorldView.key("peer"))).isEmpty();
    assertThat(fastView.nodes()).isEmpty();
    // Our own heartbeat stays even if we could not publish for a long time.
    HeartbeatPublisher self = node("self", clock);
    self.publish();
    fastView.refresh();
    clock.advance(Duration.ofHours(3));
    fastView.refresh();
    assertThat(store.delegate().head(WorldView.key("self"))).isPresent();
    assertThat(fastView.nodes()).extracting(SwarmNode::state).containsExactly(NodeState.DEAD);
  }

  @Test
  void aHeartbeatSeenForTheFirstTimeIsDatedByTheStoresClock() {
    HeartbeatPublisher longGone = node("long-gone", clock);
    HeartbeatPublisher recent = node("recent", clock);
    longGone.publish();
    clock.advance(Duration.ofMinutes(10));
    recent.publish();
    clock.advance(Duration.ofSeconds(20));
    node("self", clock).publish();
    view.refresh();
    assertThat(states())
        .containsExactly(
            Map.entry("long-gone", NodeState.DEAD),
            Map.entry("recent", NodeState.SUSPECT),
            Map.entry("self", NodeState.ALIVE));
    assertThat(view.nodes().get(0).sinceChange()).isEqualTo(Duration.ofSeconds(620));
    // Older than the cleanup period by the store's clock: removed on first sight.
    clock.advance(Duration.ofHours(2));
    node("newcomer", clock).publish();
    WorldView newcomer = new WorldView(store, "newcomer", SPEC, clock::nanoTime);
    newcomer.refresh();
    assertThat(newcomer.nodes()).extracting(SwarmNode::nodeId).containsExactly("newcomer");
    assertThat(store.delegate().list(WorldView.PREFIX)).hasSize(1);
  }

  @Test
  void aGracefullyDepartedNodeDisappearsAtTheNextRefresh() {
    HeartbeatPublisher self = node("self", clock);
    HeartbeatPublisher peer = node("peer", clock);
    beat(self, peer);
    assertThat(states()).containsKey("peer");
    peer.withdraw();
    beat(self);
    assertThat(states()).containsOnlyKeys("self");
  }

  @Test
  void anIdleRefreshIsOneListAndContentsAreReadOnlyWhenChanged() {
    HeartbeatPublisher self = node("self", clock);
    HeartbeatPublisher a = node("a", clock);
    HeartbeatPublisher b = node("b", clock);
    beat(self, a, b);
    view.nodes();
    store.reset();
    beat(self, a);
    assertThat(store.count(ObjectStoreOp.LIST)).isEqualTo(1);
    assertThat(store.count(ObjectStoreOp.GET)).isZero();
    view.nodes();
    // self and a changed; b did not.
    assertThat(store.count(ObjectStoreOp.GET)).isEqualTo(2);
    store.reset();
    view.nodes();
    assertThat(store.total()).isZero();
  }

  @Test
  void invalidHeartbeatsAndForeignObjectsAreLeftOutButInvalidOnesAreStillCleanedUp() {
    node("self", clock).publish();
    store.put(WorldView.key("broken"), "{not json".getBytes(StandardCharsets.UTF_8));
    store.put(WorldView.PREFIX + "README.txt", "not a heartbeat".getBytes(StandardCharsets.UTF_8));
    view.refresh();
    assertThat(view.nodes()).extracting(SwarmNode::nodeId).containsExactly("self");
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    view.refresh();
    assertThat(store.delegate().head(WorldView.key("broken"))).isEmpty();
    assertThat(store.delegate().head(WorldView.PREFIX + "README.txt")).isPresent();
  }

  @Test
  void aRestartedNodeIsAliveAgainWithItsVersionsStartingOver() {
    HeartbeatPublisher self = node("self", clock);
    HeartbeatPublisher peer = node("peer", clock);
    beat(self, peer);
    beat(self, peer);
    beat(self, peer);
    assertThat(view.nodes().get(0).heartbeat().version()).isEqualTo(3);
    for (int i = 0; i < 7; i++) {
      beat(self);
    }
    assertThat(states().get("peer")).isEqualTo(NodeState.DEAD);
    beat(self, node("peer", clock));
    assertThat(states().get("peer")).isEqualTo(NodeState.ALIVE);
    assertThat(view.nodes().get(0).heartbeat().version()).isEqualTo(1);
  }
}
