package dev.apiary.datagen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;

/** An in-memory DuckDB holding generated tables, used as an oracle in tests. */
final class DuckDbSink implements AutoCloseable {
  private final BufferAllocator allocator = new RootAllocator();
  private final Connection connection;

  DuckDbSink() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
  }

  /** Streams every table into a DuckDB table of the same name. */
  void load(List<TableGenerator> tables) throws SQLException {
    for (TableGenerator table : tables) {
      load(table);
    }
  }

  void load(TableGenerator table) throws SQLException {
    String view = table.name() + "_arrow";
    ArrowReader reader = table.open(allocator, 8192);
    try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
      Data.exportArrayStream(allocator, reader, stream);
      connection.unwrap(DuckDBConnection.class).registerArrowStream(view, stream);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE " + table.name() + " AS SELECT * FROM " + view);
      }
    }
  }

  /** The first column of the first row of a query, as a long. */
  long scalar(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** All rows of a query, each as a list of its values' strings. */
  List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      allocator.close();
    }
  }
}
