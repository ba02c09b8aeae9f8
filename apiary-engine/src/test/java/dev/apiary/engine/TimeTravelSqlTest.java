package dev.apiary.engine;

import static dev.apiary.engine.ArrowTables.longs;
import static dev.apiary.engine.ArrowTables.table;
import static dev.apiary.engine.EngineFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a frame as of an older version or time, in SQL (SPEC 5.3). */
class TimeTravelSqlTest {
  @TempDir Path dir;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(dir);
    f.createFrame("h", "b", "t", columns("v", "int64"), List.of());
    for (long version = 1; version <= 3; version++) {
      try (VectorSchemaRoot data = table(longs(f.allocator, "v", version * 10, version * 10 + 1))) {
        f.append("h.b.t", data);
      }
    }
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void versionClauseInBothSyntaxes() {
    assertThat(f.rows("SELECT count(*), max(v) FROM h.b.t AT (VERSION => 1)"))
        .containsExactly(List.of("2", "11"));
    assertThat(f.rows("SELECT count(*) FROM h.b.t VERSION AS OF 2")).containsExactly(List.of("4"));
    assertThat(f.rows("SELECT count(*) FROM h.b.t")).containsExactly(List.of("6"));
    f.rows("USE h.b");
    assertThat(f.rows("SELECT max(x.v) FROM t AS x AT (VERSION => 2) WHERE x.v > 0"))
        .containsExactly(List.of("21"));
  }

  @Test
  void oneStatementCanReadSeveralVersions() {
    assertThat(
            f.rows(
                "SELECT (SELECT count(*) FROM h.b.t) - (SELECT count(*) FROM h.b.t AT (VERSION =>"
                    + " 1)) AS added"))
        .containsExactly(List.of("4"));
    try (QueryResult result =
        f.engine.execute(
            "SELECT count(*) FROM h.b.t AS now JOIN h.b.t AS old AT (VERSION => 2) ON now.v = old.v",
            f.session)) {
      assertThat(EngineFixture.drain(result.reader())).containsExactly(List.of("4"));
      assertThat(result.plan())
          .extracting(QueryResult.FramePlan::version)
          .containsExactlyInAnyOrder(3L, 2L);
    }
  }

  @Test
  void timestampClausePicksTheVersionCurrentThen() {
    assertThat(f.rows("SELECT count(*) FROM h.b.t TIMESTAMP AS OF '2999-01-01 00:00:00'"))
        .containsExactly(List.of("6"));
    assertThatThrownBy(
            () -> f.rows("SELECT count(*) FROM h.b.t AT (TIMESTAMP => TIMESTAMP '2000-01-01')"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("has no version at or before 2000-01-01T00:00:00Z");
  }

  @Test
  void missingVersionIsNotFound() {
    assertThatThrownBy(() -> f.rows("SELECT * FROM h.b.t AT (VERSION => 9)"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Version 9 of 'h/b/t/' does not exist; the latest is 3");
  }
}
