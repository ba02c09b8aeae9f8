package dev.apiary.table;

import dev.apiary.catalog.Catalog;
import dev.apiary.catalog.CatalogView;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.error.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Joins the catalog to the frame logs: the log of a catalog entry, created (commit 0) if the
 * frame's creator died between writing the registry and the log, so any node completes it.
 */
public final class FrameTables {
  /** Delta configuration key holding the frame's Parquet codec. */
  public static final String CODEC_KEY = "apiary.codec";

  private final FrameLogs logs;
  private final FreshnessWindow freshness;

  /** When the request behind the newest catalog this node read by {@link #read} was sent. */
  private volatile Instant catalogCheckedAt;

  /** Per frame location, when the request behind its newest probed snapshot was sent. */
  private final Map<String, Instant> logCheckedAt = new ConcurrentHashMap<>();

  /** Table ids whose commit 0 this node has seen, so it is checked once, not on every call. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /** Tables whose statements always check storage for newer versions. */
  public FrameTables(FrameLogs logs) {
    this(logs, FreshnessWindow.NONE);
  }

  /**
   * Tables whose statements ({@link #read}) reuse the catalog and frame snapshots read less than
   * {@code freshness} ago instead of checking storage again. With a window, {@link #read} must
   * always be given the same catalog.
   */
  public FrameTables(FrameLogs logs, FreshnessWindow freshness) {
    this.logs = logs;
    this.freshness = Objects.requireNonNull(freshness, "freshness");
  }

  /** The Delta metadata of a frame, as its catalog entry defines it. */
  public static FrameMetadata metadataOf(FrameEntry entry) {
    return new FrameMetadata(
        entry.tableId(),
        entry.name(),
        entry.definition().schema(),
        entry.definition().partitionBy(),
        Map.of(CODEC_KEY, entry.definition().codec()),
        entry.createdAt().toEpochMilli());
  }

  /**
   * The log of a frame, with its commit 0 written if it is missing.
   *
   * @throws CommitConflictException if the log at the frame's location belongs to another table
   *     (the frame was dropped and recreated meanwhile)
   */
  public FrameLog log(FrameEntry entry) {
    FrameLog log = logs.forTable(entry.location());
    if (known.contains(entry.tableId())) {
      return log;
    }
    return latest(entry).log();
  }

  /**
   * The latest snapshot of a frame (one probe for new commits when the log is cached).
   *
   * @throws CommitConflictException as {@link #log(FrameEntry)}
   */
  public Snapshot snapshot(FrameEntry entry) {
    return latest(entry).snapshot();
  }

  /**
   * The latest snapshots of several frames, in the order given; their logs are probed concurrently,
   * so a statement over several frames on remote storage waits for one round trip, not one each.
   *
   * @throws CommitConflictException as {@link #log(FrameEntry)}
   */
  public List<Snapshot> snapshots(List<FrameEntry> entries) {
    List<Supplier<Snapshot>> probes = new ArrayList<>(entries.size());
    for (FrameEntry entry : entries) {
      probes.add(() -> snapshot(entry));
    }
    return logs.probeAll(probes);
  }

  /**
   * Reads the latest catalog and starts the latest snapshots of the frames a statement reads, in
   * one round trip on remote storage rather than two: while {@code catalog} is refreshed (on the
   * caller's thread), the logs of the frames {@code frames} picks from the catalog as this node
   * last read it ({@link Catalog#lastView()}) are probed. These speculative probes never write (no
   * commit 0), and {@link FrameRead#snapshots} uses one only for an entry of the refreshed catalog
   * whose table id it carries; any other entry is probed afresh then.
   *
   * <p>With a {@link FreshnessWindow}, the catalog and the snapshots read less than the window ago
   * are used as they are, without a request.
   *
   * @param frames the entries of the frames the statement reads, as a catalog view names them
   *     (absent frames left out); called once, on the caller's thread
   * @throws dev.apiary.error.ApiaryException as {@link Catalog#view()} (a failed speculative probe
   *     is not reported here: the probe is repeated by {@link FrameRead#snapshots}, which reports
   *     what fails then)
   */
  public FrameRead read(Catalog catalog, Function<CatalogView, List<FrameEntry>> frames) {
    return start(catalog, frames, false).await();
  }

