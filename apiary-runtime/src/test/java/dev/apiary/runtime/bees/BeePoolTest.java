package dev.apiary.runtime.bees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BeePoolTest {
  private static final long MIB = 1L << 20;
  private static final Duration LONG = Duration.ofSeconds(30);
  private final BeePool pool = new BeePool(2, 256 * MIB);
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    pool.close();
  }

  /** Waits until {@code count} tasks are in line (observed through the pool's own load). */
  private void awaitQueued(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.load().queued() != count) {
      assertThat(System.nanoTime()).as("tasks queued").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @Test
  void thousandTinyTasksFromEightThreadsAllRunOnTwoBees() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<Future<?>> submitters = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      submitters.add(
          threads.submit(
              () -> {
                for (int i = 0; i < 125; i++) {
                  try (BeeLease lease = pool.acquire("t" + thread + "-" + i, 1 + i % 2, LONG)) {
                    int now = running.addAndGet(lease.threads());
                    mostAtOnce.accumulateAndGet(now, Math::max);
                    Thread.onSpinWait();
                    running.addAndGet(-lease.threads());
                    done.incrementAndGet();
                  }
                }
              }));
    }
    for (Future<?> submitter : submitters) {
      submitter.get(60, TimeUnit.SECONDS);
    }
    assertThat(done.get()).isEqualTo(1000);
    assertThat(mostAtOnce.get()).isBetween(1, 2);
    assertThat(pool.load()).isEqualTo(new PoolLoad(2, 0, 0, 0, 512 * MIB));
  }

  @Test
  void aWaitingTaskThatNeedsSeveralBeesIsNotOvertakenByLaterSmallOnes() throws Exception {
    List<String> granted = Collections.synchronizedList(new ArrayList<>());
    BeeLease first = pool.acquire("first", 1, LONG);
    Future<?> big =
        threads.submit(
            () -> {
              try (BeeLease lease = pool.acquire("big", 2, LONG)) {
                granted.add(lease.task());
              }
            });
    awaitQueued(1);
    Future<?> small =
        threads.submit(
            () -> {
              try (BeeLease lease = pool.acquire("small", 1, LONG)) {
                granted.add(lease.task());
              }
            });
    awaitQueued(2);
    // One bee is free, but "small" stays behind "big".
    assertThat(granted).isEmpty();
    first.close();
    big.get(10, TimeUnit.SECONDS);
    small.get(10, TimeUnit.SECONDS);
    assertThat(granted).containsExactly("big", "small");
  }

  @Test
  void aTaskThatGivesUpWaitingLetsTheOnesBehindItRun() throws Exception {
    BeeLease first = pool.acquire("first", 1, LONG);
    CountDownLatch behindQueued = new CountDownLatch(1);
    Future<?> impatient =
        threads.submit(
            () -> {
              assertThatThrownBy(() -> pool.acquire("impatient", 2, Duration.ofMillis(200)))
                  .isInstanceOf(BeesUnavailableException.class)
                  .hasMessage(
                      "No bees became free within 200 ms for task impatient (2 wanted, 2 in the"
                          + " node, 1 other tasks waiting); retry later or give the node more"
                          + " cores");
              return null;
            });
    awaitQueued(1);
    Future<String> behind =
        threads.submit(
            () -> {
              try (BeeLease lease = pool.acquire("behind", 1, LONG)) {
                return lease.beeNames();
              }
            });
    impatient.get(10, TimeUnit.SECONDS);
    assertThat(behind.get(10, TimeUnit.SECONDS)).isEqualTo("bee-1");
    first.close();
  }

  @Test
  void aLeaseHoldsThreadsAndMemoryOfItsBeesAndStatusShowsThem() {
    try (BeeLease lease = pool.acquire("q-7 SELECT", 5, LONG)) {
      assertThat(lease.bees()).containsExactly(0, 1);
      assertThat(lease.threads()).isEqualTo(2);
      assertThat(lease.memoryBudgetBytes()).isEqualTo(512 * MIB);
      lease.attach(() -> 100 * MIB, () -> {});
      assertThat(pool.status())
          .containsExactly(
              new BeeStatus("bee-0", BeeState.BUSY, 50 * MIB, 256 * MIB, "q-7 SELECT"),
              new BeeStatus("bee-1", BeeState.BUSY, 50 * MIB, 256 * MIB, "q-7 SELECT"));
      assertThat(pool.load().memoryPressure()).isEqualTo(100.0 / 512);
    }
    assertThat(pool.status())
        .containsExactly(
            new BeeStatus("bee-0", BeeState.IDLE, 0, 256 * MIB, ""),
            new BeeStatus("bee-1", BeeState.IDLE, 0, 256 * MIB, ""));
  }

  @Test
  void aTaskPastItsTimeoutIsCancelledThroughItsEngine() throws Exception {
    AtomicLong spins = new AtomicLong();
    CountDownLatch cancelled = new CountDownLatch(1);
    try (BeeLease lease = pool.acquire("endless", 1, LONG)) {
      pool.expireAfter(lease, Duration.ofMillis(100));
      java.util.concurrent.atomic.AtomicBoolean stop =
          new java.util.concurrent.atomic.AtomicBoolean();
      lease.attach(
          () -> 0,
          () -> {
            stop.set(true);
            cancelled.countDown();
          });
      while (!stop.get()) {
        spins.incrementAndGet();
        Thread.onSpinWait();
      }
      assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(lease.timedOut()).isTrue();
    }
    assertThat(pool.load().busy()).isZero();
  }

  @Test
  void aLeaseClosedBeforeItsTimeoutIsNeverCancelled() throws Exception {
    AtomicInteger cancels = new AtomicInteger();
    BeeLease lease = pool.acquire("quick", 1, LONG);
    lease.attach(() -> 0, cancels::incrementAndGet);
    pool.expireAfter(lease, Duration.ofMillis(50));
    lease.close();
    lease.close();
    Thread.sleep(200);
    assertThat(cancels.get()).isZero();
    assertThat(lease.timedOut()).isFalse();
    assertThat(pool.load().busy()).isZero();
  }

  @Test
  void anInterruptedWaiterLeavesTheLineAndKeepsItsInterruptFlag() throws Exception {
    BeeLease all = pool.acquire("all", 2, LONG);
    AtomicInteger flagKept = new AtomicInteger();
    Future<?> waiter =
        threads.submit(
            () -> {
              assertThatThrownBy(() -> pool.acquire("waiter", 1, LONG))
                  .isInstanceOf(BeesUnavailableException.class)
                  .hasMessage("Interrupted while task waiter waited for bees; it did not run");
              if (Thread.currentThread().isInterrupted()) {
                flagKept.incrementAndGet();
              }
              return null;
            });
    awaitQueued(1);
    waiter.cancel(true);
    awaitQueued(0);
    all.close();
    assertThat(pool.load().busy()).isZero();
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(flagKept.get()).isEqualTo(1);
  }

  @Test
  void drainRefusesNewTasksAndWaitsForRunningOnes() throws Exception {
    BeeLease running = pool.acquire("running", 1, LONG);
    Future<Boolean> drained = threads.submit(() -> pool.drain(Duration.ofSeconds(10)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        pool.acquire("probe", 1, Duration.ZERO).close();
      } catch (BeesUnavailableException e) {
        assertThat(e)
            .hasMessage(
                "The node is shutting down; task probe was not started. Retry on a running node");
        break;
      }
      assertThat(System.nanoTime()).isLessThan(deadline);
    }
    assertThat(drained.isDone()).isFalse();
    running.close();
    assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
  }
}
