package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.engine.QueryResult;
import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.bees.BeeLease;
import dev.apiary.runtime.bees.BeePool;
import dev.apiary.runtime.colony.Backpressure;
import dev.apiary.runtime.colony.BackpressureException;
import dev.apiary.runtime.colony.ColonyStatus;
import dev.apiary.runtime.colony.Regulation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The colony model acting on a node: synthetic load (bees held with all their memory, statements
 * waiting in line) drives the temperature through its bands, and writes and queries are delayed or
 * refused as the policy says.
 */
class ColonyBackpressureTest {
  @TempDir Path dir;
  Apiary apiary;
  final ExecutorService threads = Executors.newCachedThreadPool();
  final List<BeeLease> load = new ArrayList<>();

  @BeforeEach
  void setUp() {
    apiary =
        new Apiary(
                ApiaryConfig.named("colony")
                    .withStorage(dir.resolve("store").toString())
                    .withNodeDirectory(dir.resolve("node"))
                    .withResources(2, 1L << 30))
            .start();
    apiary.createHive("h");
    apiary.createBox("h", "b");
    apiary.createFrame("h", "b", "f", Map.of("id", "int64"), List.of());
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    load.forEach(BeeLease::close);
    threads.shutdownNow();
    threads.awaitTermination(30, TimeUnit.SECONDS);
    apiary.shutdown();
  }

  private ArrowReader rows(long... ids) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BigIntVector id = new BigIntVector("id", apiary.allocator());
        VectorSchemaRoot root = VectorSchemaRoot.of(id)) {
      for (int i = 0; i < ids.length; i++) {
        id.setSafe(i, ids[i]);
      }
      root.setRowCount(ids.length);
      try (ArrowStreamWriter out = new ArrowStreamWriter(root, null, Channels.newChannel(bytes))) {
        out.start();
        out.writeBatch();
        out.end();
      }
    }
    return new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), apiary.allocator());
  }

  /** Holds one bee whose task reports holding all of the bee's memory. */
  private void holdBeeWithAllItsMemory() {
    BeePool pool = apiary.running().bees();
    BeeLease lease = pool.acquire("synthetic load", 1, Duration.ZERO);
    lease.attach(lease::memoryBudgetBytes, () -> {});
    load.add(lease);
  }

  /** Statements that wait in line for bees. */
  private List<Future<Long>> queueStatements(int count) throws InterruptedException {
    int before = apiary.colonyStatus().inputs().queued();
    List<Future<Long>> statements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      statements.add(
          threads.submit(
              () -> {
                try (QueryResult result = apiary.sql("SELECT 1")) {
                  result.reader().loadNextBatch();
                  return (long) result.reader().getVectorSchemaRoot().getRowCount();
                }
              }));
    }
    await(() -> apiary.colonyStatus().inputs().queued() == before + count);
    return statements;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private Regulation regulation() {
    return apiary.colonyStatus().regulation();
  }

  @Test
  void risingLoadCrossesTheBandsAndWritesAreDelayedOrRefusedAsThePolicySays() throws Exception {
    ColonyStatus idle = apiary.colonyStatus();
    assertThat(idle.temperature()).isZero();
    assertThat(idle.regulation()).isEqualTo(Regulation.COLD);
    assertThat(idle.setpoint()).isEqualTo(0.5);
    // A write on a cold node goes ahead with every idle bee, and reports the temperature with
    // them busy.
    WriteSummary first = apiary.write("h", "b", "f", rows(1), Backpressure.ERROR);
    assertThat(first.temperature()).isEqualTo(0.4);

    holdBeeWithAllItsMemory(); // 0.4 * 1/2 + 0.4 * 1/2
    assertThat(apiary.colonyStatus().temperature()).isEqualTo(0.4);
    assertThat(regulation()).isEqualTo(Regulation.IDEAL);
    holdBeeWithAllItsMemory(); // 0.4 + 0.4
    assertThat(regulation()).isEqualTo(Regulation.WARM);
    List<Future<Long>> queued = queueStatements(2); // + 0.2 * 2/4: new queries queue
    assertThat(apiary.colonyStatus().temperature()).isEqualTo(0.9);
    assertThat(regulation()).isEqualTo(Regulation.HOT);

    assertThatThrownBy(() -> apiary.write("h", "b", "f", rows(2), Backpressure.ERROR))
        .isInstanceOf(BackpressureException.class)
        .hasMessage(
            "The node is hot (colony temperature 0.90: 2 of 2 bees busy, memory pressure 1.00, 2"
                + " tasks queued): the write to h.b.f refused (backpressure=error). Retry later,"
                + " add nodes, or pass backpressure=\"ignore\" to write anyway");
    Future<WriteSummary> blocked =
        threads.submit(() -> apiary.write("h", "b", "f", rows(3), Backpressure.BLOCK));

    queued.addAll(queueStatements(2)); // 1.0
    assertThat(regulation()).isEqualTo(Regulation.CRITICAL);
    assertThatThrownBy(() -> apiary.sql("SELECT 2"))
        .isInstanceOf(BackpressureException.class)
        .hasMessageStartingWith("The node is critical (colony temperature 1.00:")
        .hasMessageEndingWith("the statement refused. Retry later or add nodes");
    assertThatThrownBy(() -> apiary.write("h", "b", "f", rows(4), Backpressure.BLOCK))
        .isInstanceOf(BackpressureException.class)
        .hasMessageContaining("the write to h.b.f refused");
    Future<WriteSummary> ignoring =
        threads.submit(() -> apiary.write("h", "b", "f", rows(5), Backpressure.IGNORE));
    // The ignoring write is past the colony and waits in line for a bee like any task.
    await(() -> apiary.colonyStatus().inputs().queued() == 5);
    assertThat(blocked.isDone()).isFalse();

    load.forEach(BeeLease::close); // the load ends: the colony cools
    for (Future<Long> statement : queued) {
      assertThat(statement.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(ignoring.get(30, TimeUnit.SECONDS).rowsWritten()).isEqualTo(1);
    assertThat(blocked.get(60, TimeUnit.SECONDS).rowsWritten()).isEqualTo(1);
    await(() -> regulation() == Regulation.COLD);
    try (QueryResult ids = apiary.sql("SELECT sum(id) FROM h.b.f")) {
      ids.reader().loadNextBatch();
      assertThat(ids.reader().getVectorSchemaRoot().getVector(0).getObject(0).toString())
          .isEqualTo("9");
    }
  }
}
