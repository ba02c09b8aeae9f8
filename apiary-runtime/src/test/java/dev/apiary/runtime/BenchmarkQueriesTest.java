package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.datagen.ResultRows;
import dev.apiary.datagen.Ssb;
import dev.apiary.datagen.TableGenerator;
import dev.apiary.datagen.Tpch;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.WriteSummary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQL correctness: SSB (13 queries) and TPC-H (22 queries) data from the project's generators,
 * loaded through Apiary (partitioned, so pruning is exercised), must give exactly what DuckDB gives
 * for the same query over the same Parquet files read directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchmarkQueriesTest {
  static final double SCALE = 0.01;
  static final Map<String, List<String>> PARTITIONS =
      Map.of(
          "lineorder",
          List.of("lo_discount"),
          "lineitem",
          List.of("l_shipmode"),
          "orders",
          List.of("o_orderstatus"));

  Apiary apiary;
  Path storage;
  Connection oracle;
  BufferAllocator oracleAllocator = new RootAllocator();

  @BeforeAll
  void load(@TempDir Path dir) throws Exception {
    storage = dir.resolve("store");
    apiary =
        new Apiary(
                ApiaryConfig.named("bench")
                    .withStorage(storage.toString())
                    .withNodeDirectory(dir.resolve("node"))
                    .withResources(2, 2L << 30))
            .start();
    oracle = DriverManager.getConnection("jdbc:duckdb:");
    load("ssb", Ssb.tables(SCALE));
    load("tpch", Tpch.tables(SCALE));
  }

  private void load(String box, List<TableGenerator> tables) throws Exception {
    apiary.createHive("bench");
    apiary.createBox("bench", box);
    try (Statement statement = oracle.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + box);
      for (TableGenerator table : tables) {
        apiary.createFrame(
            "bench",
            box,
            table.name(),
            table.columnTypes(),
            PARTITIONS.getOrDefault(table.name(), List.of()));
        try (ArrowReader reader = table.open(apiary.allocator(), 50_000)) {
          WriteSummary summary = apiary.write("bench", box, table.name(), reader);
          assertThat(summary.rowsWritten()).isEqualTo(table.rowCount());
        }
        // The oracle reads the very cells Apiary wrote, directly.
        statement.execute(
            "CREATE VIEW "
                + box
                + "."
                + table.name()
                + " AS SELECT * FROM read_parquet('"
                + storage.resolve("bench").resolve(box).resolve(table.name())
                + "/**/*.parquet')");
      }
    }
  }

  @AfterAll
  void close() throws Exception {
    oracle.close();
    apiary.shutdown();
    oracleAllocator.close();
  }

  Stream<BenchmarkQuery> queries() {
    return Stream.concat(Ssb.queries().stream(), Tpch.queries().stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void queryMatchesDuckDbOnTheSameFiles(BenchmarkQuery query) throws Exception {
    String box = query.suite();
    List<List<String>> expected;
    try (Statement statement = oracle.createStatement()) {
      statement.execute("USE " + box);
      try (ResultSet rows = statement.executeQuery(query.sql());
          ArrowReader reader =
              (ArrowReader) ((DuckDBResultSet) rows).arrowExportStream(oracleAllocator, 10_000)) {
        expected = ResultRows.of(reader);
      }
    }
    List<List<String>> actual;
    apiary.sql("USE bench." + box).close();
    try (QueryResult result = apiary.sql(query.sql())) {
      actual = ResultRows.of(result.reader());
    }
    assertThat(actual.size()).as("row count of %s", query.id()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(ResultRows.equal(actual.get(i), expected.get(i)))
          .as("%s row %d: apiary %s vs duckdb %s", query.id(), i, actual.get(i), expected.get(i))
          .isTrue();
    }
  }
}
