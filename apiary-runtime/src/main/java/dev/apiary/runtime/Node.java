package dev.apiary.runtime;

import dev.apiary.catalog.Catalog;
import dev.apiary.engine.CellWriter;
import dev.apiary.engine.ChamberPool;
import dev.apiary.engine.ChamberSettings;
import dev.apiary.engine.QueryEngine;
import dev.apiary.engine.TaskBudgets;
import dev.apiary.runtime.bees.BeeBudgets;
import dev.apiary.runtime.bees.BeePool;
import dev.apiary.runtime.bees.Leafcutter;
import dev.apiary.runtime.bees.PoolLoad;
import dev.apiary.runtime.cache.CellCache;
import dev.apiary.runtime.colony.Abandonment;
import dev.apiary.runtime.colony.Colony;
import dev.apiary.runtime.swarm.CacheSummarySource;
import dev.apiary.runtime.swarm.Heartbeat;
import dev.apiary.runtime.swarm.NodeIdentity;
import dev.apiary.runtime.swarm.SwarmMember;
import dev.apiary.storage.CreateOnlyProbe;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStores;
import dev.apiary.storage.StorageUri;
import dev.apiary.table.FrameLogs;
import dev.apiary.table.FrameTables;
import dev.apiary.table.FreshnessWindow;
import dev.apiary.table.LogOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Everything of a started {@link Apiary} that exists only between start and shutdown, and the order
 * in which it is built and taken down: storage (checked for create-only writes), the cell cache,
 * catalog, frame logs, cell writer, engines, the bee pool and colony, and the swarm membership,
 * which goes first at shutdown so running work drains before anything under it closes.
 */
final class Node implements AutoCloseable {
  /** A frame this node wrote is compacted in the background once this many cells are small. */
  static final int BACKGROUND_MIN_CELLS = 16;

  /** How long a task waits in line for bees before it fails. */
  static final Duration QUEUE_WAIT = Duration.ofMinutes(5);

  /** How long a write waits for a hot colony to cool ({@code backpressure="block"}). */
  static final Duration WRITE_WAIT = Duration.ofSeconds(30);

  private final ApiaryConfig config;
  private final NodeResources resources;
  private final StorageUri uri;
  private final ObjectStore store;
  private final CellCache cache;
  private final Catalog catalog;
  private final FrameLogs logs;
  private final FrameTables tables;
  private final BufferAllocator allocator;
  private final CellWriter writer;
  private final ChamberPool chambers;
  private final QueryEngine engine;
  private final BeePool bees;
  private final Leafcutter sizing;
  private final Colony colony;
  private final SwarmMember swarm;
  private final Abandonment abandonment;
  private final Compactor compactor;
  private final BackgroundCompaction background;

  /**
   * Builds the node; everything opened goes on {@code opened}, to be closed if a later step fails.
   */
  private Node(
      ApiaryConfig config,
      ObjectStore suppliedStore,
      Apiary.CacheDisks cacheDisks,
      Deque<AutoCloseable> opened)
      throws IOException {
    this.config = config;
    this.resources = NodeResources.detect(config.cores(), config.memoryBytes());
    this.uri = StorageUri.parse(config.storageUri());
    this.store = track(opened, suppliedStore != null ? suppliedStore : ObjectStores.open(uri));
    CreateOnlyProbe.requireForMultipleWriters(store, System.getenv());
    Files.createDirectories(config.nodeDirectory());
    this.cache =
        track(
            opened,
            CellCache.open(
                store,
                cacheDisks.open(config.cacheDirectory()),
                config.cacheCapacity(),
                Clock.systemUTC()));
    // As early as its settings allow (they name the cache's directories): the pool's parser and
    // prewarmed chamber load the engine's native library (a tenth of a second or more) on the
    // pool's thread while the catalog and the logs open here.
    this.chambers =
        track(opened, new ChamberPool(this::queryChamberSettings, resources.cores() + 1));
    // Statements over more than a few cells get every bee: a chamber of that shape starts now.
    chambers.prewarm(resources.cores(), resources.cores() * resources.memoryPerBee());
    this.catalog = Catalog.open(store);
    this.logs =
        track(
            opened,
            new FrameLogs(
                store,
                LogOptions.defaults()
                    .withScratchDirectory(config.nodeDirectory().resolve("scratch"))));
    this.tables = new FrameTables(logs, new FreshnessWindow(config.freshness(), Clock.systemUTC()));
    this.allocator = track(opened, new RootAllocator());
    // A write's own chamber is closed on the pool's thread, after the commit.
    this.writer =
        new CellWriter(
            store,
            allocator,
            config.nodeDirectory().resolve("staging"),
            cache,
            Optional.of(chambers));
    this.bees = track(opened, new BeePool(resources.cores(), resources.memoryPerBee()));
    this.sizing = Leafcutter.forNode(resources.targetCellBytes(), resources.cores());
    this.engine =
        new QueryEngine(catalog, tables, cache, allocator, budgets(Optional.empty()), chambers);
    this.compactor =
        new Compactor(
            tables,
            cache,
            writer,
            this::chamberSettings,
            budgets(Optional.empty()),
            resources.targetCellBytes());
    this.colony = Colony.system(bees::load, WRITE_WAIT);
    this.background =
        track(
            opened,
            new BackgroundCompaction(
                entry -> compactor.compact(entry, BACKGROUND_MIN_CELLS),
                colony::cold,
                config.compaction()));
    this.swarm =
        SwarmMember.join(
            store,
            NodeIdentity.claim(config.nodeDirectory()),
            resources,
            () -> heartbeatLoad(bees.load()),
            config.swarm(),
            CacheSummarySource.of(cache::statistics));
    this.abandonment = new Abandonment(swarm.nodeId());
  }