  /**
   * Starts {@link #read} on the probe threads and returns at once, so a statement can run on what
   * {@link #remembered} guesses while storage is asked; {@link PendingRead#await} gives what {@link
   * #read} would have returned, or throws what it would have thrown.
   *
   * @param frames as {@link #read}, but called on the caller's thread before this returns
   */
  public PendingRead readAsync(Catalog catalog, Function<CatalogView, List<FrameEntry>> frames) {
    return start(catalog, frames, true);
  }

  /** A {@link #readAsync} under way. */
  public static final class PendingRead {
    private final CompletableFuture<FrameRead> read;

    private PendingRead(CompletableFuture<FrameRead> read) {
      this.read = read;
    }

    /**
     * Waits for the read.
     *
     * @throws dev.apiary.error.ApiaryException as {@link #read}
     */
    public FrameRead await() {
      try {
        return read.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while reading the catalog and frame logs", e);
      }
    }
  }

  /**
   * The read of {@link #read}: the catalog refreshed on the caller's thread ({@code async} false,
   * where a failure is thrown at once) or on a probe thread, and the guessed frames' logs probed
   * meanwhile on the probe threads.
   */
  private PendingRead start(
      Catalog catalog, Function<CatalogView, List<FrameEntry>> frames, boolean async) {
    List<FrameEntry> guessed = frames.apply(catalog.lastView());
    Map<String, Snapshot> recent = new HashMap<>();
    List<FrameEntry> toProbe = new ArrayList<>(guessed.size());
    List<CompletableFuture<Optional<Snapshot>>> probes = new ArrayList<>(guessed.size());
    for (FrameEntry entry : guessed) {
      Optional<Snapshot> snapshot = recentSnapshot(entry);
      if (snapshot.isPresent()) {
        recent.put(entry.location(), snapshot.get());
      } else {
        toProbe.add(entry);
        probes.add(logs.probeAsync(() -> speculate(entry)));
      }
    }
    Supplier<CatalogView> view =
        freshness.covers(catalogCheckedAt) ? catalog::lastView : () -> refresh(catalog);
    CompletableFuture<CatalogView> refreshed =
        async ? logs.probeAsync(view) : CompletableFuture.completedFuture(view.get());
    CompletableFuture<FrameRead> read =
        refreshed.thenCombine(
            CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)),
            (catalogView, done) -> {
              Map<String, Snapshot> probed = new HashMap<>(recent);
              for (int i = 0; i < toProbe.size(); i++) {
                String location = toProbe.get(i).location();
                probes.get(i).join().ifPresent(snapshot -> probed.put(location, snapshot));
              }
              return new FrameRead(this, catalogView, probed, false);
            });
    return new PendingRead(read);
  }

  /**
   * The catalog and the latest snapshots of the frames a statement reads as this node last read
   * them, without any storage request: a guess, for a statement to run on while {@link #readAsync}
   * asks storage whether it still holds ({@link FrameRead#agrees}). Empty with a freshness window
   * (there {@link #read} costs no request while the window lasts) and when this node has not read
   * the log of a frame {@code frames} picks, or its log holds another table.
   *
   * @param frames as {@link #read}
   */
  public Optional<FrameRead> remembered(
      Catalog catalog, Function<CatalogView, List<FrameEntry>> frames) {
    if (!freshness.window().isZero()) {
      return Optional.empty();
    }
    CatalogView view = catalog.lastView();
    Map<String, Snapshot> snapshots = new HashMap<>();
    for (FrameEntry entry : frames.apply(view)) {
      Optional<Snapshot> snapshot = logs.forTable(entry.location()).cachedSnapshot();
      if (snapshot.isEmpty() || !snapshot.get().metadata().tableId().equals(entry.tableId())) {
        return Optional.empty();
      }
      snapshots.put(entry.location(), snapshot.get());
    }
    return Optional.of(new FrameRead(this, view, snapshots, true));
  }

  private CatalogView refresh(Catalog catalog) {
    Instant sent = freshness.now();
    CatalogView view = catalog.view();
    catalogCheckedAt = sent;
    return view;
  }

  /** The cached snapshot at the entry's location if it was probed less than the window ago. */
  private Optional<Snapshot> recentSnapshot(FrameEntry entry) {
    if (!freshness.covers(logCheckedAt.get(entry.location()))) {
      return Optional.empty();
    }
    return logs.forTable(entry.location()).cachedSnapshot();
  }

  /**
   * The latest snapshots of {@code entries}, in order: a snapshot {@code probed} at an entry's
   * location is used if it belongs to the entry's table, the others are probed now, concurrently.
   */
  List<Snapshot> snapshots(List<FrameEntry> entries, Map<String, Snapshot> probed) {
    List<Snapshot> results = new ArrayList<>(entries.size());
    List<FrameEntry> missing = new ArrayList<>();
    for (FrameEntry entry : entries) {
      Snapshot snapshot = probed.get(entry.location());
      if (snapshot != null && snapshot.metadata().tableId().equals(entry.tableId())) {
        // A snapshot of this table exists, so its commit 0 does.
        known.add(entry.tableId());
        results.add(snapshot);
      } else {
        missing.add(entry);
        results.add(null);
      }
    }
    List<Snapshot> fresh = snapshots(missing);
    for (int i = 0, j = 0; i < results.size(); i++) {
      if (results.get(i) == null) {
        results.set(i, fresh.get(j++));
      }
    }
    return results;
  }

  /**
   * The latest snapshot of whatever table the log at the entry's location holds, or empty if it
   * cannot be read now. Nothing is written, and nothing is thrown: the caller probes again, the
   * usual way, any entry this does not answer for, and that probe reports what goes wrong.
   */
  private Optional<Snapshot> speculate(FrameEntry entry) {
    try {
      Instant sent = freshness.now();
      Snapshot snapshot = logs.forTable(entry.location()).snapshot();
      logCheckedAt.put(entry.location(), sent);
      return Optional.of(snapshot);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private record Latest(FrameLog log, Snapshot snapshot) {}

  /**
   * Loads the latest snapshot and checks it belongs to the entry's table: a frame dropped and
   * recreated by another node keeps its location, so a cached log may hold the old table.
   */
  private Latest latest(FrameEntry entry) {
    Instant sent = freshness.now();
    FrameLog log = logs.forTable(entry.location());
    Snapshot snapshot = loadOrCreate(entry, log);
    if (!snapshot.metadata().tableId().equals(entry.tableId())) {
      logs.evict(entry.location());
      log = logs.forTable(entry.location());
      snapshot = loadOrCreate(entry, log);
      if (!snapshot.metadata().tableId().equals(entry.tableId())) {
        throw new CommitConflictException(
            "Frame "
                + entry.qualifiedName()
                + " was dropped and recreated while this operation ran: its log at '"
                + entry.location()
                + "' belongs to table id "
                + snapshot.metadata().tableId()
                + ", the catalog names table id "
                + entry.tableId()
                + "; retry");
      }
    }
    known.add(entry.tableId());
    logCheckedAt.put(entry.location(), sent);
    return new Latest(log, snapshot);
  }

  private static Snapshot loadOrCreate(FrameEntry entry, FrameLog log) {
    try {
      return log.snapshot();
    } catch (NotFoundException e) {
      return log.create(metadataOf(entry));
    }
  }
}
