package dev.apiary.engine;

import static dev.apiary.engine.ArrowTables.longs;
import static dev.apiary.engine.ArrowTables.strings;
import static dev.apiary.engine.ArrowTables.table;
import static dev.apiary.engine.EngineFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAndQueryTest {
  @TempDir Path dir;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void writeThenQueryByEveryNameForm() {
    f.createFrame(
        "sales", "eu", "orders", columns("id", "int64", "city", "string"), List.of("city"));
    try (VectorSchemaRoot data =
        table(
            longs(f.allocator, "id", 1L, 2L, 3L),
            strings(f.allocator, "city", "ams", "ber", "ams"))) {
      WriteSummary summary = f.append("sales.eu.orders", data);
      assertThat(summary.cellsWritten()).isEqualTo(2);
      assertThat(summary.rowsWritten()).isEqualTo(3);
      assertThat(summary.version()).isEqualTo(1);
    }
    assertThat(f.rows("SELECT id, city FROM sales.eu.orders ORDER BY id"))
        .containsExactly(List.of("1", "ams"), List.of("2", "ber"), List.of("3", "ams"));
    assertThat(f.rows("USE sales"))
        .containsExactly(List.of("Using hive sales; name frames as box.frame or USE BOX b"));
    assertThat(f.rows("SELECT count(*) FROM eu.orders")).containsExactly(List.of("3"));
    f.rows("USE sales.eu");
    assertThat(f.rows("SELECT sum(id) FROM orders WHERE city = 'ams'"))
        .containsExactly(List.of("4"));
    assertThat(f.rows("DESCRIBE orders"))
        .contains(
            List.of("partition_by", "city"),
            List.of("cells", "2"),
            List.of("total_rows", "3"),
            List.of("version", "1"),
            List.of("codec", "lz4_raw"));
  }

  @Test
  void partitionColumnsAreLeftOutOfCellsAndReadFromTheLog() throws Exception {
    f.createFrame(
        "sales", "eu", "orders", columns("id", "int64", "city", "string"), List.of("city"));
    try (VectorSchemaRoot data =
        table(
            longs(f.allocator, "id", 1L, 2L, 3L),
            strings(f.allocator, "city", "ams", "a/b c", "x%y=z"))) {
      f.append("sales.eu.orders", data);
    }
    List<Path> cells;
    try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
      cells = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    assertThat(cells).hasSize(3);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      for (Path cell : cells) {
        try (ResultSet columns =
            statement.executeQuery(
                "SELECT name FROM parquet_schema('" + cell + "') WHERE name <> 'duckdb_schema'")) {
          assertThat(columns.next()).isTrue();
          assertThat(columns.getString(1)).as(cell.toString()).isEqualTo("id");
          assertThat(columns.next()).as(cell.toString()).isFalse();
        }
      }
    }
    assertThat(f.rows("SELECT id, city FROM sales.eu.orders ORDER BY id"))
        .containsExactly(List.of("1", "ams"), List.of("2", "a/b c"), List.of("3", "x%y=z"));
    assertThat(f.rows("SELECT id FROM sales.eu.orders WHERE city = 'x%y=z'"))
        .containsExactly(List.of("3"));
  }
}
