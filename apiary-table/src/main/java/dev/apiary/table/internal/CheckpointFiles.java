package dev.apiary.table.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.table.CorruptLogException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes and reads classic single-file Delta checkpoints (Parquet) with an embedded DuckDB: the
 * actions go in as JSON lines with the checkpoint schema declared explicitly, and come back out as
 * JSON, so the same {@link ActionCodec} parses commits and checkpoints.
 *
 * <p>One small DuckDB instance (1 thread, 256 MB) serves all calls, one at a time; it is created on
 * first use and closed with this object.
 */
public final class CheckpointFiles implements AutoCloseable {
  private static final String MAP = "MAP(VARCHAR, VARCHAR)";
  private static final String[][] COLUMNS = {
    {"txn", "STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT)"},
    {
      "add",
      "STRUCT(path VARCHAR, partitionValues "
          + MAP
          + ", size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR, tags "
          + MAP
          + ")"
    },
    {
      "remove",
      "STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN, extendedFileMetadata"
          + " BOOLEAN, partitionValues "
          + MAP
          + ", size BIGINT)"
    },
    {
      "metaData",
      "STRUCT(id VARCHAR, name VARCHAR, description VARCHAR, format STRUCT(provider VARCHAR,"
          + " options "
          + MAP
          + "), schemaString VARCHAR, partitionColumns VARCHAR[], configuration "
          + MAP
          + ", createdTime BIGINT)"
    },
    {"protocol", "STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER)"}
  };

  private final ObjectMapper mapper;
  private final Path scratchRoot;
  private Connection connection;

  /**
   * @param scratchRoot a local directory for the temporary files of checkpoint reads and writes
   */
  public CheckpointFiles(ObjectMapper mapper, Path scratchRoot) {
    this.mapper = mapper;
    this.scratchRoot = scratchRoot;
  }

  /**
   * Encodes actions (already in their JSON form, one object per action) as a checkpoint file.
   *
   * @return the Parquet bytes
   */
  public synchronized byte[] write(List<ObjectNode> actions) {
    Path dir = newScratchDir();
    try {
      Path json = dir.resolve("actions.json");
      StringBuilder lines = new StringBuilder();
      for (ObjectNode action : actions) {
        lines.append(action.toString()).append('\n');
      }
      Files.writeString(json, lines, StandardCharsets.UTF_8);
      Path parquet = dir.resolve("checkpoint.parquet");
      StringBuilder columns = new StringBuilder();
      StringBuilder names = new StringBuilder();
      for (String[] column : COLUMNS) {
        columns.append(columns.isEmpty() ? "" : ", ");
        columns.append('"').append(column[0]).append("\": '").append(column[1]).append('\'');
        names.append(names.isEmpty() ? "" : ", ").append('"').append(column[0]).append('"');
      }
      String sql =
          "COPY (SELECT "
              + names
              + " FROM read_json("
              + literal(json)
              + ", format = 'newline_delimited', maximum_object_size = 16777216, columns = {"
              + columns
              + "})) TO "
              + literal(parquet)
              + " (FORMAT parquet, COMPRESSION snappy)";
      try (Statement statement = connection().createStatement()) {
        statement.execute(sql);
      }
      return Files.readAllBytes(parquet);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not write a checkpoint: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write a checkpoint", e);
    } finally {
      deleteRecursively(dir);
    }
  }

  /**
   * Decodes a checkpoint file into action objects (each {@code {"add": {...}}} and so on).
   *
   * @param file the checkpoint's key, for messages
   * @throws CorruptLogException if the bytes are not a readable checkpoint
   */
  public synchronized List<JsonNode> read(byte[] content, String file) {
    Path dir = newScratchDir();
    try {
      Path parquet = dir.resolve("checkpoint.parquet");
      Files.write(parquet, content);
      List<String> present = new ArrayList<>();
      try (Statement statement = connection().createStatement();
          ResultSet columns =
              statement.executeQuery(
                  "DESCRIBE SELECT * FROM read_parquet(" + literal(parquet) + ")")) {
        while (columns.next()) {
          present.add(columns.getString(1));
        }
      }
      List<String> wanted = new ArrayList<>();
      for (String[] column : COLUMNS) {
        if (present.contains(column[0])) {
          wanted.add(column[0]);
        }
      }
      if (!present.contains("add") && !present.contains("metaData")) {
        throw new CorruptLogException(
            file, "not a Delta checkpoint: it has no add or metaData column, only " + present);
      }
      StringBuilder select = new StringBuilder("SELECT ");
      for (int i = 0; i < wanted.size(); i++) {
        select.append(i == 0 ? "" : ", ").append("to_json(\"").append(wanted.get(i)).append("\")");
      }
      select.append(" FROM read_parquet(").append(literal(parquet)).append(')');
      List<JsonNode> actions = new ArrayList<>();
      try (Statement statement = connection().createStatement();
          ResultSet rows = statement.executeQuery(select.toString())) {
        while (rows.next()) {
          for (int i = 0; i < wanted.size(); i++) {
            String json = rows.getString(i + 1);
            if (json != null && !json.equals("null")) {
              ObjectNode action = mapper.createObjectNode();
              action.set(wanted.get(i), mapper.readTree(json));
              actions.add(action);
            }
          }
        }
      }
      return actions;
    } catch (SQLException e) {
      throw new CorruptLogException(
          file, "not a readable Parquet checkpoint: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read checkpoint " + file, e);
    } finally {
      deleteRecursively(dir);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement statement = c.createStatement()) {
        statement.execute("SET threads = 1");
        statement.execute("SET memory_limit = '256MB'");
        statement.execute("SET autoinstall_known_extensions = false");
        statement.execute("SET preserve_insertion_order = true");
      }
      connection = c;
    }
    return connection;
  }

  private Path newScratchDir() {
    try {
      Files.createDirectories(scratchRoot);
      return Files.createTempDirectory(scratchRoot, "checkpoint-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a scratch directory under " + scratchRoot, e);
    }
  }

  private static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Scratch files only; nothing depends on their removal.
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing an in-memory instance; nothing to recover.
      }
      connection = null;
    }
  }
}
