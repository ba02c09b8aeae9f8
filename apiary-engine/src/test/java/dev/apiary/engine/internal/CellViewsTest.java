package dev.apiary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.engine.LocalCell;
import dev.apiary.table.Column;
import dev.apiary.table.ColumnType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellViewsTest {
  @TempDir Path dir;

  private static final List<Column> COLUMNS =
      List.of(
          new Column("k", ColumnType.parse("int64"), false),
          new Column("v", ColumnType.parse("string"), true));

  private static List<String> rows(Statement statement, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(result.getMetaData().getColumnCount()));
      }
    }
    return rows;
  }

  private static List<LocalCell> cells(Path... files) {
    List<LocalCell> cells = new ArrayList<>();
    for (Path file : files) {
      cells.add(new LocalCell(file, Map.of()));
    }
    return cells;
  }

  @Test
  void viewOverSeveralCellsGivesTheEngineTheirExactRowCountAndNullCounts() throws SQLException {
    Path big = dir.resolve("a.parquet");
    Path small = dir.resolve("b.parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      // The first cell is the small one: without the cells' statistics the engine would guess
      // 2 cells x 3 rows.
      statement.execute(
          "COPY (SELECT 7::BIGINT AS k, 'x' AS v UNION ALL SELECT 8, 'y' UNION ALL SELECT 9, NULL)"
              + " TO '"
              + small
              + "' (FORMAT parquet)");
      statement.execute(
          "COPY (SELECT range::BIGINT AS k, 'z' AS v FROM range(1000)) TO '"
              + big
              + "' (FORMAT parquet)");
      statement.execute(
          "CREATE VIEW frame AS " + CellViews.body(COLUMNS, List.of(), cells(small, big)));

      String plan = String.join("\n", rows(statement, "EXPLAIN SELECT * FROM frame"));
      assertThat(plan).contains("~1,003 rows");
      String filtered =
          String.join("\n", rows(statement, "EXPLAIN SELECT * FROM frame WHERE k IS NOT NULL"));
      assertThat(filtered).doesNotContain("IS NOT NULL");
      assertThat(rows(statement, "SELECT count(*) FROM frame WHERE v IS NULL"))
          .containsExactly("1");
    }
  }

  @Test
  void viewOverNoCellsIsEmptyWithTheFrameColumns() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE VIEW frame AS " + CellViews.body(COLUMNS, List.of(), List.of()));
      assertThat(rows(statement, "SELECT count(*) FROM frame")).containsExactly("0");
      assertThat(rows(statement, "SELECT column_name || ' ' || column_type FROM (DESCRIBE frame)"))
          .containsExactly("k BIGINT", "v VARCHAR");
    }
  }
}
