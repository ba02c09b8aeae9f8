package dev.apiary.runtime;

import static dev.apiary.engine.DuckDbChamber.identifier;
import static dev.apiary.engine.DuckDbChamber.literal;

import dev.apiary.catalog.Catalog;
import dev.apiary.catalog.DropMode;
import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.CellFiles;
import dev.apiary.engine.CellWriter;
import dev.apiary.engine.ChamberPool;
import dev.apiary.engine.ChamberSettings;
import dev.apiary.engine.FileSources;
import dev.apiary.engine.QueryEngine;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.SqlSession;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.InvalidInputException;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStores;
import dev.apiary.storage.StorageUri;
import dev.apiary.table.AppTransaction;
import dev.apiary.table.FrameLogs;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.FrameTables;
import dev.apiary.table.LogOptions;
import dev.apiary.table.Snapshot;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One Apiary node: the Java facade over storage, catalog, frame logs, the cell writer and the query
 * engine. Create it, {@link #start()} it, use it from any number of threads, {@link #shutdown()}
 * it. Two instances on one storage location behave like two nodes: each sees the other's commits.
 */
public final class Apiary implements AutoCloseable {
  private final ApiaryConfig config;
  private final SqlSession session = new SqlSession();
  private volatile Running running;

  /** Everything that exists only between start and shutdown. */
  private record Running(
      String nodeId,
      NodeResources resources,
      StorageUri uri,
      ObjectStore store,
      Catalog catalog,
      FrameLogs logs,
      FrameTables tables,
      BufferAllocator allocator,
      CellWriter writer,
      ChamberPool chambers,
      QueryEngine engine) {}

  public Apiary(ApiaryConfig config) {
    this.config = config;
  }

  /** A node of the named apiary with default storage ({@code ~/.apiary/data/<name>}). */
  public static Apiary named(String name) {
    return new Apiary(ApiaryConfig.named(name));
  }

  /** Opens storage and the catalog. Idempotent. */
  public synchronized Apiary start() {
    if (running != null) {
      return this;
    }
    NodeResources resources = NodeResources.detect(config.cores(), config.memoryBytes());
    StorageUri uri = StorageUri.parse(config.storageUri());
    ObjectStore store = ObjectStores.open(uri);
    try {
      Files.createDirectories(config.nodeDirectory());
      String nodeId = nodeId(config.nodeDirectory());
      Catalog catalog = Catalog.open(store);
      FrameLogs logs =
          new FrameLogs(
              store,
              LogOptions.defaults()
                  .withScratchDirectory(config.nodeDirectory().resolve("scratch")));
      FrameTables tables = new FrameTables(logs);
      BufferAllocator allocator = new RootAllocator();
      CellWriter writer =
          new CellWriter(store, allocator, config.nodeDirectory().resolve("staging"));
      ChamberPool chambers = new ChamberPool(() -> chamber(resources), 2);
      QueryEngine engine =
          new QueryEngine(
              catalog,
              tables,
              new CellFiles(store, config.nodeDirectory().resolve("cells")),
              allocator,
              () -> chamber(resources),
              chambers);
      running =
          new Running(
              nodeId, resources, uri, store, catalog, logs, tables, allocator, writer, chambers,
              engine);
      return this;
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException(
          "Cannot prepare the node directory " + config.nodeDirectory(), e);
    }
  }

  /** Stops the node: pending checkpoints finish, engines and buffers are released. Idempotent. */
  public synchronized void shutdown() {
    Running r = running;
    running = null;
    if (r != null) {
      r.chambers().close();
      r.logs().close();
      r.store().close();
      try {
        r.allocator().close();
      } catch (IllegalStateException e) {
        // Buffers still held by a consumer (a result exported to Python, a batch not yet
        // released) are freed when that consumer releases them; shutting down must not fail.
      }
    }
  }

  @Override
  public void close() {
    shutdown();
  }

  private Running running() {
    Running r = running;
    if (r == null) {
      throw new ApiaryException(
          ErrorCategory.USER, "Apiary '" + config.name() + "' is not started; call start() first");
    }
    return r;
  }

  private ChamberSettings chamber() {
    return chamber(running().resources());
  }

  private ChamberSettings chamber(NodeResources resources) {
    return new ChamberSettings(
        resources.cores(),
        resources.memoryBytes() - resources.reserveBytes(),
        config.nodeDirectory().resolve("spill").resolve(UUID.randomUUID().toString()),
        List.of());
  }

  private static String nodeId(Path nodeDirectory) throws IOException {
    Path file = nodeDirectory.resolve("node_id");
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!id.isEmpty()) {
        return id;
      }
    }
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id, StandardCharsets.UTF_8);
    return id;
  }

  // ---- status ----

  public NodeStatus status() {
    Running r = running;
    NodeResources resources =
        r != null ? r.resources() : NodeResources.detect(config.cores(), config.memoryBytes());
    StorageUri uri = r != null ? r.uri() : StorageUri.parse(config.storageUri());
    return new NodeStatus(
        config.name(),
        r != null ? r.nodeId() : "",
        resources.cores(),
        resources.memoryBytes(),
        resources.reserveBytes(),
        resources.cores(),
        uri.scheme().name().toLowerCase(java.util.Locale.ROOT),
        uri.toString(),
        resources.memoryPerBee(),
        resources.targetCellBytes(),
        r != null ? "running" : "stopped");
  }

  // ---- namespaces ----

  public void createHive(String hive) {
    running().catalog().createHive(hive);
  }

  public void createBox(String hive, String box) {
    running().catalog().createBox(hive, box);
  }

  /**
   * Creates a frame (idempotent for the same definition).
   *
   * @param schema column name to type, in order ({@code "int64"}, {@code "decimal(10,2)"}, {@code
   *     "string not null"}, ...)
   */
  public FrameInfo createFrame(
      String hive, String box, String frame, Map<String, String> schema, List<String> partitionBy) {
    return createFrame(hive, box, frame, schema, partitionBy, Map.of());
  }

  /** {@link #createFrame} with properties such as {@code codec}. */
  public FrameInfo createFrame(
      String hive,
      String box,
      String frame,
      Map<String, String> schema,
      List<String> partitionBy,
      Map<String, String> properties) {
    Running r = running();
    FrameEntry entry =
        r.catalog()
            .createFrame(
                hive,
                box,
                frame,
                new FrameDefinition(
                    FrameSchema.parse(schema),
                    partitionBy == null ? List.of() : partitionBy,
                    properties));
    r.tables().log(entry);
    return getFrame(hive, box, frame);
  }

  public List<String> listHives() {
    return running().catalog().listHives();
  }

  public List<String> listBoxes(String hive) {
    return running().catalog().listBoxes(hive);
  }

  public List<String> listFrames(String hive, String box) {
    return running().catalog().listFrames(hive, box);
  }

  public FrameInfo getFrame(String hive, String box, String frame) {
    Running r = running();
    FrameEntry entry = r.catalog().frame(hive, box, frame);
    Snapshot snapshot = r.tables().snapshot(entry);
    return new FrameInfo(
        entry.name(),
        entry.definition().schema().declaration(),
        entry.definition().partitionBy(),
        MAX_PARTITIONS,
        entry.createdAt(),
        snapshot.version(),
        snapshot.fileCount(),
        snapshot.rowCount(),
        snapshot.totalBytes());
  }

  /** Partition values one write may create (reported by get_frame, as the original SDK did). */
  public static final int MAX_PARTITIONS = 10_000;

  /** Drops a frame from the catalog and deletes its files. */
  public void dropFrame(String hive, String box, String frame) {
    Running r = running();
    FrameEntry entry = r.catalog().dropFrame(hive, box, frame);
    purge(r, List.of(entry));
  }

  /** Drops a hive; {@code CASCADE} also drops its boxes and frames. */
  public void dropHive(String hive, DropMode mode) {
    Running r = running();
    purge(r, r.catalog().dropHive(hive, mode));
  }

  /** Drops a box; {@code CASCADE} also drops its frames. */
  public void dropBox(String hive, String box, DropMode mode) {
    Running r = running();
    purge(r, r.catalog().dropBox(hive, box, mode));
  }

  private static void purge(Running r, List<FrameEntry> dropped) {
    for (FrameEntry entry : dropped) {
      r.logs().evict(entry.location());
      for (var info : r.store().list(entry.location())) {
        r.store().delete(info.key());
      }
    }
  }

  // ---- writes ----

  /** Appends the data (an Arrow stream, read to its end) as one commit. */
  public WriteSummary write(String hive, String box, String frame, ArrowReader data) {
    return write(hive, box, frame, data, WriteOperation.Mode.APPEND, Optional.empty());
  }

  /** Replaces the frame's contents with the data, as one commit. */
  public WriteSummary overwrite(String hive, String box, String frame, ArrowReader data) {
    return write(hive, box, frame, data, WriteOperation.Mode.OVERWRITE, Optional.empty());
  }

  /** Writes with an idempotency token: a repeated (appId, sequence) is not applied twice. */
  public WriteSummary write(
      String hive,
      String box,
      String frame,
      ArrowReader data,
      WriteOperation.Mode mode,
      Optional<AppTransaction> token) {
    Running r = running();
    FrameEntry entry = r.catalog().frame(hive, box, frame);
    return r.writer()
        .write(
            new CellWriter.Request(
                r.tables().log(entry),
                entry.qualifiedName(),
                data,
                mode,
                token,
                r.resources().targetCellBytes(),
                chamber()));
  }

  /**
   * Loads a CSV, Parquet or JSON file (format from its extension) into a frame, creating the frame
   * from the file's columns if {@code createWithPartitionBy} is present and it does not exist.
   *
   * @param progress receives the number of rows read so far, as the load goes
   */
  public WriteSummary load(
      Path file,
      String hive,
      String box,
      String frame,
      Optional<List<String>> createWithPartitionBy,
      LongConsumer progress) {
    Running r = running();
    try (FileSources.Source source = FileSources.open(file, r.allocator(), chamber(), progress)) {
      if (createWithPartitionBy.isPresent() && r.catalog().findFrame(hive, box, frame).isEmpty()) {
        if (!r.catalog().listHives().contains(hive.toLowerCase(java.util.Locale.ROOT))) {
          r.catalog().createHive(hive);
        }
        if (!r.catalog().listBoxes(hive).contains(box.toLowerCase(java.util.Locale.ROOT))) {
          r.catalog().createBox(hive, box);
        }
        createFrame(hive, box, frame, source.schema(), createWithPartitionBy.get());
      }
      return write(hive, box, frame, source.reader());
    }
  }

  // ---- reads and SQL ----

  /**
   * Reads a frame, optionally only the partitions whose columns equal the given values.
   *
   * @throws InvalidInputException if a filter column is not a partition column
   */
  public QueryResult read(
      String hive, String box, String frame, Map<String, String> partitionFilter) {
    Running r = running();
    FrameEntry entry = r.catalog().frame(hive, box, frame);
    List<String> conditions = new ArrayList<>();
    for (Map.Entry<String, String> e :
        (partitionFilter == null ? Map.<String, String>of() : partitionFilter).entrySet()) {
      Optional<String> column =
          entry.definition().partitionBy().stream()
              .filter(p -> p.equalsIgnoreCase(e.getKey()))
              .findFirst();
      if (column.isEmpty()) {
        throw new InvalidInputException(
            "'"
                + e.getKey()
                + "' is not a partition column of "
                + entry.qualifiedName()
                + (entry.definition().partitionBy().isEmpty()
                    ? ", which is not partitioned"
                    : " (partitioned by "
                        + String.join(", ", entry.definition().partitionBy())
                        + ")"));
      }
      conditions.add(
          e.getValue() == null
              ? identifier(column.get()) + " IS NULL"
              : identifier(column.get()) + " = " + literal(e.getValue()));
    }
    String sql =
        "SELECT * FROM "
            + identifier(entry.hive())
            + "."
            + identifier(entry.box())
            + "."
            + identifier(entry.name())
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    return r.engine().execute(sql, new SqlSession());
  }

  /** Runs SQL in this instance's session (its USE context is its own). */
  public QueryResult sql(String sql) {
    return running().engine().execute(sql, session);
  }

  /** Runs SQL in the given session. */
  public QueryResult sql(String sql, SqlSession sqlSession) {
    return running().engine().execute(sql, sqlSession);
  }

  /** A new SQL session (own USE context), e.g. one per shell or connection. */
  public SqlSession newSession() {
    return new SqlSession();
  }

  /** The buffer allocator results are built with; for callers that import or export Arrow. */
  public BufferAllocator allocator() {
    return running().allocator();
  }
}
