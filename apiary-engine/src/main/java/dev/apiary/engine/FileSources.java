package dev.apiary.engine;

import dev.apiary.catalog.FrameDefinition;
import dev.apiary.engine.internal.CellViews;
import dev.apiary.engine.internal.DuckDbTypes;
import dev.apiary.error.InvalidInputException;
import dev.apiary.table.ColumnType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;

/** Reads CSV, Parquet and JSON files as Arrow streams, through the engine's own readers. */
public final class FileSources {
  private FileSources() {}

  /** An open file: its columns as frame types, and its rows as an Arrow stream. */
  public static final class Source implements AutoCloseable {
    private final DuckDbChamber chamber;
    private final Statement statement;
    private final ResultSet rows;
    private final ArrowReader reader;
    private final Map<String, String> schema;
    private final TaskBudget writerBudget;

    private Source(
        DuckDbChamber chamber,
        Statement statement,
        ResultSet rows,
        ArrowReader reader,
        Map<String, String> schema,
        TaskBudget writerBudget) {
      this.writerBudget = writerBudget;
      this.chamber = chamber;
      this.statement = statement;
      this.rows = rows;
      this.reader = reader;
      this.schema = schema;
    }

    /** Column name to Apiary type, in file order (what {@code load --create} declares). */
    public Map<String, String> schema() {
      return schema;
    }

    public ArrowReader reader() {
      return reader;
    }

