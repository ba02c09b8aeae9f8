package dev.apiary.bench;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.runtime.Apiary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * One execution of a query on Apiary or on DuckDB, timed from submitting the SQL to having read the
 * last Arrow batch of the result (both sides deliver Arrow).
 */
final class QueryExecution {
  private QueryExecution() {}

  /**
   * @param rows the result as strings if collected, else null
   * @param cellsTotal cells of the frames read (Apiary only, else 0)
   * @param cellsKept cells left after pruning (Apiary only, else 0)
   */
  record Outcome(
      double millis, long rowCount, List<List<String>> rows, int cellsTotal, int cellsKept) {}

  static void useApiary(Apiary apiary, String suite) {
    apiary.sql("USE " + DataPreparation.HIVE + "." + suite).close();
  }

  static void useDuck(Connection duck, String suite) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute("USE " + suite);
    }
  }

  /**
   * A statement's time to its last row and its phases (ms): the engine's own ({@link
   * QueryResult#timingsMicros}) and {@code read}, the rest of the time (reading the result).
   */
  record Phased(double millis, Map<String, Double> phases) {
    /**
     * The time spent reading the catalog and the frame logs ({@code analyse} + {@code snapshot}),
     * plus, for a statement that ran on remembered versions, the wait for storage's answer after it
     * ran ({@code check}).
     */
    double metadataMillis() {
      return phases.getOrDefault("analyse", 0.0)
          + phases.getOrDefault("snapshot", 0.0)
          + phases.getOrDefault("check", 0.0);
    }
  }

  /** Runs a statement on Apiary to its last row, with its phases. */
  static Phased phased(Apiary apiary, String sql) {
    long t0 = System.nanoTime();
    try (QueryResult result = apiary.sql(sql)) {
      ResultRows.drain(result.reader());
      long totalMicros = (System.nanoTime() - t0) / 1000;
      Map<String, Double> phases = new LinkedHashMap<>();
      long engineMicros = 0;
      for (Map.Entry<String, Long> phase : result.timingsMicros().entrySet()) {
        phases.put(phase.getKey(), phase.getValue() / 1000.0);
        engineMicros += phase.getValue();
      }
      phases.put("read", (totalMicros - engineMicros) / 1000.0);
      return new Phased(totalMicros / 1000.0, phases);
    }
  }

  static Outcome apiary(Apiary apiary, String sql, boolean collect) {
    long t0 = System.nanoTime();
    try (QueryResult result = apiary.sql(sql)) {
      List<List<String>> rows = null;
      long count;
      if (collect) {
        rows = ResultRows.of(result.reader());
        count = rows.size();
      } else {
        count = ResultRows.drain(result.reader());
      }
      double millis = (System.nanoTime() - t0) / 1e6;
      int total = 0;
      int kept = 0;
      for (QueryResult.FramePlan plan : result.plan()) {
        total += plan.cellsTotal();
        kept += plan.cellsKept();
      }
      return new Outcome(millis, count, rows, total, kept);
    }
  }

  static Outcome duck(Connection duck, BufferAllocator allocator, String sql, boolean collect)
      throws SQLException {
    long t0 = System.nanoTime();
    try (Statement s = duck.createStatement();
        ResultSet resultSet = s.executeQuery(sql);
        ArrowReader reader =
            (ArrowReader) ((DuckDBResultSet) resultSet).arrowExportStream(allocator, 64 * 1024)) {
      List<List<String>> rows = null;
      long count;
      if (collect) {
        rows = ResultRows.of(reader);
        count = rows.size();
      } else {
        count = ResultRows.drain(reader);
      }
      return new Outcome((System.nanoTime() - t0) / 1e6, count, rows, 0, 0);
    } catch (java.io.IOException e) {
      throw new SQLException("Cannot close the result stream", e);
    }
  }
}
