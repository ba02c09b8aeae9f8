package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.datagen.ResultRows;
import dev.apiary.datagen.Ssb;
import dev.apiary.datagen.TableGenerator;
import dev.apiary.datagen.Tpch;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.WriteSummary;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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
 * The 35-query SSB/TPC-H correctness set with the data in S3 (s3proxy on 127.0.0.1): Apiary's
 * answers must equal DuckDB's over the very cells Apiary wrote, downloaded from the bucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BenchmarkQueriesTest {
  static final double SCALE = 0.01;

  S3TestServer server;
  Apiary apiary;
  Connection oracle;
  BufferAllocator oracleAllocator = new RootAllocator();

  @BeforeAll
  void load(@TempDir Path dir) throws Exception {
    server = S3TestServer.start();
    String uri = server.uri("bench");
    apiary =
        new Apiary(
                ApiaryConfig.named("bench")
                    .withStorage(uri)
                    .withNodeDirectory(dir.resolve("node"))
                    .withResources(2, 2L << 30))
            .start();
    load("ssb", Ssb.tables(SCALE));
    load("tpch", Tpch.tables(SCALE));
    Path copy = dir.resolve("cells");
    try (ObjectStore store = server.newStore("bench")) {
      for (ObjectInfo info : store.list("bench/")) {
        if (info.key().endsWith(".parquet")) {
          Path file = copy.resolve(info.key());
          Files.createDirectories(file.getParent());
          Files.write(file, store.get(info.key()).orElseThrow());
        }
      }
    }
    oracle = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = oracle.createStatement()) {
      for (String box : List.of("ssb", "tpch")) {
        statement.execute("CREATE SCHEMA " + box);
        List<TableGenerator> tables = box.equals("ssb") ? Ssb.tables(SCALE) : Tpch.tables(SCALE);
        for (TableGenerator table : tables) {
          statement.execute(
              "CREATE VIEW "
                  + box
                  + "."
                  + table.name()
                  + " AS SELECT * FROM read_parquet('"
                  + copy.resolve("bench").resolve(box).resolve(table.name())
                  + "/**/*.parquet')");
        }
      }
    }
  }

  private void load(String box, List<TableGenerator> tables) throws Exception {
    apiary.createHive("bench");
    apiary.createBox("bench", box);
    for (TableGenerator table : tables) {
      apiary.createFrame(
          "bench",
          box,
          table.name(),
          table.columnTypes(),
          BenchmarkQueriesTest.PARTITIONS.getOrDefault(table.name(), List.of()));
      try (ArrowReader reader = table.open(apiary.allocator(), 50_000)) {
        WriteSummary summary = apiary.write("bench", box, table.name(), reader);
        assertThat(summary.rowsWritten()).isEqualTo(table.rowCount());
      }
    }
  }

  @AfterAll
  void close() throws Exception {
    oracle.close();
    apiary.shutdown();
    oracleAllocator.close();
    server.close();
  }

  Stream<BenchmarkQuery> queries() {
    return Stream.concat(Ssb.queries().stream(), Tpch.queries().stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void queryOnS3MatchesDuckDbOnTheSameFiles(BenchmarkQuery query) throws Exception {
    List<List<String>> expected;
    try (Statement statement = oracle.createStatement()) {
      statement.execute("USE " + query.suite());
      try (ResultSet rows = statement.executeQuery(query.sql());
          ArrowReader reader =
              (ArrowReader) ((DuckDBResultSet) rows).arrowExportStream(oracleAllocator, 10_000)) {
        expected = ResultRows.of(reader);
      }
    }
    List<List<String>> actual;
    apiary.sql("USE bench." + query.suite()).close();
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
