package dev.apiary.engine;

import dev.apiary.catalog.FrameDefinition;
import dev.apiary.engine.internal.CellViews;
import dev.apiary.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;

/**
 * The rows of a write, as the writing chamber sees them: a relation it selects from. An Arrow
 * stream handed over from Java, or a file (CSV, Parquet, JSON) or a frame's cells that the writing
 * chamber reads itself, so their rows never cross into the JVM.
 */
public abstract sealed class WriteInput
    permits WriteInput.Stream, WriteInput.File, WriteInput.Cells {
  /** The name under which the writing chamber reads an Arrow stream. */
  static final String RELATION = "apiary_input";

  private WriteInput() {}

  /** Rows from an Arrow stream; the stream is consumed by the write (the caller closes it). */
  public static WriteInput arrow(ArrowReader data) {
    return new Stream(data);
  }

  /**
   * Rows of a file, read by the writing chamber with the engine's reader for the file's extension
   * ({@link FileSources#readerFunction}).
   *
   * @param progress receives the rows read so far while the write runs (estimated from the part of
   *     the file the engine has read, for line-per-row formats), and the exact count once the rows
   *     are all written
   * @throws InvalidInputException if the file does not exist or its format is unknown
   */
  public static WriteInput file(Path file, LongConsumer progress) {
    return new File(file, progress);
  }

  /**
   * The rows of cells of one frame, read by the writing chamber itself: the frame's columns,
   * partition values from the log.
   *
   * @param definition the frame's columns and partition columns
   */
  public static WriteInput cells(FrameDefinition definition, List<LocalCell> cells) {
    return new Cells(definition, cells);
  }

  /**
   * Makes the rows readable in {@code chamber} ({@link Bound#relation}) and returns their columns.
   *
   * @throws InvalidInputException if a file cannot be read or has columns frames cannot store
   */
  abstract Bound bind(DuckDbChamber chamber, BufferAllocator allocator);

  /**
   * Rows made readable in a chamber; closing releases what the hand-over holds.
   *
   * @param relation the SQL relation the write selects from
   * @param schema the columns of the rows, as Arrow fields
   * @param progress where to report progress while the chamber reads the rows, if anyone listens
   * @param failure turns an engine failure of the write (already translated) into the error to
   *     report
   * @param release what closing releases
   */
  record Bound(
      String relation,
      Schema schema,
      Optional<CopyProgress.Listener> progress,
      UnaryOperator<RuntimeException> failure,
      Runnable release)
      implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }

  /** An Arrow stream exported to the chamber through the Arrow C stream interface. */
  static final class Stream extends WriteInput {
    private final ArrowReader data;

    Stream(ArrowReader data) {
      this.data = Objects.requireNonNull(data, "data");
    }

    @Override
    Bound bind(DuckDbChamber chamber, BufferAllocator allocator) {
      Schema schema;
      try {
        schema = data.getVectorSchemaRoot().getSchema();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("Could not read the schema of the data", e);
      }
      ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
      try {
        Data.exportArrayStream(allocator, data, stream);
        chamber.connection().registerArrowStream(RELATION, stream);
      } catch (RuntimeException e) {
        stream.close();
        throw e;
      }
      return new Bound(RELATION, schema, Optional.empty(), e -> e, stream::close);
    }
  }

  /** A file the chamber reads with the engine's own reader. */
  static final class File extends WriteInput {
    private final Path file;
    private final LongConsumer progress;

    File(Path file, LongConsumer progress) {
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException("No such file: " + file);
      }
      this.file = file;
      this.progress = Objects.requireNonNull(progress, "progress");
      FileSources.readerFunction(file); // Refuses an unknown format before any engine starts.
    }

    @Override
    Bound bind(DuckDbChamber chamber, BufferAllocator allocator) {
      String relation = FileSources.reader(file);
      // The engine computes a statement's progress only with its progress bar on (not printed).
      chamber.execute("SET enable_progress_bar = true");
      chamber.execute("SET enable_progress_bar_print = false");
      // The engine sniffs the file's columns (a sample of its rows) here and again when the write
      // binds.
      Schema schema = columns(chamber, allocator, relation, file.toString());
      FileSources.frameTypes(schema, file.toString()); // Refuses columns frames cannot store.
      return new Bound(
          relation,
          schema,
          Optional.of(new CopyProgress.Listener(progress, RowEstimate.of(file))),
          this::failure,
          () -> {});
    }

    /** A row the reader cannot parse or convert is the file's problem: say which file. */
    private RuntimeException failure(RuntimeException translated) {
      if (translated instanceof EngineException engine
          && engine.category() == dev.apiary.error.ErrorCategory.USER) {
        return new InvalidInputException(
            "Cannot load "
                + file
                + ": "
                + translated.getMessage()
                + "; fix the file, or load it into a frame with types that fit");
      }
      return translated;
    }
  }

  /**
   * Cells of one frame (files this node holds locally), read by the writing chamber as the frame's
   * columns with the partition values of the log ({@link CellViews}): what compaction rewrites.
   */
  static final class Cells extends WriteInput {
    private final FrameDefinition definition;
    private final List<LocalCell> cells;

    Cells(FrameDefinition definition, List<LocalCell> cells) {
      this.definition = Objects.requireNonNull(definition, "definition");
      this.cells = List.copyOf(cells);
    }

    @Override
    Bound bind(DuckDbChamber chamber, BufferAllocator allocator) {
      String relation =
          "("
              + CellViews.body(definition.schema().columns(), definition.partitionBy(), cells)
              + ")";
      String what = cells.size() + " cells";
      return new Bound(
          relation,
          columns(chamber, allocator, relation, what),
          Optional.empty(),
          e -> e,
          () -> {});
    }
  }

  /**
   * The columns of {@code relation} as the engine reads them (no rows are read).
   *
   * @throws InvalidInputException if the engine cannot read it
   */
  private static Schema columns(
      DuckDbChamber chamber, BufferAllocator allocator, String relation, String what) {
    try (Statement statement = chamber.connection().createStatement();
        ResultSet none = statement.executeQuery("SELECT * FROM " + relation + " LIMIT 0");
        ArrowReader arrow =
            (ArrowReader) ((DuckDBResultSet) none).arrowExportStream(allocator, 1024)) {
      return arrow.getVectorSchemaRoot().getSchema();
    } catch (SQLException | IOException e) {
      throw FileSources.unreadable(what, e);
    }
  }
}
