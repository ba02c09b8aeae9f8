package dev.apiary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChamberPoolTest {
  private static final long MEMORY = 64L << 20;

  @TempDir Path dir;
  private final AtomicInteger started = new AtomicInteger();

  private ChamberSettings settings() {
    return new ChamberSettings(
        1, MEMORY, dir.resolve("scratch-" + started.incrementAndGet()), List.of());
  }

  private List<Path> scratchDirectories() throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.filter(p -> p.getFileName().toString().startsWith("scratch-")).toList();
    }
  }

  private Path cell(String name) throws IOException {
    Path file = dir.resolve("cells").resolve(name).resolve("c.parquet");
    Files.createDirectories(file.getParent());
    try (DuckDbChamber writer =
        DuckDbChamber.open(new ChamberSettings(1, MEMORY, dir.resolve("writer"), List.of()))) {
      writer.execute("COPY (SELECT 1 AS v) TO " + DuckDbChamber.literal(file.toString()));
    }
    return file;
  }

  private static List<String> strings(DuckDbChamber chamber, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = chamber.connection().createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /** Sets up what a statement names, as the query engine does. */
  private static void setUp(
      DuckDbChamber chamber, Set<String> hives, Map<String, String> views, String use) {
    Set<String> schemas = new java.util.LinkedHashSet<>();
    for (String view : views.keySet()) {
      schemas.add(view.substring(0, view.lastIndexOf('.')));
    }
    ChamberCatalog.Change change = chamber.catalog().change(hives, schemas, views, use);
    chamber.execute(change.sql());
    chamber.catalog().applied(change);
  }

  @Test
  void aChamberGivenBackServesTheNextStatementWithOnlyWhatItNames()
      throws IOException, SQLException {
    Path a = cell("a");
    Path b = cell("b");
    String viewA = "SELECT v FROM read_parquet(" + literal(a) + ")";
    String viewB = "SELECT v + 1 AS v FROM read_parquet(" + literal(b) + ")";
    try (ChamberPool pool = new ChamberPool(this::settings, 2)) {
      DuckDbChamber first = pool.take(1, MEMORY, List.of(a, b));
      setUp(
          first,
          Set.of("\"h\"", "\"g\""),
          Map.of("\"h\".\"b\".\"f\"", viewA, "\"g\".\"b\".\"f\"", viewB),
          "\"h\".\"b\"");
      assertThat(strings(first, "SELECT v FROM f")).containsExactly("1");
      pool.giveBack(first);
      assertThat(pool.idleCount()).isEqualTo(1);

      DuckDbChamber second = pool.take(1, MEMORY, List.of(a, b));
      assertThat(second).isSameAs(first);
      // The next statement names h.b.f over other cells and not g: the view is replaced and the
      // catalog g is gone.
      setUp(second, Set.of("\"h\""), Map.of("\"h\".\"b\".\"f\"", viewB), "\"h\".\"b\"");
      assertThat(strings(second, "SELECT v FROM f")).containsExactly("2");
      assertThat(strings(second, "SELECT database_name FROM duckdb_databases() WHERE NOT internal"))
          .containsExactlyInAnyOrder("memory", "h");
      // A statement over another box of h: the box b and its view are gone.
      setUp(second, Set.of("\"h\""), Map.of("\"h\".\"c\".\"f\"", viewA), "\"h\".\"c\"");
      assertThat(strings(second, "SELECT v FROM f")).containsExactly("1");
      assertThat(
              strings(
                  second,
                  "SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'h'"
                      + " ORDER BY schema_name"))
          .containsExactly("c", "main");
      // A statement that names nothing sees no view at all.
      setUp(second, Set.of("\"h\""), Map.of(), "\"h\"");
      assertThat(strings(second, "SELECT count(*) FROM duckdb_views() WHERE NOT internal"))
          .containsExactly("0");
      // Still sealed: settings stay locked and only its directories can be read.
      assertThatThrownBy(() -> second.execute("SET threads = 4"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> strings(second, "SELECT * FROM read_csv('/etc/passwd')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Permission Error");
      pool.giveBack(second);
      assertThat(pool.idleCount()).isEqualTo(1);
    }
    assertThat(scratchDirectories()).isEmpty();
  }

  @Test
  void chambersAreSharedOnlyByTheSameShapeAndReadableFiles() throws IOException {
    Path a = cell("a");
    Path b = cell("b");
    try (ChamberPool pool = new ChamberPool(this::settings, 4)) {
      DuckDbChamber one = pool.take(1, MEMORY, List.of(a));
      pool.giveBack(one);
      DuckDbChamber two = pool.take(2, 2 * MEMORY, List.of(a));
      assertThat(two).isNotSameAs(one);
      assertThat(two.threads()).isEqualTo(2);
      DuckDbChamber other = pool.take(1, MEMORY, List.of(b));
      assertThat(other).isNotSameAs(one);
      assertThat(other.canRead(b)).isTrue();
      assertThat(one.canRead(b)).isFalse();
      pool.giveBack(two);
      pool.giveBack(other);
      assertThat(pool.take(1, MEMORY, List.of(a))).isSameAs(one);
    }
  }

  @Test
  void failedAndUncleanChambersAreClosedNotKept() throws IOException, SQLException {
    Path a = cell("a");
    try (ChamberPool pool = new ChamberPool(this::settings, 2)) {
      DuckDbChamber failed = pool.take(1, MEMORY, List.of(a));
      pool.discard(failed);
      // A table, or a catalog nobody recorded, is state the chamber cannot account for: it is
      // closed, not kept.
      DuckDbChamber unclean = pool.take(1, MEMORY, List.of(a));
      unclean.execute("CREATE TABLE memory.leftover AS SELECT 1 AS v");
      pool.giveBack(unclean);
      assertThat(pool.idleCount()).isZero();
      DuckDbChamber unrecorded = pool.take(1, MEMORY, List.of(a));
      unrecorded.execute("ATTACH ':memory:' AS stray");
      pool.giveBack(unrecorded);
      assertThat(pool.idleCount()).isZero();
      DuckDbChamber next = pool.take(1, MEMORY, List.of(a));
      assertThat(next).isNotSameAs(failed).isNotSameAs(unclean).isNotSameAs(unrecorded);
      pool.giveBack(next);
    }
    assertThat(scratchDirectories()).isEmpty();
  }

  @Test
  void onlyTheNewestChambersAreKept() throws IOException {
    Path a = cell("a");
    try (ChamberPool pool = new ChamberPool(this::settings, 1)) {
      DuckDbChamber first = pool.take(1, MEMORY, List.of(a));
      DuckDbChamber second = pool.take(1, MEMORY, List.of(a));
      pool.giveBack(first);
      pool.giveBack(second);
      assertThat(pool.idleCount()).isEqualTo(1);
      assertThat(pool.take(1, MEMORY, List.of(a))).isSameAs(second);
    }
  }

  @Test
  void aLateCancelOfAFinishedUseDoesNotReachTheNextStatement() throws Exception {
    Path a = cell("a");
    try (ChamberPool pool = new ChamberPool(this::settings, 1)) {
      DuckDbChamber chamber = pool.take(1, MEMORY, List.of(a));
      Runnable lateCancel = chamber.canceller();
      pool.giveBack(chamber);
      DuckDbChamber again = pool.take(1, MEMORY, List.of(a));
      assertThat(again).isSameAs(chamber);
      Runnable cancel = again.canceller();
      try (Statement statement = again.connection().createStatement()) {
        again.running(statement);
        String slow = "SELECT count(*) FROM range(3000000000) t(i) WHERE i % 7 = 3";
        CompletableFuture<String> result =
            CompletableFuture.supplyAsync(
                () -> {
                  try (ResultSet rows = statement.executeQuery(slow)) {
                    rows.next();
                    return "finished";
                  } catch (SQLException e) {
                    return "failed: " + e.getMessage();
                  }
                });
        Thread.sleep(200);
        lateCancel.run();
        Thread.sleep(200);
        assertThat(result).isNotDone();
        cancel.run();
        assertThat(result.get(30, TimeUnit.SECONDS)).startsWith("failed: INTERRUPT");
      }
      pool.discard(again);
    }
  }

  @Test
  void aPrewarmedChamberServesTheFirstStatementOfItsShape() throws Exception {
    Path a = cell("a");
    Supplier<ChamberSettings> cells =
        () ->
            new ChamberSettings(
                1,
                MEMORY,
                dir.resolve("scratch-" + started.incrementAndGet()),
                List.of(dir.resolve("cells")));
    try (ChamberPool pool = new ChamberPool(cells, 2)) {
      pool.prewarm(2, 2 * MEMORY);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (pool.idleCount() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(pool.idleCount()).isEqualTo(1);
      DuckDbChamber chamber = pool.take(2, 2 * MEMORY, List.of(a));
      assertThat(pool.idleCount()).isZero();
      assertThat(chamber.threads()).isEqualTo(2);
      assertThat(strings(chamber, "SELECT v FROM read_parquet(" + literal(a) + ")"))
          .containsExactly("1");
      pool.giveBack(chamber);
    }
    assertThat(scratchDirectories()).isEmpty();
  }

  @Test
  void theParserNeedsNoChamberOfTheStatement() {
    try (ChamberPool pool = new ChamberPool(this::settings, 1)) {
      assertThat(pool.parser().serialize("SELECT 42")).contains("\"error\":false");
      assertThat(pool.parser().serialize("SELEC 42")).contains("\"error\":true");
      assertThat(pool.idleCount()).isZero();
    }
  }

  private static String literal(Path path) {
    return DuckDbChamber.literal(path.toString());
  }
}