    /**
     * The budget for the chamber that writes these rows: the load's threads and the half of its
     * memory the reading chamber does not use. Closing it does nothing; the load's budget is closed
     * by whoever reserved it.
     */
    public TaskBudget writerBudget() {
      return writerBudget;
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        // Buffers are released either way.
      }
      try {
        rows.close();
        statement.close();
      } catch (SQLException e) {
        // The chamber closes below.
      }
      chamber.close();
    }
  }

  /**
   * Opens a file by its extension: {@code .csv}, {@code .tsv}, {@code .parquet}, {@code .json},
   * {@code .jsonl}, {@code .ndjson} (optionally compressed, e.g. {@code .csv.gz}).
   *
   * @throws InvalidInputException for a missing file, an unknown format or columns frames cannot
   *     store
   */
  public static Source open(
      Path file, BufferAllocator allocator, ChamberSettings settings, LongConsumer progress) {
    return open(
        file,
        allocator,
        settings,
        TaskBudgets.fixed(() -> settings).reserve("the load of " + file, TaskBudgets.UNKNOWN_SIZE),
        progress);
  }

  /**
   * Opens a file like {@link #open(Path, BufferAllocator, ChamberSettings, LongConsumer)}, in a
   * chamber with the budget's threads and half its memory (the other half is for the writer, {@link
   * Source#writerBudget}).
   */
  public static Source open(
      Path file,
      BufferAllocator allocator,
      ChamberSettings settings,
      TaskBudget budget,
      LongConsumer progress) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("No such file: " + file);
    }
    return openQuery(
        "SELECT * FROM " + reader(file), file.toString(), allocator, settings, budget, progress);
  }

  /**
   * The columns of a file as frame types, in file order (what {@code load --create} declares),
   * sniffed by the engine in a chamber under {@code budget}; the rows are not read.
   *
   * @throws InvalidInputException for a missing or unreadable file, an unknown format or columns
   *     frames cannot store
   */
  public static Map<String, String> columns(
      Path file, BufferAllocator allocator, ChamberSettings settings, TaskBudget budget) {
    WriteInput input = WriteInput.file(file, rows -> {});
    try (DuckDbChamber chamber = DuckDbChamber.open(settings)) {
      ChamberBudget.bind(chamber, budget);
      try (WriteInput.Bound bound = input.bind(chamber, allocator)) {
        return frameTypes(bound.schema(), file.toString());
      }
    }
  }

  /**
   * Opens cells (Parquet files this node holds locally) of one frame as one stream of the frame's
   * columns, matched by name, partition values from the log ({@link CellViews}), for rewriting them
   * (compaction), with part of the budget's threads and half its memory (the rest is for the
   * writer, {@link Source#writerBudget}). No user SQL runs in this chamber.
   *
   * @param definition the frame's columns and partition columns
   */
  public static Source openCells(
      FrameDefinition definition,
      List<LocalCell> cells,
      BufferAllocator allocator,
      ChamberSettings settings,
      TaskBudget budget) {
    return openQuery(
        CellViews.body(definition.schema().columns(), definition.partitionBy(), cells),
        cells.size() + " cells",
        allocator,
        settings,
        budget,
        rows -> {});
  }

  private static Source openQuery(
      String select,
      String what,
      BufferAllocator allocator,
      ChamberSettings settings,
      TaskBudget budget,
      LongConsumer progress) {
    // Streaming: the writer starts on the first batch while the file is still being read, and the
    // file's rows are never all held in memory (a materialized 10 M-row CSV took as long to read
    // as the whole write).
    DuckDbChamber chamber = DuckDbChamber.openStreaming(settings);
    boolean opened = false;
    try {
      // The reading and the writing chamber run side by side: they split the threads and the
      // memory, so together they stay within the budget's bees.
      ChamberBudget.bind(chamber, budget, readerThreads(budget), half(budget));
      Statement statement = chamber.connection().createStatement();
      ResultSet rows = statement.executeQuery(select);
      ArrowReader arrow =
          (ArrowReader) ((DuckDBResultSet) rows).arrowExportStream(allocator, 64 * 1024);
      Map<String, String> schema = frameTypes(arrow.getVectorSchemaRoot().getSchema(), what);
      Source source =
          new Source(
              chamber,
              statement,
              rows,
              ForwardingArrowReader.counting(allocator, arrow, progress),
              schema,
              new HalfBudget(budget));
      opened = true;
      return source;
    } catch (SQLException e) {
      RuntimeException failure = ChamberBudget.failure(e, budget, "read " + what);
      if (failure instanceof EngineException engine
          && engine.category() != dev.apiary.error.ErrorCategory.USER) {
        throw failure;
      }
      throw unreadable(what, e);
    } catch (IOException e) {
      throw unreadable(what, e);
    } finally {
      if (!opened) {
        chamber.close();
      }
    }
  }

  /** The reader's threads: the larger half (a one-bee load still needs a thread on each side). */
  private static int readerThreads(TaskBudget budget) {
    return Math.max(1, budget.threads() - budget.threads() / 2);
  }

  private static long half(TaskBudget budget) {
    return Math.max(16L << 20, budget.memoryLimitBytes() / 2);
  }

  /** The writer's part of a load's budget. */
  private static final class HalfBudget implements TaskBudget {
    private final TaskBudget load;

    HalfBudget(TaskBudget load) {
      this.load = load;
    }

    @Override
    public int threads() {
      return Math.max(1, load.threads() / 2);
    }

    @Override
    public long memoryLimitBytes() {
      return half(load);
    }

    @Override
    public String holder() {
      return load.holder();
    }

    @Override
    public String task() {
      return load.task();
    }

    @Override
    public void attach(java.util.function.LongSupplier memoryUsed, Runnable cancel) {
      load.attach(memoryUsed, cancel);
    }

    @Override
    public Optional<String> cancellation() {
      return load.cancellation();
    }

    @Override
    public void close() {
      // The load's budget is closed by whoever reserved it.
    }
  }

  /**
   * Column name to Apiary type, in the order of {@code schema} (what {@code load --create}
   * declares).
   *
   * @param what the file or cells, for the message
   * @throws InvalidInputException naming a column whose type frames cannot store
   */
  static Map<String, String> frameTypes(Schema schema, String what) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Field field : schema.getFields()) {
      Optional<ColumnType> type;
      try {
        type = DuckDbTypes.fromArrow(field.getType());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "Column '"
                + field.getName()
                + "' of "
                + what
                + " has type "
                + field.getType()
                + ", which frames cannot store");
      }
      types.put(field.getName(), type.map(ColumnType::name).orElse("string"));
    }
    return types;
  }

  /** The error for a file the engine cannot read (or sniff). */
  static InvalidInputException unreadable(String what, Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return new InvalidInputException(
        "Cannot read " + what + ": " + DuckDbChamber.withoutStackTrace(message));
  }

  /** The engine's table function reading {@code file}, e.g. {@code read_csv('/abs/a.csv')}. */
  static String reader(Path file) {
    return readerFunction(file)
        + "("
        + DuckDbChamber.literal(file.toAbsolutePath().toString())
        + ")";
  }

  static String readerFunction(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String compression : new String[] {".gz", ".zst"}) {
      if (name.endsWith(compression)) {
        name = name.substring(0, name.length() - compression.length());
      }
    }
    if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
      return "read_csv";
    }
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      return "read_parquet";
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return "read_json";
    }
    throw new InvalidInputException(
        "Cannot tell the format of "
            + file
            + " from its name; use .csv, .tsv, .parquet, .json, .jsonl or .ndjson");
  }
}
