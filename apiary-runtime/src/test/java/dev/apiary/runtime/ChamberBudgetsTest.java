package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.MemoryExceededException;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.TaskTimeoutException;
import dev.apiary.runtime.bees.BeeState;
import dev.apiary.runtime.bees.BeeStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statement runs in a chamber with its bees' threads and memory: over the memory it spills,
 * past what spilling can help it fails alone, and past its timeout it stops and frees its bees.
 */
class ChamberBudgetsTest {
  private static final long MIB = 1L << 20;

  /** 20 M rows sorted by a random key: about 320 MiB of rows, five times a 64 MiB chamber. */
  private static final String BIG_SORT =
      "SELECT count(*) AS n, sum(x) AS s FROM"
          + " (SELECT i AS x, random() AS r FROM range(20000000) t(i) ORDER BY r)";

  /** One string of 5 M parts: it cannot be spilled, it must be whole in memory at once. */
  private static final String HUGE_STRING =
      "SELECT length(string_agg(i::VARCHAR || repeat('x', 100), ',')) FROM range(5000000) t(i)";

  @TempDir Path dir;
  Apiary apiary;
  final ExecutorService threads = Executors.newFixedThreadPool(8);

  @BeforeEach
  void setUp() {
    // 256 MiB with 2 cores: half is the reserve, so each bee has 64 MiB.
    apiary =
        new Apiary(
                ApiaryConfig.named("bees")
                    .withStorage(dir.resolve("store").toString())
                    .withNodeDirectory(dir.resolve("node"))
                    .withResources(2, 256 * MIB))
            .start();
    assertThat(apiary.status().memoryPerBeeBytes()).isEqualTo(64 * MIB);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(30, TimeUnit.SECONDS);
    apiary.shutdown();
  }

  private List<List<String>> rows(String sql) {
    try (QueryResult result = apiary.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  private static long bytesUnder(Path root) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // Deleted while walking.
                }
              })
          .sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0; // A spill directory removed while walking.
    }
  }

  private void awaitBusyBees(int busy) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (apiary.beeStatus().stream().filter(b -> b.state() == BeeState.BUSY).count() < busy) {
      assertThat(System.nanoTime()).as("bees busy in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (apiary.beeStatus().stream().anyMatch(b -> b.state() == BeeState.BUSY)) {
      assertThat(System.nanoTime()).as("bees idle in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void aQueryOverItsMemoryFailsAloneWhileAnotherSpillsToScratchAndSucceeds() throws Exception {
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicLong spilledMax = new AtomicLong();
    AtomicLong memoryMax = new AtomicLong();
    Future<?> sampler =
        threads.submit(
            () -> {
              while (sampling.get()) {
                spilledMax.accumulateAndGet(bytesUnder(dir.resolve("node/spill")), Math::max);
                for (BeeStatus bee : apiary.beeStatus()) {
                  memoryMax.accumulateAndGet(bee.memoryUsedBytes(), Math::max);
                }
                Thread.sleep(20);
              }
              return null;
            });
    Future<List<List<String>>> spilling = threads.submit(() -> rows(BIG_SORT));
    awaitBusyBees(1);

    // The other bee's chamber runs out of memory; only its statement fails.
    assertThatThrownBy(() -> rows(HUGE_STRING))
        .isInstanceOf(MemoryExceededException.class)
        .hasMessageStartingWith(
            "Memory exceeded: statement 'SELECT length(string_agg(i::VARCHAR || repeat('x',"
                + " 100), ...' needed more than its budget of 64.0 MiB held by bee-")
        .hasMessageContaining("even after spilling to its scratch directory")
        .hasMessageContaining("Out of Memory Error")
        .hasMessageContaining("APIARY_MEMORY");

    assertThat(spilling.get(2, TimeUnit.MINUTES))
        .containsExactly(List.of("20000000", "199999990000000"));
    sampling.set(false);
    sampler.get();
    // The sort held at most its 64 MiB (plus the engine's slack) and put the rest on disk.
    assertThat(spilledMax.get()).isGreaterThan(128 * MIB);
    assertThat(memoryMax.get()).isPositive().isLessThanOrEqualTo(80 * MIB);
    awaitIdle();
    assertThat(rows("SELECT 42")).containsExactly(List.of("42"));
  }

  @Test
  void aTimedOutQueryStopsUsingCpuAndFreesItsBees() throws Exception {
    String endless = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";
    assertThatThrownBy(
            () ->
                apiary
                    .sql(endless, apiary.newSession(), Optional.of(Duration.ofSeconds(1)))
                    .close())
        .isInstanceOf(TaskTimeoutException.class)
        .hasMessageStartingWith(
            "Statement 'SELECT sum(a.range * b.range) FROM range(1000000) a, rang...'"
                + " timed out after 1 s: the engine was stopped and its bees (bee-0) are free"
                + " again.")
        .hasMessageContaining("longer timeout");
    awaitIdle();
    // The engine is no longer computing: over a second the process uses far less than a core.
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Thread.sleep(200);
    long before = os.getProcessCpuTime();
    Thread.sleep(1000);
    long used = os.getProcessCpuTime() - before;
    assertThat(used).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    // A statement within its timeout is not disturbed.
    try (QueryResult ok =
        apiary.sql("SELECT 7 AS x", apiary.newSession(), Optional.of(Duration.ofSeconds(30)))) {
      assertThat(ResultRows.of(ok.reader())).containsExactly(List.of("7"));
    }
  }

  @Test
  void manyStatementsFromManyThreadsAllCompleteOnTwoBees() throws Exception {
    List<Future<List<List<String>>>> results = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      int n = i;
      results.add(threads.submit(() -> rows("SELECT " + n + " AS n")));
    }
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).get(2, TimeUnit.MINUTES)).containsExactly(List.of("" + i));
    }
    awaitIdle();
    assertThat(apiary.colonyStatus().inputs().queued()).isZero();
  }

  @Test
  void explainShowsTheBeesAStatementHolds() {
    List<List<String>> plan = rows("EXPLAIN SELECT 1");
    assertThat(plan)
        .contains(List.of("chamber: 1 thread (bee-0), memory limit 64.0 MiB, on this node"));
  }
}
