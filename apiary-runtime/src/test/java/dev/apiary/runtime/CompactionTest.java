package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction through a real node: fewer cells, the same rows, and no lost appends. */
class CompactionTest {
  private static final String ALL = "SELECT id, day, v FROM t ORDER BY id";
  @TempDir Path dir;
  Apiary apiary;
  int files;

  @BeforeEach
  void setUp() {
    apiary =
        new Apiary(
                ApiaryConfig.named("compaction")
                    .withStorage(dir.resolve("store").toString())
                    .withNodeDirectory(dir.resolve("node"))
                    .withResources(2, 1L << 30))
            .start();
  }

  @AfterEach
  void tearDown() {
    apiary.shutdown();
  }

  private List<List<String>> rows(String sql) {
    try (QueryResult result = apiary.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  /** Appends rows {@code from..from+count-1} as one commit (one small cell per partition). */
  private void append(int from, int count) throws Exception {
    StringBuilder csv = new StringBuilder("id,day,v\n");
    for (int i = from; i < from + count; i++) {
      csv.append(i).append(',').append(i % 2).append(',').append(i * 0.5).append('\n');
    }
    Path file = dir.resolve("rows-" + files++ + ".csv");
    Files.writeString(file, csv);
    apiary.load(file, "default", "default", "t", Optional.empty(), n -> {});
  }

  private static java.util.Map<String, String> schema() {
    java.util.Map<String, String> schema = new java.util.LinkedHashMap<>();
    schema.put("id", "int64");
    schema.put("day", "int64");
    schema.put("v", "float64");
    return schema;
  }

  private int cells() {
    return apiary.getFrame("default", "default", "t").cellCount();
  }

  @Test
  void hundredSmallCellsBecomeAtMostTwoAndEveryQueryAnswersTheSame() throws Exception {
    apiary.createFrame("default", "default", "t", schema(), List.of());
    for (int i = 0; i < 100; i++) {
      append(i * 3, 3);
    }
    assertThat(cells()).isEqualTo(100);
    List<List<String>> before = rows(ALL);
    List<List<String>> summary = rows("SELECT day, count(*), sum(v), min(id) FROM t GROUP BY day");
    long version = apiary.getFrame("default", "default", "t").version();

    CompactionResult result = apiary.compact("default", "default", "t");

    assertThat(result.cellsBefore()).isEqualTo(100);
    assertThat(result.cellsReplaced()).isEqualTo(100);
    assertThat(result.cellsAfter()).isBetween(1, 2);
    assertThat(cells()).isBetween(1, 2);
    assertThat(rows(ALL)).isEqualTo(before);
    assertThat(rows("SELECT day, count(*), sum(v), min(id) FROM t GROUP BY day"))
        .containsExactlyInAnyOrderElementsOf(summary);
    assertThat(rows("SELECT id, day, v FROM t AT (VERSION => " + version + ") ORDER BY id"))
        .isEqualTo(before);
    assertThat(apiary.compact("default", "default", "t").cellsReplaced()).isZero();
  }

  @Test
  void appendsCommittedDuringCompactionAreNotLost() throws Exception {
    apiary.createFrame("default", "default", "t", schema(), List.of());
    for (int i = 0; i < 60; i++) {
      append(i * 2, 2);
    }
    ExecutorService compactor = Executors.newSingleThreadExecutor();
    try {
      Future<CompactionResult> compaction =
          compactor.submit(() -> apiary.compact("default", "default", "t"));
      int next = 1000;
      int appendedDuring = 0;
      while (!compaction.isDone() || appendedDuring < 3) {
        append(next, 5);
        next += 5;
        appendedDuring++;
      }
      CompactionResult result = compaction.get(60, TimeUnit.SECONDS);
      assertThat(result.commits() + result.groupsLost()).isEqualTo(1);
      assertThat(rows("SELECT count(*), count(DISTINCT id) FROM t"))
          .containsExactly(
              List.of(
                  String.valueOf(120 + appendedDuring * 5),
                  String.valueOf(120 + appendedDuring * 5)));
      assertThat(rows("SELECT min(id), max(id) FROM t WHERE id >= 1000"))
          .containsExactly(List.of("1000", String.valueOf(next - 1)));
    } finally {
      compactor.shutdownNow();
    }
  }

  @Test
  void partitionedFrameCompactsWithinEachPartition() throws Exception {
    apiary.createFrame("default", "default", "t", schema(), List.of("day"));
    for (int i = 0; i < 10; i++) {
      append(i * 4, 4);
    }
    assertThat(cells()).isEqualTo(20);
    List<List<String>> before = rows(ALL);
    CompactionResult result = apiary.compact("default", "default", "t");
    assertThat(result.cellsAfter()).isEqualTo(2);
    assertThat(rows(ALL)).isEqualTo(before);
    assertThat(rows("EXPLAIN SELECT count(*) FROM t WHERE day = 1").toString()).contains("1 of 2");
  }

  @Test
  void anIdleNodeCompactsTheFramesItWroteInTheBackground() throws Exception {
    apiary.shutdown();
    apiary =
        new Apiary(
                ApiaryConfig.named("compaction")
                    .withStorage(dir.resolve("store").toString())
                    .withNodeDirectory(dir.resolve("node"))
                    .withResources(2, 1L << 30)
                    .withCompactionInterval(java.time.Duration.ofMillis(200)))
            .start();
    apiary.createFrame("default", "default", "t", schema(), List.of());
    for (int i = 0; i < Node.BACKGROUND_MIN_CELLS; i++) {
      append(i * 3, 3);
    }
    List<List<String>> expected = rows(ALL);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cells() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(cells()).isEqualTo(1);
    assertThat(rows(ALL)).isEqualTo(expected);
  }
}
