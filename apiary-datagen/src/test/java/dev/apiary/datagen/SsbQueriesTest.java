package dev.apiary.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SsbQueriesTest {
  private static DuckDbSink duckDb;

  @BeforeAll
  static void load() throws SQLException {
    duckDb = new DuckDbSink();
    duckDb.load(Ssb.tables(0.01));
  }

  @AfterAll
  static void close() throws SQLException {
    duckDb.close();
  }

  @Test
  void allThirteenQueriesRunAndNearlyAllReturnRowsAtScaleOneHundredth() throws SQLException {
    List<BenchmarkQuery> queries = Ssb.queries();
    assertThat(queries).hasSize(13);
    List<String> empty = new ArrayList<>();
    for (BenchmarkQuery query : queries) {
      List<List<String>> rows = duckDb.rows(query.sql());
      boolean hasRows = !rows.isEmpty() && rows.get(0).stream().anyMatch(v -> v != null);
      System.out.println(
          "ssb " + query.id() + ": " + rows.size() + " rows" + (hasRows ? "" : " (EMPTY)"));
      if (!hasRows) {
        empty.add(query.id());
      }
    }
    System.out.println("ssb queries without rows at SF 0.01: " + empty);
    assertThat(13 - empty.size()).isGreaterThanOrEqualTo(11);
  }
}
