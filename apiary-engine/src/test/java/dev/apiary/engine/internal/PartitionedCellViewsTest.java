package dev.apiary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.engine.LocalCell;
import dev.apiary.table.Column;
import dev.apiary.table.ColumnType;
import dev.apiary.table.PartitionPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partition values of a frame's view come from the log, whether or not the cells hold the partition
 * columns: from the cells' directories when they spell the log's values, else as constants per
 * group of cells.
 */
class PartitionedCellViewsTest {
  @TempDir Path dir;

  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", ColumnType.parse("int64"), false),
          new Column("day", ColumnType.parse("date"), true),
          new Column("tag", ColumnType.parse("string"), true),
          new Column("at", ColumnType.parse("timestamp"), true),
          new Column("n", ColumnType.parse("int32"), true));
  private static final List<String> PARTITION_BY = List.of("day", "tag", "at", "n");

  private Connection connection;
  private Statement statement;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    statement = connection.createStatement();
    statement.execute("SET TimeZone = 'UTC'");
  }

  @org.junit.jupiter.api.AfterEach
  void close() throws SQLException {
    connection.close();
  }

  /** The partition values of a cell, in frame order; nulls allowed. */
  private static Map<String, String> values(String day, String tag, String at, String n) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("day", day);
    values.put("tag", tag);
    values.put("at", at);
    values.put("n", n);
    return values;
  }

  /** A cell under {@code root} in the directories a Delta writer names, holding only {@code id}. */
  private LocalCell cell(Path root, long id, Map<String, String> values) throws SQLException {
    Path directory = root;
    for (Map.Entry<String, String> e : values.entrySet()) {
      directory = directory.resolve(e.getKey() + "=" + PartitionPaths.escape(e.getValue()));
    }
    return cellAt(directory, "SELECT " + id + "::BIGINT AS id", values);
  }

  private LocalCell cellAt(Path directory, String select, Map<String, String> values)
      throws SQLException {
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    Path file = directory.resolve("part-" + java.util.UUID.randomUUID() + ".parquet");
    statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    return new LocalCell(file, values);
  }

  private List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private String view(List<LocalCell> cells) throws SQLException {
    String body = CellViews.body(COLUMNS, PARTITION_BY, cells);
    statement.execute("CREATE OR REPLACE VIEW frame AS " + body);
    return body;
  }

  private static final String ROWS =
      "SELECT id, day, tag, strftime(\"at\", '%Y-%m-%d %H:%M:%S'), n, typeof(day), typeof(tag),"
          + " typeof(\"at\"), typeof(n) FROM frame ORDER BY id";

  @Test
  void valuesComeFromTheDirectoriesTypedAsTheFrameDeclaresThem() throws SQLException {
    Path frame = dir.resolve("store/hive/box/frame");
    String body =
        view(
            List.of(
                cell(frame, 1, values("2024-05-01", "a b/c:d%e=f", "2024-05-01 10:30:00", "7")),
                cell(frame, 2, values(null, null, null, null)),
                cell(frame, 3, values("1999-12-31", "", "1970-01-01 00:00:00", "-3")),
                cell(frame, 4, values("2024-05-01", "NULL", "2024-05-01 10:30:00", "007"))));
    assertThat(body).contains("hive_partitioning = true").doesNotContain("UNION ALL");
    assertThat(rows(ROWS))
        .containsExactly(
            "1|2024-05-01|a b/c:d%e=f|2024-05-01 10:30:00|7|DATE|VARCHAR|TIMESTAMP WITH TIME"
                + " ZONE|INTEGER",
            "2|null|null|null|null|DATE|VARCHAR|TIMESTAMP WITH TIME ZONE|INTEGER",
            "3|1999-12-31||1970-01-01 00:00:00|-3|DATE|VARCHAR|TIMESTAMP WITH TIME ZONE|INTEGER",
            "4|2024-05-01|NULL|2024-05-01 10:30:00|7|DATE|VARCHAR|TIMESTAMP WITH TIME ZONE|INTEGER");
    assertThat(rows("SELECT count(*) FROM frame WHERE tag IS NULL")).containsExactly("1");
  }

  @Test
  void cellsThatHoldTheirPartitionColumnsReadTheSameNextToCellsThatDoNot() throws SQLException {
    Path frame = dir.resolve("store/hive/box/frame");
    Map<String, String> values = values("2024-05-01", "old", "2024-05-01 00:00:00", "1");
    Path directory = frame.resolve("day=2024-05-01/tag=old/at=2024-05-01 00%3A00%3A00/n=1");
    LocalCell old =
        cellAt(
            directory,
            "SELECT 1::BIGINT AS id, DATE '2024-05-01' AS day, 'old' AS tag,"
                + " TIMESTAMPTZ '2024-05-01 00:00:00+00' AS at, 1 AS n",
            values);
    LocalCell current = cell(frame, 2, values);
    assertThat(view(List.of(old, current))).contains("hive_partitioning = true");
    assertThat(rows("SELECT id, day, tag, n FROM frame ORDER BY id"))
        .containsExactly("1|2024-05-01|old|1", "2|2024-05-01|old|1");
  }

  @Test
  void aStorageDirectoryNamedLikeAFrameColumnDoesNotReplaceTheColumn() throws SQLException {
    // /.../id=9/...: read from the paths, every id would be 9; /.../tag=outer/: the outer
    // directory would win over the cell's own tag=a.
    for (String root : List.of("id=9/frame", "tag=outer/frame", "TAG=outer/frame")) {
      Path frame = dir.resolve(root);
      String body =
          view(
              List.of(
                  cell(frame, 1, values("2024-05-01", "a", "2024-05-01 00:00:00", "1")),
                  cell(frame, 2, values("2024-05-02", "b", "2024-05-01 00:00:00", "2"))));
      assertThat(body).as(root).contains("UNION ALL").doesNotContain("hive_partitioning = true");
      assertThat(rows("SELECT id, day, tag, n FROM frame ORDER BY id"))
          .as(root)
          .containsExactly("1|2024-05-01|a|1", "2|2024-05-02|b|2");
    }
  }

  @Test
  void aStorageDirectoryNamedLikeNoFrameColumnIsHarmless() throws SQLException {
    Path frame = dir.resolve("year=2024/frame");
    String body = view(List.of(cell(frame, 1, values("2024-05-01", "a", null, "1"))));
    assertThat(body).contains("hive_partitioning = true");
    assertThat(rows("SELECT * FROM frame")).containsExactly("1|2024-05-01|a|null|1");
  }

  @Test
  void cellsWhoseDirectoriesDoNotSpellTheLogsValuesTakeTheLogs() throws SQLException {
    Path frame = dir.resolve("frame");
    Map<String, String> first = values("2024-05-01", "a", null, "1");
    Map<String, String> second = values("2024-05-02", "b", null, "2");
    String body =
        view(
            List.of(
                // A writer that keeps cells in no partition directories.
                cellAt(frame, "SELECT 1::BIGINT AS id", first),
                cellAt(frame, "SELECT 2::BIGINT AS id UNION ALL SELECT 3", second),
                // Directories that disagree with the log: the log is the truth.
                cellAt(frame.resolve("tag=zzz"), "SELECT 4::BIGINT AS id", first)));
    assertThat(body).contains("UNION ALL").doesNotContain("hive_partitioning = true");
    assertThat(rows("SELECT id, day, tag, n FROM frame ORDER BY id"))
        .containsExactly(
            "1|2024-05-01|a|1", "2|2024-05-02|b|2", "3|2024-05-02|b|2", "4|2024-05-01|a|1");
    assertThat(rows("SELECT count(*) FROM frame WHERE tag = 'b'")).containsExactly("2");
  }

  @Test
  void directoryValuesDecodeAsTheEngineDecodesThem() {
    assertThat(PartitionDirectories.spells("a%20b%2Fc", "a b/c")).isTrue();
    assertThat(PartitionDirectories.spells("x%25y", "x%y")).isTrue();
    assertThat(PartitionDirectories.spells("a+b", "a+b")).isTrue();
    assertThat(PartitionDirectories.spells("%C3%A9t%C3%A9", "été")).isTrue();
    assertThat(PartitionDirectories.spells(PartitionPaths.NULL_VALUE, null)).isTrue();
    assertThat(PartitionDirectories.spells("", "")).isTrue();
    assertThat(PartitionDirectories.spells("", null)).isFalse();
    assertThat(PartitionDirectories.spells("a%2", "a%2")).isFalse();
    assertThat(PartitionDirectories.spells("a%zz", "a%zz")).isFalse();
    assertThat(PartitionDirectories.spells("%FF", "\uFFFD")).isFalse();
    assertThat(PartitionDirectories.spells("a", null)).isFalse();
  }
}
