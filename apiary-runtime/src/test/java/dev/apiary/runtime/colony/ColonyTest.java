package dev.apiary.runtime.colony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.runtime.bees.BeeLease;
import dev.apiary.runtime.bees.BeePool;
import dev.apiary.runtime.bees.PoolLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ColonyTest {
  private static final long MIB = 1L << 20;
  private final BeePool pool = new BeePool(2, 256 * MIB);
  private final ExecutorService waiters = Executors.newCachedThreadPool();
  private final AtomicLong now = new AtomicLong();
  private final List<Runnable> onPause = new ArrayList<>();

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.close();
    waiters.shutdownNow();
    waiters.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** A colony on the real pool whose waiting advances a manual clock. */
  private Colony colony() {
    return new Colony(
        pool::load,
        Duration.ofSeconds(30),
        now::get,
        d -> {
          now.addAndGet(d.toNanos());
          if (!onPause.isEmpty()) {
            onPause.remove(0).run();
          }
        });
  }

  private void queueTasks(int count) throws InterruptedException {
    int before = pool.load().queued();
    for (int i = 0; i < count; i++) {
      waiters.submit(() -> pool.acquire("queued", 1, Duration.ofMinutes(5)).close());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.load().queued() < before + count) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @Test
  void temperatureFollowsTheFormulaAndCrossesEveryBandUnderRisingLoad() throws Exception {
    Colony colony = colony();
    List<Regulation> seen = new ArrayList<>();
    seen.add(colony.reading().regulation());
    AtomicLong memory = new AtomicLong();
    BeeLease both = pool.acquire("load", 2, Duration.ZERO);
    both.attach(memory::get, () -> {});
    assertThat(colony.reading().temperature()).isEqualTo(0.4);
    seen.add(colony.reading().regulation());
    memory.set(460 * MIB); // pressure 0.898
    seen.add(colony.reading().regulation());
    memory.set(512 * MIB);
    queueTasks(2); // 0.4 + 0.4 + 0.2 * 2/4
    assertThat(colony.reading().temperature()).isEqualTo(0.9);
    seen.add(colony.reading().regulation());
    queueTasks(2);
    assertThat(colony.reading().temperature()).isEqualTo(1.0);
    seen.add(colony.reading().regulation());
    assertThat(seen)
        .containsExactly(
            Regulation.COLD,
            Regulation.IDEAL,
            Regulation.WARM,
            Regulation.HOT,
            Regulation.CRITICAL);
    assertThat(colony.reading().inputs()).isEqualTo(new PoolLoad(2, 2, 4, 512 * MIB, 512 * MIB));
    both.close();
  }

  @Test
  void bandsHaveTheDocumentedBoundaries() {
    assertThat(Regulation.of(0.2999)).isEqualTo(Regulation.COLD);
    assertThat(Regulation.of(0.3)).isEqualTo(Regulation.IDEAL);
    assertThat(Regulation.of(0.7)).isEqualTo(Regulation.IDEAL);
    assertThat(Regulation.of(0.7001)).isEqualTo(Regulation.WARM);
    assertThat(Regulation.of(0.85)).isEqualTo(Regulation.WARM);
    assertThat(Regulation.of(0.95)).isEqualTo(Regulation.HOT);
    assertThat(Regulation.of(0.9501)).isEqualTo(Regulation.CRITICAL);
  }

  private BeeLease makeHot() throws InterruptedException {
    BeeLease both = pool.acquire("load", 2, Duration.ZERO);
    both.attach(() -> 512 * MIB, () -> {});
    queueTasks(2);
    return both;
  }

  @Test
  void hotColonyFailsAWriteFastWhenThePolicySaysError() throws Exception {
    BeeLease load = makeHot();
    assertThatThrownBy(() -> colony().admitWrite("write to s.e.sales", Backpressure.ERROR))
        .isInstanceOf(BackpressureException.class)
        .hasMessage(
            "The node is hot (colony temperature 0.90: 2 of 2 bees busy, memory pressure 1.00, 2"
                + " tasks queued): write to s.e.sales refused (backpressure=error). Retry later, add"
                + " nodes, or pass backpressure=\"ignore\" to write anyway");
    assertThatCode(() -> colony().admitWrite("write", Backpressure.IGNORE))
        .doesNotThrowAnyException();
    assertThatCode(() -> colony().admitQuery("query")).doesNotThrowAnyException();
    load.close();
  }

  @Test
  void hotColonyDelaysABlockingWriteUntilItCools() throws Exception {
    AtomicReference<BeeLease> load = new AtomicReference<>(makeHot());
    onPause.add(() -> {});
    onPause.add(() -> {});
    onPause.add(() -> load.get().close()); // the running task ends during the third pause
    colony().admitWrite("write", Backpressure.BLOCK);
    assertThat(now.get()).isEqualTo(Duration.ofMillis(150).toNanos());
  }

  @Test
  void blockingWriteIsRefusedWhenTheColonyStaysHotForTheWholeWait() throws Exception {
    BeeLease load = makeHot();
    assertThatThrownBy(() -> colony().admitWrite("write to t", Backpressure.BLOCK))
        .isInstanceOf(BackpressureException.class)
        .hasMessageContaining("write to t still hot after waiting 30 s.");
    assertThat(now.get()).isEqualTo(Duration.ofSeconds(30).toNanos());
    load.close();
  }

  @Test
  void criticalColonyRefusesNewWritesAndQueriesAtOnce() throws Exception {
    BeeLease load = makeHot();
    queueTasks(2);
    assertThatThrownBy(() -> colony().admitWrite("write", Backpressure.BLOCK))
        .isInstanceOf(BackpressureException.class)
        .hasMessageStartingWith("The node is critical (colony temperature 1.00:");
    assertThat(now.get()).isZero();
    assertThatThrownBy(() -> colony().admitQuery("query 12"))
        .isInstanceOf(BackpressureException.class)
        .hasMessageEndingWith("query 12 refused. Retry later or add nodes");
    load.close();
  }

  @Test
  void backgroundWorkRunsOnlyWhenCold() throws Exception {
    assertThat(colony().cold()).isTrue();
    try (BeeLease both = pool.acquire("busy", 2, Duration.ZERO)) {
      assertThat(both.threads()).isEqualTo(2);
      assertThat(colony().cold()).isFalse();
    }
  }

  @Test
  void backpressurePolicyParsesAndNamesTheChoices() {
    assertThat(Backpressure.parse(" Block ")).isEqualTo(Backpressure.BLOCK);
    assertThatThrownBy(() -> Backpressure.parse("wait"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Unknown backpressure 'wait': use one of block, error, ignore");
  }
}
