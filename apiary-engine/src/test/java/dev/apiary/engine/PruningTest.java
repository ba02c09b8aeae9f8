package dev.apiary.engine;

import static dev.apiary.engine.ArrowTables.dates;
import static dev.apiary.engine.ArrowTables.longs;
import static dev.apiary.engine.ArrowTables.strings;
import static dev.apiary.engine.ArrowTables.table;
import static dev.apiary.engine.EngineFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning keeps only cells that can match and never changes a result: 9 cells, one per region
 * (partition column) and month (clustered day column).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PruningTest {
  EngineFixture f;

  @BeforeAll
  void setUp(@TempDir Path dir) {
    f = new EngineFixture(dir);
    f.createFrame(
        "h",
        "b",
        "sales",
        columns("id", "int64", "region", "string", "day", "date", "amount", "int64"),
        List.of("region"));
    f.createFrame("h", "b", "regions", columns("region", "string", "manager", "string"), List.of());
    long id = 0;
    for (String region : List.of("north", "south", "west")) {
      for (int month = 1; month <= 3; month++) {
        Long[] ids = new Long[20];
        String[] regions = new String[20];
        Integer[] days = new Integer[20];
        Long[] amounts = new Long[20];
        for (int i = 0; i < 20; i++) {
          ids[i] = id++;
          regions[i] = region;
          days[i] = (int) LocalDate.of(2024, month, 1 + i).toEpochDay();
          amounts[i] = id * 10;
        }
        try (VectorSchemaRoot data =
            table(
                longs(f.allocator, "id", ids),
                strings(f.allocator, "region", regions),
                dates(f.allocator, "day", days),
                longs(f.allocator, "amount", amounts))) {
          f.append("h.b.sales", data);
        }
      }
    }
    try (VectorSchemaRoot data =
        table(
            strings(f.allocator, "region", "north", "east"),
            strings(f.allocator, "manager", "ann", "bob"))) {
      f.append("h.b.regions", data);
    }
  }

  @AfterAll
  void tearDown() {
    f.close();
  }

  /** Cells kept for the frame 'sales', and the check that results equal the unpruned ones. */
  private int keptAndSameRows(String sql) {
    List<List<String>> pruned;
    int kept;
    try (QueryResult result = f.engine.execute(sql, f.session)) {
      pruned = EngineFixture.drain(result.reader());
      kept =
          result.plan().stream()
              .filter(p -> p.frame().frame().equals("sales"))
              .mapToInt(QueryResult.FramePlan::cellsKept)
              .sum();
    }
    List<List<String>> all = f.rows(sql, new QueryEngine.Options(false));
    assertThat(pruned).as(sql).isEqualTo(all);
    return kept;
  }

  @Test
  void nineCellsWritten() {
    assertThat(f.log("h", "b", "sales").snapshot().fileCount()).isEqualTo(9);
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales")).isEqualTo(9);
  }

  @Test
  void equalityOnPartitionColumn() {
    assertThat(
            keptAndSameRows("SELECT id, amount FROM h.b.sales WHERE region = 'north' ORDER BY id"))
        .isEqualTo(3);
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales WHERE 'south' = region"))
        .isEqualTo(3);
  }

  @Test
  void orAndInOnPartitionColumn() {
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE region = 'north' OR region = 'west'"))
        .isEqualTo(6);
    assertThat(
            keptAndSameRows(
                "SELECT sum(amount) FROM h.b.sales WHERE region IN ('south', 'nowhere')"))
        .isEqualTo(3);
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales WHERE region NOT IN ('south')"))
        .isEqualTo(6);
  }

  @Test
  void rangeOnClusteredColumn() {
    assertThat(
            keptAndSameRows(
                "SELECT id FROM h.b.sales WHERE day BETWEEN DATE '2024-02-03' AND DATE '2024-02-10' ORDER BY id"))
        .isEqualTo(3);
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales WHERE day >= DATE '2024-03-01'"))
        .isEqualTo(3);
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE day < '2024-01-15' AND region <> 'west'"))
        .isEqualTo(2);
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales WHERE id >= 170")).isEqualTo(1);
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales WHERE NOT (id < 170)")).isEqualTo(1);
  }

  @Test
  void dateBoundsWithIntervalsPruneAndReturnTheSameRows() {
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE day >= DATE '2024-01-01' + INTERVAL 1 MONTH"
                    + " AND day < DATE '2024-02-01' + INTERVAL '1' MONTH"))
        .isEqualTo(3);
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE day < DATE '2024-03-01' - INTERVAL 20 DAY"))
        .isEqualTo(6);
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE day >= DATE '2023-03-01' + INTERVAL '1' YEAR"))
        .isEqualTo(3);
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE day > DATE '2024-02-20' + INTERVAL 1 WEEK"))
        .isEqualTo(3);
    // Not folded (kept): hours on a date, fractions, a timestamp base against a date column.
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE day > DATE '2024-02-20' + INTERVAL 12 HOUR"))
        .isEqualTo(9);
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales WHERE day > DATE '2024-02-20' + INTERVAL '1.5' MONTH"))
        .isLessThanOrEqualTo(9);
    assertThat(
            keptAndSameRows(
                "SELECT count(*) FROM h.b.sales"
                    + " WHERE day < TIMESTAMP '2024-01-25 00:00:00' + INTERVAL 6 DAY"))
        .isEqualTo(9);
  }

  @Test
  void joinsPruneOnlyWhereItIsSafe() {
    assertThat(
            keptAndSameRows(
                "SELECT s.id, r.manager FROM h.b.sales s JOIN h.b.regions r ON s.region = r.region"
                    + " WHERE s.region = 'north' ORDER BY s.id"))
        .isEqualTo(3);
    // The null-supplying side of an outer join is never pruned: this WHERE keeps unmatched rows.
    assertThat(
            keptAndSameRows(
                "SELECT r.region, count(s.id) FROM h.b.regions r LEFT JOIN h.b.sales s ON s.region ="
                    + " r.region WHERE s.region = 'north' OR s.region IS NULL GROUP BY ALL ORDER BY 1"))
        .isEqualTo(9);
  }

  @Test
  void unknownPredicatesKeepEverything() {
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales WHERE lower(region) = 'north'"))
        .isEqualTo(9);
    assertThat(keptAndSameRows("SELECT count(*) FROM h.b.sales WHERE amount % 7 = 0")).isEqualTo(9);
  }

  @Test
  void explainShowsVersionAndCellsKept() {
    assertThat(f.rows("EXPLAIN SELECT * FROM h.b.sales WHERE region = 'west'").get(0).get(0))
        .isEqualTo(
            "frame h.b.sales @ version 9: 3 of 9 cells kept, 6 pruned (by statistics and partition values)");
    List<List<String>> analyzed =
        f.rows("EXPLAIN ANALYZE SELECT * FROM h.b.sales WHERE region = 'west'");
    assertThat(analyzed.stream().map(r -> r.get(0)))
        .contains("rows: 60")
        .anyMatch(l -> l.startsWith("execute: "));
  }
}
