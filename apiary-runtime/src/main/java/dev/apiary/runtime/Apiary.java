package dev.apiary.runtime;

import dev.apiary.catalog.DropMode;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.FrameName;
import dev.apiary.engine.QueryEngine;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.SqlSession;
import dev.apiary.engine.TaskBudgets;
import dev.apiary.engine.TaskTimeoutException;
import dev.apiary.engine.WriteInput;
import dev.apiary.engine.WriteSummary;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.InvalidInputException;
import dev.apiary.runtime.bees.BeeStatus;
import dev.apiary.runtime.cache.CacheDisk;
import dev.apiary.runtime.cache.CacheStatistics;
import dev.apiary.runtime.cache.LocalCacheDisk;
import dev.apiary.runtime.colony.Backpressure;
import dev.apiary.runtime.colony.BackpressureException;
import dev.apiary.runtime.colony.ColonyStatus;
import dev.apiary.runtime.swarm.SwarmStatus;
import dev.apiary.storage.CreateOnlyProbe;
import dev.apiary.storage.LocalObjectStore;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.StorageUri;
import dev.apiary.storage.StrayTemporaryFiles;
import dev.apiary.table.AppTransaction;
import dev.apiary.table.Snapshot;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
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

  Node running() {
    Node r = running;
    if (r == null) {
      throw new ApiaryException(
          ErrorCategory.USER, "Apiary '" + config.name() + "' is not started; call start() first");
    }
    return r;
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
    NodeWrites.createFrame(
        running(), new FrameName(hive, box, frame), schema, partitionBy, properties);
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
    return write(hive, box, frame, data, Backpressure.BLOCK);
  }

  /**
   * Appends the data as one commit; when the colony is hot the write waits (up to 30 s), fails or
   * goes ahead as {@code backpressure} says, and it is refused when the colony is critical.
   *
   * @throws BackpressureException if the colony refuses the write; nothing was written
   */
  public WriteSummary write(
      String hive, String box, String frame, ArrowReader data, Backpressure backpressure) {
    return write(
        hive, box, frame, data, WriteOperation.Mode.APPEND, Optional.empty(), backpressure);
  }

  /** Replaces the frame's contents with the data, as one commit. */
  public WriteSummary overwrite(String hive, String box, String frame, ArrowReader data) {
    return overwrite(hive, box, frame, data, Backpressure.BLOCK);
  }

  /**
   * {@link #overwrite} under a backpressure policy, like {@link #write(String, String, String,
   * ArrowReader, Backpressure)}.
   */
  public WriteSummary overwrite(
      String hive, String box, String frame, ArrowReader data, Backpressure backpressure) {
    return write(
        hive, box, frame, data, WriteOperation.Mode.OVERWRITE, Optional.empty(), backpressure);
  }

  /** Writes with an idempotency token: a repeated (appId, sequence) is not applied twice. */
  public WriteSummary write(
      String hive,
      String box,
      String frame,
      ArrowReader data,
      WriteOperation.Mode mode,
      Optional<AppTransaction> token) {
    return write(hive, box, frame, data, mode, token, Backpressure.BLOCK);
  }

  /** Writes with an idempotency token under a backpressure policy. */
  public WriteSummary write(
      String hive,
      String box,
      String frame,
      ArrowReader data,
      WriteOperation.Mode mode,
      Optional<AppTransaction> token,
      Backpressure backpressure) {
    Node r = running();
    FrameEntry entry = r.catalog().frame(hive, box, frame);
    return NodeTasks.write(
        r,
        "the write to " + entry.qualifiedName(),
        TaskBudgets.UNKNOWN_SIZE,
        backpressure,
        budget -> NodeWrites.cells(r, entry, WriteInput.arrow(data), mode, token, budget));
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
   * Deletes the temporary files that writers killed mid-write left in local storage (files named
   * {@code .apiary-tmp-*}, which readers never see), if untouched for longer than {@code olderThan}
   * so that a write still running in another process is left alone. Remote stores have none: their
   * uploads are atomic.
   *
   * @return how many files were deleted (0 for remote storage)
   * @throws dev.apiary.storage.ObjectStoreException if the storage directory cannot be walked
   */
  public int sweepTemporaryFiles(Duration olderThan) {
    Node r = running();
    return r.store() instanceof LocalObjectStore local
        ? StrayTemporaryFiles.sweep(local, olderThan, Instant.now())
        : 0;
  }

  /**
   * Loads a CSV, Parquet or JSON file (format from its extension) into a frame, creating the frame
   * from the file's columns if {@code createWithPartitionBy} is present and it does not exist. The
   * load's bees are sized by the file and shared by the chamber reading it and the one writing.
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
    return NodeWrites.load(
        running(), file, new FrameName(hive, box, frame), createWithPartitionBy, progress);
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
    // The statement is written from the frame as this node last saw it, without a request: the
    // statement itself asks storage for the latest catalog. It stands if that catalog still
    // defines the frame the same way; otherwise (and for a frame or filter the remembered
    // definition does not know) it is written from the latest definition.
    Optional<FrameEntry> remembered =
        r.catalog()
            .lastView()
            .findFrame(hive, box, frame)
            .filter(entry -> FrameReads.accepts(entry, partitionFilter));
    if (remembered.isPresent()) {
      Supplier<Boolean> unchanged =
          () -> r.catalog().lastView().findFrame(hive, box, frame).equals(remembered);
      QueryResult result;
      try {
        result = read(r, remembered.get(), partitionFilter);
      } catch (RuntimeException e) {
        if (unchanged.get()) {
          throw e;
        }
        return read(r, r.catalog().frame(hive, box, frame), partitionFilter);
      }
      if (unchanged.get()) {
        return result;
      }
      result.close();
    }
    return read(r, r.catalog().frame(hive, box, frame), partitionFilter);
  }

  private static QueryResult read(Node r, FrameEntry entry, Map<String, String> partitionFilter) {
    String sql = FrameReads.sql(entry, partitionFilter);
    return NodeTasks.query(
        r,
        "the read of " + entry.qualifiedName(),
        Optional.empty(),
        budgets -> r.engine().execute(sql, new SqlSession(), QueryEngine.Options.DEFAULT, budgets));
  }

  /** Runs SQL in this instance's session (its USE context is its own). */
  public QueryResult sql(String sql) {
    return sql(sql, session);
  }

  /**
   * Runs SQL in this instance's session, interrupted if it runs longer than {@code timeout} (see
   * {@link #sql(String, SqlSession, Optional)}).
   */
  public QueryResult sql(String sql, Duration timeout) {
    return sql(sql, session, Optional.of(timeout));
  }

  /** Runs SQL in the given session. */
  public QueryResult sql(String sql, SqlSession sqlSession) {
    return sql(sql, sqlSession, Optional.empty());
  }

  /**
   * Runs SQL in the given session; with a timeout, a statement still running after it (counted from
   * when it got its bees) is interrupted and fails with {@link TaskTimeoutException}, its bees
   * freed. The statement waits in line for bees (up to 5 minutes) and is refused with {@link
   * BackpressureException} when the colony is critical.
   *
   * @throws dev.apiary.engine.MemoryExceededException if it needs more than its bees' memory even
   *     after spilling
   */
  public QueryResult sql(String sql, SqlSession sqlSession, Optional<Duration> timeout) {
    Node r = running();
    return NodeTasks.query(
        r,
        "the statement",
        timeout,
        budgets -> r.engine().execute(sql, sqlSession, QueryEngine.Options.DEFAULT, budgets));
  }

  // ---- bees and colony ----

  /** Every bee of this node: id, idle or busy, memory used, budget, task. */
  public List<BeeStatus> beeStatus() {
    return running().bees().status();
  }

  /** The colony temperature now, its band, the setpoint, abandoned tasks and the inputs. */
  public ColonyStatus colonyStatus() {
    Node r = running();
    return ColonyStatus.of(r.colony().reading(), r.abandonment().abandonedTasks());
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
