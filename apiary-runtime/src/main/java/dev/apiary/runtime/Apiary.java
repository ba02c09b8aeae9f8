package dev.apiary.runtime;

import static dev.apiary.engine.DuckDbChamber.identifier;
import static dev.apiary.engine.DuckDbChamber.literal;

import dev.apiary.catalog.DropMode;
import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.CellWriter;
import dev.apiary.engine.ChamberSettings;
import dev.apiary.engine.FileSources;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.SqlSession;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.InvalidInputException;
import dev.apiary.runtime.cache.CacheDisk;
import dev.apiary.runtime.cache.CacheStatistics;
import dev.apiary.runtime.cache.LocalCacheDisk;
import dev.apiary.runtime.swarm.SwarmStatus;
import dev.apiary.storage.CreateOnlyProbe;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.StorageUri;
import dev.apiary.table.AppTransaction;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.Snapshot;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One Apiary node: the Java facade over storage, catalog, frame logs, the cell writer and the query
 * engine. Create it, {@link #start()} it, use it from any number of threads, {@link #shutdown()}
 * it. Two instances on one storage location behave like two nodes: each sees the other's commits.
 */
public final class Apiary implements AutoCloseable {
  private final ApiaryConfig config;
  private final ObjectStore suppliedStore;
  private final CacheDisks cacheDisks;
  private final SqlSession session = new SqlSession();
  private volatile Node running;

  /** Opens the disk under the cell cache; tests substitute one that runs out of space. */
  @FunctionalInterface
  interface CacheDisks {
    CacheDisk open(Path root) throws IOException;
  }

  public Apiary(ApiaryConfig config) {
    this(config, null, LocalCacheDisk::new);
  }

  Apiary(ApiaryConfig config, ObjectStore suppliedStore, CacheDisks cacheDisks) {
    this.config = config;
    this.suppliedStore = suppliedStore;
    this.cacheDisks = cacheDisks;
  }

  /**
   * A node on a store the caller opened (its URI in {@code config} is only reported by {@link
   * #status()}). The node closes the store at shutdown; a store whose close does nothing (memory)
   * can be used by the next node, as after a restart.
   */
  public static Apiary onStore(ApiaryConfig config, ObjectStore store) {
    return new Apiary(
        config, java.util.Objects.requireNonNull(store, "store"), LocalCacheDisk::new);
  }

  /** A node of the named apiary with default storage ({@code ~/.apiary/data/<name>}). */
  public static Apiary named(String name) {
    return new Apiary(ApiaryConfig.named(name));
  }

  /**
   * Opens storage and the catalog. Idempotent. Checks once that the store honours create-only
   * writes ({@link CreateOnlyProbe}).
   *
   * @throws ApiaryException if the store ignores create-only writes and {@code
   *     APIARY_SINGLE_WRITER=1} is not set: several nodes could overwrite each other's commits
   */
  public synchronized Apiary start() {
    if (running == null) {
      running = Node.open(config, suppliedStore, cacheDisks);
    }
    return this;
  }

  /**
   * Stops the node: new calls are refused, running statements and writes get up to the drain
   * timeout to finish, the heartbeat is deleted (graceful departure from the swarm), pending
   * checkpoints finish, engines and buffers are released. Idempotent.
   */
  public synchronized void shutdown() {
    Node r = running;
    running = null;
    if (r != null) {
      r.close();
    }
  }

  @Override
  public void close() {
    shutdown();
  }

  private Node running() {
    Node r = running;
    if (r == null) {
      throw new ApiaryException(
          ErrorCategory.USER, "Apiary '" + config.name() + "' is not started; call start() first");
    }
    return r;
  }

  private ChamberSettings chamber() {
    return running().chamberSettings();
  }

  // ---- status ----

  public NodeStatus status() {
    Node r = running;
    NodeResources resources =
        r != null ? r.resources() : NodeResources.detect(config.cores(), config.memoryBytes());
    StorageUri uri = r != null ? r.uri() : StorageUri.parse(config.storageUri());
    return new NodeStatus(
        config.name(),
        r != null ? r.swarm().nodeId() : "",
        resources.cores(),
        resources.memoryBytes(),
        resources.reserveBytes(),
        resources.cores(),
        uri.scheme().name().toLowerCase(java.util.Locale.ROOT),
        uri.toString(),
        resources.memoryPerBee(),
        resources.targetCellBytes(),
        r != null ? "running" : "stopped",
        r != null ? r.cache().statistics() : CacheStatistics.NONE);
  }

  /**
   * The cell cache's statistics and per-frame summary ({@link CacheStatistics#frames()}: cells and
   * bytes per {@code hive.box.frame}), as heartbeats report them.
   */
  public CacheStatistics cacheStatistics() {
    return running().cache().statistics();
  }

  /**
   * The swarm as this node sees it: every node with a heartbeat in storage (this one included),
   * judged alive, suspect or dead by when this node last saw its heartbeat change. As of the last
   * refresh, at most one heartbeat interval old.
   */
  public SwarmStatus swarmStatus() {
    return running().swarm().status();
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
    Node r = running();
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
    Node r = running();
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
    Node r = running();
    FrameEntry entry = r.catalog().dropFrame(hive, box, frame);
    purge(r, List.of(entry));
  }

  /** Drops a hive; {@code CASCADE} also drops its boxes and frames. */
  public void dropHive(String hive, DropMode mode) {
    Node r = running();
    purge(r, r.catalog().dropHive(hive, mode));
  }

  /** Drops a box; {@code CASCADE} also drops its frames. */
  public void dropBox(String hive, String box, DropMode mode) {
    Node r = running();
    purge(r, r.catalog().dropBox(hive, box, mode));
  }

  private static void purge(Node r, List<FrameEntry> dropped) {
    for (FrameEntry entry : dropped) {
      r.logs().evict(entry.location());
      r.cache().forgetFrame(entry.location());
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
    Node r = running();
    FrameEntry entry = r.catalog().frame(hive, box, frame);
    return r.swarm()
        .track(
            "the write to " + entry.qualifiedName(),
            () ->
                r.writer()
                    .write(
                        new CellWriter.Request(
                            r.tables().log(entry),
                            entry.qualifiedName(),
                            data,
                            mode,
                            token,
                            r.resources().targetCellBytes(),
                            chamber())));
  }

  /**
   * Compacts a frame now: its small cells are rewritten into cells of the target size with {@code
   * dataChange=false} commits, so every query returns the same rows before and after and writes
   * committed meanwhile survive.
   *
   * @throws dev.apiary.error.NotFoundException naming the missing hive, box or frame
   */
  public CompactionResult compact(String hive, String box, String frame) {
    Node r = running();
    FrameEntry entry = r.catalog().frame(hive, box, frame);
    return r.swarm()
        .track("compaction of " + entry.qualifiedName(), () -> r.compactor().compact(entry));
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
    Node r = running();
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
    Node r = running();
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
    return r.swarm()
        .track(
            "the read of " + entry.qualifiedName(),
            () -> r.engine().execute(sql, new SqlSession()));
  }

  /** Runs SQL in this instance's session (its USE context is its own). */
  public QueryResult sql(String sql) {
    return sql(sql, session);
  }

  /** Runs SQL in the given session. */
  public QueryResult sql(String sql, SqlSession sqlSession) {
    Node r = running();
    return r.swarm().track("the statement", () -> r.engine().execute(sql, sqlSession));
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
