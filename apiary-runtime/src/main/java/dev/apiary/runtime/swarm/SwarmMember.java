package dev.apiary.runtime.swarm;

import dev.apiary.runtime.NodeResources;
import dev.apiary.storage.ObjectStore;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This node's membership of the swarm: it publishes a heartbeat and refreshes the world view every
 * heartbeat interval on one thread named {@code apiary-heartbeat}, counts the work running in the
 * node ({@link #track}), and leaves gracefully ({@link #leave}).
 *
 * <p>The load in the heartbeat is the node's: bees of its bee pool (busy, idle), the memory its
 * chambers hold over the bees' memory, the tasks waiting for bees, and the colony temperature
 * computed from these (SPEC §7.5), as the caller's load source reads them at each heartbeat.
 */
public final class SwarmMember implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SwarmMember.class.getName());
  private final NodeIdentity identity;
  private final SwarmSettings settings;
  private final WorkGate gate;
  private final HeartbeatPublisher publisher;
  private final WorldView view;
  private final ScheduledExecutorService thread;
  private volatile RuntimeException lastFailure;
  private boolean left;

  private SwarmMember(
      NodeIdentity identity,
      SwarmSettings settings,
      WorkGate gate,
      HeartbeatPublisher publisher,
      WorldView view) {
    this.identity = identity;
    this.settings = settings;
    this.gate = gate;
    this.publisher = publisher;
    this.view = view;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "apiary-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /** Joins on the system clocks. */
  public static SwarmMember join(
      ObjectStore store,
      NodeIdentity identity,
      NodeResources resources,
      Supplier<Heartbeat.Load> load,
      SwarmSettings settings,
      CacheSummarySource cache) {
    return join(
        store,
        identity,
        resources,
        load,
        settings,
        cache,
        InstantSource.system(),
        System::nanoTime);
  }

  /**
   * Publishes the first heartbeat and reads the world view before returning, then keeps both going
   * on the heartbeat thread. On failure nothing keeps running and the identity is released.
   *
   * @param load the node's load now, read at every heartbeat on the heartbeat thread
   * @param clock the wall clock for the heartbeat's {@code timestamp}
   * @param nanoTime the monotonic clock the world view judges by
   * @throws dev.apiary.storage.ObjectStoreException if the first heartbeat or listing fails
   */
  public static SwarmMember join(
      ObjectStore store,
      NodeIdentity identity,
      NodeResources resources,
      Supplier<Heartbeat.Load> load,
      SwarmSettings settings,
      CacheSummarySource cache,
      InstantSource clock,
      LongSupplier nanoTime) {
    WorkGate gate = new WorkGate();
    HeartbeatPublisher publisher =
        new HeartbeatPublisher(
            store, identity.id(), Heartbeat.Capacity.of(resources), load, cache, clock);
    WorldView view = new WorldView(store, identity.id(), settings, nanoTime);
    try {
      publisher.publish();
      view.refresh();
    } catch (RuntimeException e) {
      identity.close();
      throw e;
    }
    SwarmMember member = new SwarmMember(identity, settings, gate, publisher, view);
    long interval = settings.heartbeatInterval().toNanos();
    member.thread.scheduleWithFixedDelay(member::beat, interval, interval, TimeUnit.NANOSECONDS);
    return member;
  }

  private void beat() {
    // Each step on its own: a failed put must not stop the view, and neither may end the thread.
    try {
      publisher.publish();
    } catch (RuntimeException e) {
      failed("publish the heartbeat", e);
    }
    try {
      view.refresh();
    } catch (RuntimeException e) {
      failed("refresh the world view", e);
    }
  }

  /** Logs a background failure unless it repeats the previous one. */
  private void failed(String what, RuntimeException e) {
    RuntimeException previous = lastFailure;
    lastFailure = e;
    if (previous == null || !String.valueOf(previous.getMessage()).equals(e.getMessage())) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Node " + identity.id() + " could not " + what + " (retrying every interval): " + e);
    }
  }

  public String nodeId() {
    return identity.id();
  }

  /**
   * Runs a statement or write as work of this node: counted while it runs, waited for by {@link
   * #leave}.
   *
   * @param what the work, for the message if it is refused
   * @throws dev.apiary.error.ApiaryException (user) once the node is leaving; the work did not run
   */
  public <T> T track(String what, Supplier<T> work) {
    WorkGate.Ticket admitted = gate.enter(what);
    try {
      return work.get();
    } finally {
      admitted.close();
    }
  }

  /** The swarm as of the last refresh (at most one heartbeat interval old). */
  public SwarmStatus status() {
    return SwarmStatus.of(view.nodes());
  }

  /**
   * Leaves gracefully: refuses new work, waits up to the drain timeout for running work, stops the
   * heartbeat thread, deletes the heartbeat and releases the node directory. Idempotent.
   *
   * @throws dev.apiary.storage.ObjectStoreException if the heartbeat cannot be deleted (the node
   *     has stopped anyway; the others will see it die and remove it)
   */
  public synchronized void leave() {
    if (left) {
      return;
    }
    left = true;
    try {
      gate.drain(settings.drainTimeout());
      thread.shutdown();
      awaitThread();
      publisher.withdraw();
    } finally {
      identity.close();
    }
  }

  private void awaitThread() {
    try {
      thread.awaitTermination(settings.drainTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    leave();
  }
}
