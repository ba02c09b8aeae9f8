package dev.apiary.engine;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.duckdb.DuckDBConnection;

/**
 * The engine's parser for statements that have no chamber yet: {@code json_serialize_sql} on one
 * small sealed chamber, started on first use, with a connection per concurrent caller. It never
 * reads data. Thread-safe.
 */
final class SqlParser implements AutoCloseable {
  private static final long MEMORY_LIMIT_BYTES = 64L << 20;

  private final Supplier<ChamberSettings> settings;
  private final ConcurrentLinkedDeque<DuckDBConnection> connections = new ConcurrentLinkedDeque<>();
  private final List<DuckDBConnection> all = new ArrayList<>();
  private DuckDbChamber chamber;
  private boolean closed;

  SqlParser(Supplier<ChamberSettings> settings) {
    this.settings = settings;
  }

  /**
   * The statement's syntax tree as the engine serialises it (JSON); errors are in the JSON.
   *
   * @throws EngineException if the engine cannot be started or fails
   */
  String serialize(String sql) {
    DuckDBConnection connection = connection();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT json_serialize_sql(?)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getString(1);
      }
    } catch (SQLException e) {
      throw DuckDbChamber.translate(e, sql);
    } finally {
      connections.push(connection);
    }
  }

  /** Starts the parser's engine now (on a background thread) rather than at the first statement. */
  void warmUp() {
    try {
      connections.push(connection());
    } catch (RuntimeException e) {
      // The first statement starts it again and reports why it cannot.
    }
  }

  private DuckDBConnection connection() {
    DuckDBConnection connection = connections.poll();
    if (connection != null) {
      return connection;
    }
    synchronized (this) {
      if (closed) {
        throw new EngineException(
            dev.apiary.error.ErrorCategory.RESOURCE, "The node is shutting down", null);
      }
      if (chamber == null) {
        ChamberSettings base = settings.get();
        DuckDbChamber started =
            DuckDbChamber.open(
                new ChamberSettings(1, MEMORY_LIMIT_BYTES, base.scratchDirectory(), List.of()));
        try {
          started.seal(List.of());
        } catch (RuntimeException e) {
          started.close();
          throw e;
        }
        chamber = started;
      }
      try {
        DuckDBConnection duplicate = chamber.connection().duplicate();
        all.add(duplicate);
        return duplicate;
      } catch (SQLException e) {
        throw DuckDbChamber.translate(e, "a parser connection");
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (DuckDBConnection connection : all) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing the instance below frees it anyway.
      }
    }
    if (chamber != null) {
      chamber.close();
    }
  }
}
