package dev.apiary.engine;

import static dev.apiary.engine.ArrowTables.longs;
import static dev.apiary.engine.ArrowTables.table;
import static dev.apiary.engine.EngineFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.storage.ObjectStoreOp;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a statement asks of the catalog and the frame logs in storage, once they are cached. */
class StatementStorageRequestsTest {
  static final String JOIN = "SELECT count(*) FROM h.b.a JOIN h.b.c ON a.v = c.v WHERE c.v > 0";

  @TempDir Path dir;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(dir);
    for (String frame : List.of("a", "c")) {
      f.createFrame("h", "b", frame, columns("v", "int64"), List.of());
      try (VectorSchemaRoot data = table(longs(f.allocator, "v", 1L, 2L, 3L))) {
        f.append("h.b." + frame, data);
      }
    }
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void warmStatementMakesOneCatalogProbeAndOneLogProbePerFrame() {
    assertThat(f.rows(JOIN)).containsExactly(List.of("3"));
    f.requests.reset();

    assertThat(f.rows(JOIN)).containsExactly(List.of("3"));

    // HEAD of the next catalog version, GET of the next commit of a and of c, all at once; the
    // logs probed while the catalog refreshed are not probed again.
    assertThat(f.requests.count(ObjectStoreOp.HEAD)).isEqualTo(1);
    assertThat(f.requests.count(ObjectStoreOp.GET)).isEqualTo(2);
    assertThat(f.requests.total()).isEqualTo(3);
  }
}
