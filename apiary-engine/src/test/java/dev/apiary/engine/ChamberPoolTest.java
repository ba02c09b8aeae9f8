package dev.apiary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChamberPoolTest {
  @TempDir Path dir;
  private final AtomicInteger started = new AtomicInteger();

  private ChamberSettings settings() {
    return new ChamberSettings(
        1, 64L << 20, dir.resolve("scratch-" + started.incrementAndGet()), List.of());
  }

  private List<Path> scratchDirectories() throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.toList();
    }
  }

  @Test
  void everyTakeGetsAFreshStartedChamberAndCloseLeavesNothingBehind()
      throws SQLException, IOException {
    List<DuckDbChamber> taken = new ArrayList<>();
    try (ChamberPool pool = new ChamberPool(this::settings, 2)) {
      for (int i = 0; i < 5; i++) {
        DuckDbChamber chamber = pool.take();
        assertThat(taken).doesNotContain(chamber);
        // A chamber nobody used before: the table created by the previous one is not there.
        chamber.execute("CREATE TABLE used AS SELECT " + i + " AS statement");
        try (Statement statement = chamber.connection().createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM used")) {
          rows.next();
          assertThat(rows.getLong(1)).isEqualTo(1);
        }
        taken.add(chamber);
        pool.release(chamber);
      }
    }
    for (DuckDbChamber chamber : taken) {
      assertThat(chamber.connection().isClosed()).isTrue();
    }
    // Five taken, spares started besides them, and every scratch directory removed on close.
    assertThat(started.get()).isGreaterThanOrEqualTo(5);
    assertThat(scratchDirectories()).isEmpty();
  }

  @Test
  void withoutSparesChambersStartOnDemand() throws IOException {
    try (ChamberPool pool = new ChamberPool(this::settings, 0)) {
      assertThat(started.get()).isZero();
      DuckDbChamber chamber = pool.take();
      assertThat(started.get()).isEqualTo(1);
      pool.release(chamber);
    }
    assertThat(scratchDirectories()).isEmpty();
  }
}
