package dev.apiary.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** DuckDB connections set up like an Apiary chamber, and SQL literals. */
final class Sql {
  private Sql() {}

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /**
   * An in-memory DuckDB with the given threads and memory limit, UTC and the Parquet metadata cache
   * on, as an Apiary chamber is set up.
   */
  static Connection duck(int threads, long memoryLimitBytes) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = connection.createStatement()) {
      s.execute("SET threads = " + threads);
      s.execute("SET memory_limit = '" + memoryLimitBytes / 1024 + "KiB'");
      s.execute("SET TimeZone = 'UTC'");
      s.execute("SET parquet_metadata_cache = true");
    }
    return connection;
  }
}
