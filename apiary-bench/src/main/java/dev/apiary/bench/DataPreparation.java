package dev.apiary.bench;

import dev.apiary.datagen.BenchmarkQuery;
import dev.apiary.datagen.Ssb;
import dev.apiary.datagen.TableGenerator;
import dev.apiary.datagen.Tpch;
import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.Apiary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;

/**
 * Generates SSB and TPC-H with the project's generators and loads every table twice: into Apiary
 * (hive {@code bench}, one box per suite, partitioned as {@link #PARTITIONS} says) and as one plain
 * Parquet file per table, written by DuckDB {@code COPY} from the generator's Arrow stream, which
 * DuckDB later reads with {@code read_parquet}.
 *
 * <p>Layout under the data directory: {@code store/} (Apiary storage), {@code plain/<suite>/<table>
 * .parquet}.
 */
final class DataPreparation {
  static final String HIVE = "bench";

  /**
   * Partition columns. No fact table has a year column (SSB's lo_orderdate is a yyyymmdd integer
   * that queries reach through the date dimension), so lineorder is partitioned by a
   * low-cardinality column the queries filter on directly, lo_discount (11 values; Q1.x filters
   * ranges of it). lineitem is partitioned by l_linestatus, which splits it by ship date (F up to
   * 1995-06-17, O after): each order's lines stay together, so joins and aggregates on l_orderkey
   * keep their locality, and the cells' date statistics let date filters prune. orders by
   * o_orderstatus (3 values).
   */
  static final Map<String, List<String>> PARTITIONS =
      Map.of(
          "lineorder",
          List.of("lo_discount"),
          "lineitem",
          List.of("l_linestatus"),
          "orders",
          List.of("o_orderstatus"));

  private static final int BATCH_ROWS = 64 * 1024;

  /** One table as loaded. */
  record Loaded(
      String suite,
      String table,
      long rows,
      List<String> partitionBy,
      double apiarySeconds,
      int cells,
      long apiaryBytes,
      double plainSeconds,
      long plainBytes) {}

  private DataPreparation() {}

  static List<TableGenerator> tables(String suite, double scale) {
    return suite.equals("ssb") ? Ssb.tables(scale) : Tpch.tables(scale);
  }

  static List<BenchmarkQuery> queries(String suite) {
    return suite.equals("ssb") ? Ssb.queries() : Tpch.queries();
  }

  static Path plainDirectory(Path root, String suite) {
    return root.resolve("plain").resolve(suite);
  }

  /** Loads one suite into Apiary and into plain Parquet files. */
  static List<Loaded> load(
      Apiary apiary, Connection duck, Path root, String suite, double scale, BufferAllocator alloc)
      throws IOException, SQLException {
    if (!apiary.listHives().contains(HIVE)) {
      apiary.createHive(HIVE);
    }
    apiary.createBox(HIVE, suite);
    Path plain = plainDirectory(root, suite);
    Files.createDirectories(plain);
    List<Loaded> loaded = new ArrayList<>();
    for (TableGenerator table : tables(suite, scale)) {
      List<String> partitionBy = PARTITIONS.getOrDefault(table.name(), List.of());
      apiary.createFrame(HIVE, suite, table.name(), table.columnTypes(), partitionBy);
      long t0 = System.nanoTime();
      WriteSummary summary;
      try (ArrowReader reader = table.open(apiary.allocator(), BATCH_ROWS)) {
        summary = apiary.write(HIVE, suite, table.name(), reader);
      }
      double apiarySeconds = (System.nanoTime() - t0) / 1e9;
      if (summary.rowsWritten() != table.rowCount()) {
        throw new IllegalStateException(
            "Apiary wrote " + summary.rowsWritten() + " rows of " + table.rowCount());
      }
      Path file = plain.resolve(table.name() + ".parquet");
      long t1 = System.nanoTime();
      copyToParquet(duck, table.open(alloc, BATCH_ROWS), alloc, file);
      double plainSeconds = (System.nanoTime() - t1) / 1e9;
      loaded.add(
          new Loaded(
              suite,
              table.name(),
              table.rowCount(),
              partitionBy,
              apiarySeconds,
              summary.cellsWritten(),
              summary.bytesWritten(),
              plainSeconds,
              Files.size(file)));
      System.err.printf(
          Locale.ROOT,
          "loaded %s.%s: %d rows, apiary %.1f s (%d cells), plain parquet %.1f s%n",
          suite,
          table.name(),
          table.rowCount(),
          apiarySeconds,
          summary.cellsWritten(),
          plainSeconds);
    }
    return loaded;
  }

  /** DuckDB COPY of an Arrow stream to one Parquet file; closes the reader. */
  static void copyToParquet(Connection duck, ArrowReader reader, BufferAllocator alloc, Path file)
      throws SQLException {
    String name = "arrow_input_" + Long.toHexString(System.nanoTime());
    try (reader;
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(alloc);
        Statement statement = duck.createStatement()) {
      Data.exportArrayStream(alloc, reader, stream);
      ((DuckDBConnection) duck).registerArrowStream(name, stream);
      statement.execute(
          "COPY " + name + " TO " + Sql.literal(file.toString()) + " (FORMAT parquet)");
    } catch (IOException e) {
      throw new SQLException("Cannot close the generator's stream", e);
    }
  }

  /** Views named like the tables, in a schema named like the suite, over the plain files. */
  static void createViews(Connection duck, Path root, String suite, double scale)
      throws SQLException {
    try (Statement statement = duck.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + suite);
      for (TableGenerator table : tables(suite, scale)) {
        statement.execute(
            "CREATE OR REPLACE VIEW "
                + suite
                + "."
                + table.name()
                + " AS SELECT * FROM read_parquet("
                + Sql.literal(
                    plainDirectory(root, suite).resolve(table.name() + ".parquet").toString())
                + ")");
      }
    }
  }
}
