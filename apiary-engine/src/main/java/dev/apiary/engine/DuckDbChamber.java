package dev.apiary.engine;

import dev.apiary.error.ErrorCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * A sealed chamber: one in-memory DuckDB instance with its own thread count, hard memory limit and
 * spill directory. Apiary configures it, then {@link #seal}s it, after which no SQL can change a
 * setting or reach files outside the allowed directories, the network or extensions; Apiary may
 * still attach in-memory catalogs and create views over allowed files (a query chamber is sealed
 * first and then set up for each statement it runs, see {@link ChamberPool}). Closing it frees the
 * engine and deletes the spill directory.
 */
public final class DuckDbChamber implements AutoCloseable {
  private final ChamberSettings settings;
  private final DuckDBConnection connection;
  private final Object gaugeLock = new Object();
  private DuckDBConnection gauge;
  private boolean closed;
  private volatile Statement running;
  private int threads;
  private long memoryLimitBytes;
  private List<Path> allowed = List.of();
  private long use;
  private final ChamberCatalog catalog = new ChamberCatalog();

  private DuckDbChamber(ChamberSettings settings, DuckDBConnection connection) {
    this.settings = settings;
    this.connection = connection;
    this.threads = settings.threads();
    this.memoryLimitBytes = settings.memoryLimitBytes();
  }

  /** Starts an engine instance with the given budget. */
  public static DuckDbChamber open(ChamberSettings settings) {
    try {
      Files.createDirectories(settings.scratchDirectory());
      DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      DuckDbChamber chamber = new DuckDbChamber(settings, connection);
      chamber.execute("SET threads = " + settings.threads());
      chamber.execute("SET memory_limit = '" + settings.memoryLimitBytes() / 1024 + "KiB'");
      chamber.execute("SET temp_directory = " + literal(settings.scratchDirectory().toString()));
      chamber.execute("SET TimeZone = 'UTC'");
      chamber.execute("SET autoinstall_known_extensions = false");
      chamber.execute("SET autoload_known_extensions = false");
      chamber.execute("SET parquet_metadata_cache = true");
      return chamber;
    } catch (SQLException e) {
      throw new EngineException(
          ErrorCategory.INTERNAL, "Could not start a DuckDB chamber: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create the chamber scratch directory " + settings.scratchDirectory(), e);
    }
  }

  /** The engine connection; use one statement at a time. */
  public DuckDBConnection connection() {
    return connection;
  }

  /**
   * Sets the engine threads and the hard memory limit of this chamber (a spare is started with
   * placeholders and given its task's budget here). Only before {@link #seal}.
   */
  public void configure(int threads, long memoryLimitBytes) {
    if (threads < 1 || memoryLimitBytes < 16L << 20) {
      throw new IllegalArgumentException(
          "A chamber needs at least 1 thread and 16 MiB, got "
              + threads
              + " threads and "
              + memoryLimitBytes
              + " bytes");
    }
    // A spare started with this budget already has it (a one-bee task): no statement needed.
    if (threads != this.threads) {
      execute("SET threads = " + threads);
      this.threads = threads;
    }
    if (memoryLimitBytes / 1024 != this.memoryLimitBytes / 1024) {
      execute("SET memory_limit = '" + memoryLimitBytes / 1024 + "KiB'");
      this.memoryLimitBytes = memoryLimitBytes;
    }
  }

  /**
   * The memory the engine holds now, by its own accounting (buffer manager, all statements of this
   * chamber); 0 once closed. Safe to call from any thread while a statement runs: it asks on a
   * second connection to the same instance and takes about a millisecond.
   */
  public long memoryUsedBytes() {
    synchronized (gaugeLock) {
      if (closed) {
        return 0;
      }
      try {
        if (gauge == null) {
          gauge = connection.duplicate();
        }
        try (Statement statement = gauge.createStatement();
            java.sql.ResultSet rows =
                statement.executeQuery("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")) {
          return rows.next() ? rows.getLong(1) : 0;
        }
      } catch (SQLException e) {
        // An instance that is shutting down holds nothing worth reporting.
        return 0;
      }
    }
  }

  /** Runs a statement written by Apiary (never user SQL before {@link #seal}). */
  public void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      running = statement;
      statement.execute(sql);
    } catch (SQLException e) {
      throw translate(e, sql);
    } finally {
      running = null;
    }
  }

  /**
   * Locks the chamber for user SQL: only the allowed directories can be read, nothing can be
   * written outside the spill directory, no extension can be installed or loaded, and no setting
   * can be changed again.
   *
   * @param extraDirectories directories user SQL may read besides the settings' (the cells of this
   *     statement)
   */
  public void seal(Collection<Path> extraDirectories) {
    List<Path> directories =
        Stream.of(
                settings.allowedDirectories().stream(),
                extraDirectories.stream(),
                Stream.of(settings.scratchDirectory()))
            .flatMap(s -> s)
            .map(p -> p.toAbsolutePath().normalize())
            .distinct()
            .toList();
    execute(
        "SET allowed_directories = "
            + directories.stream()
                .map(p -> literal(p + "/"))
                .collect(Collectors.joining(", ", "[", "]")));
    execute("SET enable_external_access = false");
    execute("SET lock_configuration = true");
    this.allowed = directories;
  }

  /** Whether user SQL of this sealed chamber may read {@code file}. */
  public boolean canRead(Path file) {
    Path normalized = file.toAbsolutePath().normalize();
    for (Path directory : allowed) {
      if (normalized.startsWith(directory)) {
        return true;
      }
    }
    return false;
  }

  int threads() {
    return threads;
  }

  /** How many uses this chamber has finished ({@link #endUse} calls). */
  long uses() {
    synchronized (gaugeLock) {
      return use;
    }
  }

  long memoryLimitBytes() {
    return memoryLimitBytes;
  }

  /**
   * An action that cancels the statement of the current use of this chamber, and does nothing once
   * the chamber has moved on to another use ({@link #endUse}): a late timeout of a finished task
   * never reaches the next task's statement.
   */
  Runnable canceller() {
    long current;
    synchronized (gaugeLock) {
      current = use;
    }
    return () -> {
      synchronized (gaugeLock) {
        if (use == current) {
          cancel();
        }
      }
    };
  }

  /** What statements have set up in this chamber (catalogs, schemas, views). */
  ChamberCatalog catalog() {
    return catalog;
  }

  /**
   * Ends a use of a sealed chamber: a late cancel of this use no longer reaches the chamber, and
   * the engine is checked to hold nothing but what {@link #catalog()} says was set up (user SQL
   * only reads, so anything else means the chamber is not what Apiary thinks it is).
   *
   * @return whether the chamber is clean; if not, it must be closed instead of reused
   */
  boolean endUse() {
    synchronized (gaugeLock) {
      use++;
    }
    running = null;
    try (Statement statement = connection.createStatement();
        java.sql.ResultSet rows =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM duckdb_databases() WHERE NOT internal),"
                    + " (SELECT count(*) FROM duckdb_views() WHERE NOT internal),"
                    + " (SELECT count(*) FROM duckdb_tables())")) {
      return rows.next()
          && rows.getLong(1) == 1 + catalog.hiveCount()
          && rows.getLong(2) == catalog.viewCount()
          && rows.getLong(3) == 0;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Interrupts the statement that is running, if any; it fails with an interruption error. */
  public void cancel() {
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        // The statement finished or the chamber is closing; nothing left to interrupt.
      }
    }
  }

  /** Remembers the statement running now so that {@link #cancel()} can reach it. */
  void running(Statement statement) {
    this.running = statement;
  }

  /** Turns an engine error into an Apiary error of the right category. */
  public static RuntimeException translate(SQLException e, String what) {
    String message = withoutStackTrace(e.getMessage() == null ? e.toString() : e.getMessage());
    if (message.startsWith("Permission Error")
        || message.contains("disabled by configuration")
        || message.contains("lock_configuration")
        || message.contains("the configuration has been locked")) {
      return new AccessDeniedException(
          message
              + ". User SQL may only read frames (and files inside Apiary's own directories);"
              + " it cannot reach other files, the network, extensions or settings");
    }
    if (message.startsWith("Out of Memory Error")) {
      return new EngineException(ErrorCategory.RESOURCE, message, e);
    }
    if (message.startsWith("INTERRUPT Error")) {
      return new EngineException(ErrorCategory.RESOURCE, "The statement was interrupted", e);
    }
    if (message.startsWith("Parser Error")
        || message.startsWith("Binder Error")
        || message.startsWith("Catalog Error")
        || message.startsWith("Conversion Error")
        || message.startsWith("Invalid Input Error")
        || message.startsWith("Constraint Error")
        || message.startsWith("Out of Range Error")
        || message.startsWith("Not implemented Error")) {
      return new EngineException(ErrorCategory.USER, message, e);
    }
    return new EngineException(ErrorCategory.INTERNAL, message, e);
  }

  /**
   * The engine's message without a Java stack trace, which it includes when a Java data source (an
   * Arrow stream) failed.
   */
  static String withoutStackTrace(String message) {
    StringBuilder kept = new StringBuilder();
    for (String line : message.strip().split("\n")) {
      if (line.startsWith("\tat ") || line.strip().startsWith("at ") && line.contains("(")) {
        break;
      }
      kept.append(kept.isEmpty() ? "" : "\n").append(line);
    }
    return kept.toString().strip();
  }

  @Override
  public void close() {
    synchronized (gaugeLock) {
      closed = true;
      if (gauge != null) {
        try {
          gauge.close();
        } catch (SQLException e) {
          // The instance closes with the main connection below.
        }
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing an in-memory instance frees it; there is nothing to recover.
    }
    try (Stream<Path> paths = Files.walk(settings.scratchDirectory())) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Spill files of a closed engine; a leftover directory is harmless.
    }
  }

  /** A SQL string literal. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** A SQL identifier, always quoted. */
  public static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
