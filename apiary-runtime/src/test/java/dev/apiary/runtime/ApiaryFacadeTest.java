package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.catalog.DropMode;
import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.InvalidInputException;
import dev.apiary.error.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiaryFacadeTest {
  @TempDir Path dir;
  Apiary apiary;

  Apiary node(String nodeName) {
    return new Apiary(
        ApiaryConfig.named("facade")
            .withStorage(dir.resolve("store").toString())
            .withNodeDirectory(dir.resolve(nodeName))
            .withResources(2, 1L << 30));
  }

  @BeforeEach
  void setUp() {
    apiary = node("node-a").start();
  }

  @AfterEach
  void tearDown() {
    apiary.shutdown();
  }

  private List<List<String>> rows(Apiary node, String sql) {
    try (QueryResult result = node.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  private Path csv(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void callsBeforeStartAreRefused() {
    Apiary idle = node("idle");
    assertThatThrownBy(idle::listHives)
        .isInstanceOf(ApiaryException.class)
        .hasMessage("Apiary 'facade' is not started; call start() first");
    assertThat(idle.status().state()).isEqualTo("stopped");
  }

  @Test
  void statusReportsResourcesAndAPersistentNodeId() {
    NodeStatus status = apiary.status();
    assertThat(status.state()).isEqualTo("running");
    assertThat(status.cores()).isEqualTo(2);
    assertThat(status.bees()).isEqualTo(2);
    assertThat(status.storage()).isEqualTo("local");
    assertThat(status.memoryPerBeeBytes())
        .isEqualTo((status.memoryBytes() - status.reserveBytes()) / 2);
    assertThat(status.targetCellBytes()).isBetween(16L << 20, 512L << 20);
    String id = status.nodeId();
    apiary.shutdown();
    apiary.start();
    assertThat(apiary.status().nodeId()).isEqualTo(id);
  }

  @Test
  void twoNodesOnOneStorageSeeEachOthersCommits() throws Exception {
    Apiary other = node("node-b").start();
    try {
      apiary.createHive("shared");
      apiary.createBox("shared", "b");
      Map<String, String> schema = new LinkedHashMap<>();
      schema.put("id", "int64");
      schema.put("city", "string");
      apiary.createFrame("shared", "b", "t", schema, List.of("city"));
      assertThat(other.listFrames("shared", "b")).containsExactly("t");
      other.load(
          csv("a.csv", "id,city\n1,ams\n2,ber\n"), "shared", "b", "t", Optional.empty(), n -> {});
      assertThat(rows(apiary, "SELECT count(*) FROM shared.b.t")).containsExactly(List.of("2"));
      apiary.load(csv("b.csv", "id,city\n3,ams\n"), "shared", "b", "t", Optional.empty(), n -> {});
      assertThat(other.getFrame("shared", "b", "t").rowCount()).isEqualTo(3);
      assertThat(other.getFrame("shared", "b", "t").version()).isEqualTo(2);
    } finally {
      other.shutdown();
    }
  }

  @Test
  void loadCreatesFramesFromCsvJsonAndParquet() throws Exception {
    AtomicLong progress = new AtomicLong();
    WriteSummary summary =
        apiary.load(
            csv("people.csv", "name,age,city\nann,31,ams\nbob,42,ber\ncid,,ams\n"),
            "default",
            "default",
            "people",
            Optional.of(List.of("city")),
            progress::set);
    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(summary.cellsWritten()).isEqualTo(2);
    assertThat(progress.get()).isEqualTo(3);
    FrameInfo info = apiary.getFrame("default", "default", "people");
    assertThat(info.schema()).containsEntry("age", "int64").containsEntry("name", "string");
    assertThat(info.partitionBy()).containsExactly("city");
    assertThat(rows(apiary, "SELECT name, age FROM people ORDER BY name"))
        .containsExactly(
            List.of("ann", "31"), List.of("bob", "42"), java.util.Arrays.asList("cid", null));

    Path json = csv("events.json", "{\"kind\":\"a\",\"n\":1}\n{\"kind\":\"b\",\"n\":2}\n");
    apiary.load(json, "default", "default", "events", Optional.of(List.of()), n -> {});
    assertThat(rows(apiary, "SELECT sum(n) FROM events")).containsExactly(List.of("3"));

    Path parquet = dir.resolve("cells").resolve("any.parquet");
    Files.createDirectories(parquet.getParent());
    try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT range AS k, range * 2 AS v FROM range(1000)) TO '"
              + parquet
              + "' (FORMAT parquet)");
    }
    apiary.load(parquet, "default", "default", "numbers", Optional.of(List.of()), n -> {});
    assertThat(rows(apiary, "SELECT count(*), sum(v) FROM numbers"))
        .containsExactly(List.of("1000", "999000"));

    assertThatThrownBy(
            () ->
                apiary.load(
                    dir.resolve("missing.csv"),
                    "default",
                    "default",
                    "x",
                    Optional.of(List.of()),
                    n -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("No such file: " + dir.resolve("missing.csv"));
  }

  @Test
  void readWithPartitionFilterAndOverwrite() throws Exception {
    apiary.load(
        csv("p.csv", "id,city\n1,ams\n2,ber\n3,ams\n"),
        "default",
        "default",
        "p",
        Optional.of(List.of("city")),
        n -> {});
    try (QueryResult result = apiary.read("default", "default", "p", Map.of("city", "ams"))) {
      assertThat(ResultRows.of(result.reader())).hasSize(2);
      assertThat(result.plan().get(0).cellsKept()).isEqualTo(1);
    }
    assertThatThrownBy(() -> apiary.read("default", "default", "p", Map.of("id", "1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'id' is not a partition column of default.default.p (partitioned by city)");
    apiary.load(
        csv("q.csv", "id,city\n9,osl\n"), "default", "default", "p", Optional.empty(), n -> {});
    QueryResult source = apiary.sql("SELECT 7::BIGINT AS id, 'rom' AS city");
    // The write closes its input, and with it the statement that produced it.
    apiary.overwrite(
        "default",
        "default",
        "p",
        dev.apiary.engine.ForwardingArrowReader.closing(
            apiary.allocator(), source.reader(), source));
    assertThat(rows(apiary, "SELECT id, city FROM p")).containsExactly(List.of("7", "rom"));
  }

  @Test
  void dropRemovesTheFrameAndItsFiles() throws Exception {
    apiary.load(
        csv("d.csv", "id\n1\n"), "default", "default", "gone", Optional.of(List.of()), n -> {});
    apiary.dropFrame("default", "default", "gone");
    assertThat(apiary.listFrames("default", "default")).doesNotContain("gone");
    assertThat(dir.resolve("store/default/default/gone")).doesNotExist();
    assertThatThrownBy(() -> apiary.getFrame("default", "default", "gone"))
        .isInstanceOf(NotFoundException.class);
    apiary.createHive("tmp");
    apiary.createBox("tmp", "b");
    apiary.load(csv("e.csv", "id\n1\n"), "tmp", "b", "t", Optional.of(List.of()), n -> {});
    apiary.dropHive("tmp", DropMode.CASCADE);
    assertThat(apiary.listHives()).containsExactly("default");
  }
}
