package dev.apiary.engine;

import static dev.apiary.engine.ArrowTables.longs;
import static dev.apiary.engine.ArrowTables.table;
import static dev.apiary.engine.EngineFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.error.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxAndCommandsTest {
  @TempDir Path dir;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(dir);
    f.createFrame("h", "b", "t", columns("v", "int64"), List.of());
    try (VectorSchemaRoot data = table(longs(f.allocator, "v", 1L, 2L))) {
      f.append("h.b.t", data);
    }
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void userSqlCannotReachTheHostAndFramesStayQueryable() {
    assertThatThrownBy(() -> f.rows("SELECT * FROM read_csv('/etc/passwd')"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageStartingWith("Permission Error: Cannot access file \"/etc/passwd\"");
    assertThatThrownBy(() -> f.rows("COPY (SELECT 1) TO '/tmp/x.csv'"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageStartingWith("COPY is not allowed");
    assertThatThrownBy(() -> f.rows("ATTACH '/tmp/evil.db' AS evil"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageStartingWith("ATTACH is not allowed");
    assertThatThrownBy(() -> f.rows("INSTALL httpfs"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageStartingWith("INSTALL is not allowed");
    assertThatThrownBy(() -> f.rows("SET memory_limit='1GB'"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageStartingWith("SET is not allowed");
    assertThatThrownBy(
            () -> f.rows("SELECT * FROM read_parquet('" + dir.getParent() + "/**/*.parquet')"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> f.rows("SELECT current_setting('memory_limit'); SET threads = 64"))
        .isInstanceOf(InvalidInputException.class);
    assertThat(f.rows("SELECT sum(v) FROM h.b.t")).containsExactly(List.of("3"));
  }

  @Test
  void dataChangesAreRefusedNamingTheApiCall() {
    assertThatThrownBy(() -> f.rows("INSERT INTO h.b.t VALUES (3)"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "INSERT is not supported in SQL: add rows with write_to_frame (Python), Apiary.write"
                + " (Java) or `apiary load FILE --into hive.box.frame`");
    assertThatThrownBy(() -> f.rows("  -- comment\n delete from h.b.t"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "DELETE is not supported yet: rewrite the frame with overwrite_frame");
    assertThatThrownBy(() -> f.rows("CREATE TABLE x AS SELECT 1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("CREATE is not supported in SQL yet: use create_hive");
    assertThat(f.rows("SELECT count(*) FROM h.b.t")).containsExactly(List.of("2"));
  }

  @Test
  void emptyResultsKeepTheirSchema() {
    try (QueryResult result =
        f.engine.execute("SELECT v, v * 2.5 AS w FROM h.b.t WHERE v > 100", f.session)) {
      assertThat(result.reader().getVectorSchemaRoot().getSchema().getFields())
          .extracting(Field::getName)
          .containsExactly("v", "w");
      assertThat(EngineFixture.drain(result.reader())).isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void showCommandsUseBothVocabularies() {
    assertThat(f.rows("SHOW HIVES")).containsExactly(List.of("default"), List.of("h"));
    assertThat(f.rows("show databases")).containsExactly(List.of("default"), List.of("h"));
    assertThat(f.rows("SHOW BOXES IN h")).containsExactly(List.of("b"));
    assertThat(f.rows("SHOW FRAMES IN h.b")).containsExactly(List.of("t"));
    f.rows("USE HIVE h");
    f.rows("USE BOX b");
    assertThat(f.rows("SHOW TABLES")).containsExactly(List.of("t"));
    assertThat(f.rows("SELECT count(*) FROM t")).containsExactly(List.of("2"));
  }

  @Test
  void missingNamesAreReportedByTheCatalog() {
    assertThatThrownBy(() -> f.rows("SELECT * FROM nope.b.t"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> f.rows("SELECT * FROM h.b.missing"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> f.rows("USE h.nobox")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.rows("SELEC 1"))
        .isInstanceOf(EngineException.class)
        .hasMessage("Parser Error: syntax error at or near \"SELEC\"");
  }

  @Test
  void sessionsAreIndependent() {
    SqlSession other = new SqlSession();
    f.rows("USE h.b");
    assertThat(f.rows("SELECT count(*) FROM t")).containsExactly(List.of("2"));
    assertThatThrownBy(() -> f.engine.execute("SELECT count(*) FROM t", other).close())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aStatementSeesNothingOfTheStatementsBeforeItInTheSameChamber() {
    assertThat(f.rows("SELECT sum(v) FROM h.b.t")).containsExactly(List.of("3"));
    // Chambers are kept between statements: the last statement's catalog and view are gone.
    assertThat(f.pool.idleCount()).isEqualTo(1);
    assertThat(f.rows("SELECT count(*) FROM duckdb_views() WHERE NOT internal"))
        .containsExactly(List.of("0"));
    assertThat(f.rows("SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1"))
        .containsExactly(List.of("default"), List.of("memory"));
    // A failed statement's chamber is closed, not kept; the next statement gets a clean one.
    assertThatThrownBy(() -> f.rows("SELECT no_such_column FROM h.b.t"))
        .isInstanceOf(EngineException.class);
    assertThat(f.rows("SELECT count(*) FROM h.b.t")).containsExactly(List.of("2"));
  }

  @Test
  void aHiveCannotBeNamedLikeAnEngineCatalog() {
    assertThatThrownBy(() -> f.createFrame("Memory", "b", "t", columns("v", "int64"), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("The hive name 'Memory' is reserved by the SQL engine");
    assertThat(f.rows("SELECT count(*) FROM h.b.t")).containsExactly(List.of("2"));
  }

  @Test
  void closingAResultTwiceGivesItsChamberBackOnce() {
    QueryResult result = f.engine.execute("SELECT sum(v) FROM h.b.t", f.session);
    result.close();
    result.close();
    assertThat(f.pool.idleCount()).isEqualTo(1);
    assertThat(f.rows("SELECT count(*) FROM h.b.t")).containsExactly(List.of("2"));
    assertThat(f.pool.idleCount()).isEqualTo(1);
  }
}