  /** The heartbeat's load: the pool's load, with the colony temperature of the same formula. */
  static Heartbeat.Load heartbeatLoad(PoolLoad in) {
    return Heartbeat.Load.of(in.bees(), in.busy(), in.memoryPressure(), in.queued());
  }

  /** Budgets from the bee pool, sized by leafcutter, with an optional timeout per task. */
  TaskBudgets budgets(Optional<Duration> timeout) {
    return new BeeBudgets(bees, sizing, QUEUE_WAIT, timeout);
  }

  /**
   * Starts a node. On failure, whatever was opened is closed again.
   *
   * @throws dev.apiary.error.ApiaryException if the store ignores create-only writes and {@code
   *     APIARY_SINGLE_WRITER=1} is not set, or storage cannot be opened
   * @throws UncheckedIOException if the node directory cannot be prepared
   */
  static Node open(ApiaryConfig config, ObjectStore suppliedStore, Apiary.CacheDisks cacheDisks) {
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      return new Node(config, suppliedStore, cacheDisks, opened);
    } catch (IOException e) {
      closeAll(opened);
      throw new UncheckedIOException(
          "Cannot prepare the node directory " + config.nodeDirectory(), e);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private static <T extends AutoCloseable> T track(Deque<AutoCloseable> opened, T resource) {
    opened.push(resource);
    return resource;
  }

  /** Closes what a failed start opened, last first; the start's own failure is what matters. */
  private static void closeAll(Deque<AutoCloseable> opened) {
    for (AutoCloseable resource : opened) {
      try {
        resource.close();
      } catch (Exception e) {
        // Already failing; the original failure is what the caller needs to see.
      }
    }
  }

  /**
   * The settings of a new chamber: a fresh scratch (spill) directory, and one bee's threads and
   * memory until a task's budget configures it (a spare only parses statements before that).
   */
  ChamberSettings chamberSettings() {
    return new ChamberSettings(
        1,
        resources.memoryPerBee(),
        config.nodeDirectory().resolve("spill").resolve(UUID.randomUUID().toString()),
        List.of());
  }

  /**
   * The settings of a query chamber, which statements use one after another: its statements may
   * read the cells in the cache's and the store's directories.
   */
  private ChamberSettings queryChamberSettings() {
    ChamberSettings base = chamberSettings();
    return new ChamberSettings(
        base.threads(), base.memoryLimitBytes(), base.scratchDirectory(), cache.directories());
  }

  NodeResources resources() {
    return resources;
  }

  StorageUri uri() {
    return uri;
  }

  ObjectStore store() {
    return store;
  }

  CellCache cache() {
    return cache;
  }

  Catalog catalog() {
    return catalog;
  }

  FrameLogs logs() {
    return logs;
  }

  FrameTables tables() {
    return tables;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  CellWriter writer() {
    return writer;
  }

  QueryEngine engine() {
    return engine;
  }

  SwarmMember swarm() {
    return swarm;
  }

  BeePool bees() {
    return bees;
  }

  Colony colony() {
    return colony;
  }

  Abandonment abandonment() {
    return abandonment;
  }

  Compactor compactor() {
    return compactor;
  }

  BackgroundCompaction background() {
    return background;
  }

  /**
   * Leaves the swarm (new calls refused, running ones drained, heartbeat deleted), then closes
   * engines, frame logs (pending checkpoints finish), the cache, storage and buffers.
   */
  @Override
  public void close() {
    try {
      // No new background work while running work drains; a compaction under way finishes.
      background.close();
      swarm.leave();
    } finally {
      bees.close();
      chambers.close();
      logs.close();
      cache.close();
      store.close();
      try {
        allocator.close();
      } catch (IllegalStateException e) {
        // Buffers still held by a consumer (a result exported to Python, a batch not yet
        // released) are freed when that consumer releases them; shutting down must not fail.
      }
    }
  }
}
