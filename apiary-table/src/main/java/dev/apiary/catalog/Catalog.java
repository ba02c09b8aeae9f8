package dev.apiary.catalog;

import dev.apiary.catalog.internal.CatalogChange.Outcome;
import dev.apiary.catalog.internal.CatalogTree;
import dev.apiary.catalog.internal.Registry;
import dev.apiary.catalog.internal.StateRecord;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.InvalidInputException;
import dev.apiary.error.NotFoundException;
import dev.apiary.storage.ObjectStore;
import dev.apiary.table.Identifiers;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The catalog (registry) of hives, boxes and frames, kept in the store as create-only versions
 * {@code _registry/state_<version:06d>.json}, each holding the full catalog (SPEC 3.3, 4).
 *
 * <p><b>Consistency.</b> Every call first probes the store for versions written since this instance
 * last looked (usually one {@code head} request), so instances on different nodes see each other's
 * changes on their next call. Each DDL call is atomic: it commits exactly one new version or none.
 * Concurrent DDL from any number of threads and nodes is serialised by the create-only put; a
 * writer that loses re-reads and re-applies its change (which may have become a no-op or a
 * conflict), with jittered exponential backoff bounded by the {@link RetryPolicy}.
 *
 * <p><b>Names</b> are case-insensitive and returned lower-case ({@link Identifiers#normalize}).
 * Creating something that exists with the same definition does nothing and writes no version.
 *
 * <p><b>Errors.</b> Invalid names and definitions throw {@link
 * dev.apiary.error.InvalidInputException}; a missing hive, box or frame throws {@link
 * NotFoundException} naming it; a frame that exists with another definition, or a non-empty hive or
 * box dropped with {@link DropMode#RESTRICT}, throws a {@link ErrorCategory#USER} {@link
 * ApiaryException}; losing every retry throws a {@link ErrorCategory#CONFLICT} one; store failures
 * throw {@link dev.apiary.storage.ObjectStoreException}.
 *
 * <p><b>Recovery.</b> A corrupt newest version (a crashed or foreign writer) never blocks opening:
 * the newest readable version is used, the problem is reported by {@link #warnings()} and logged,
 * and the next change is written after the corrupt version, which is never overwritten.
 *
 * <p>The catalog never touches frame data: drops return the removed frames for the caller to purge.
 * Thread-safe.
 */
public final class Catalog {
  /**
   * Names the SQL engine gives its own catalogs: a hive of that name could not be queried, so none
   * can be created (a catalog written before this rule may hold one; the query engine refuses it).
   */
  public static final List<String> ENGINE_CATALOGS = List.of("main", "memory", "system", "temp");

  private final Registry registry;
  private final Clock clock;

  private Catalog(Registry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Opens the catalog of a store with the system clock, a secure random and default retries. */
  public static Catalog open(ObjectStore store) {
    return open(store, Clock.systemUTC(), new SecureRandom(), RetryPolicy.DEFAULT);
  }

  /**
   * Opens the catalog of a store: reads the newest readable version and writes nothing (an empty
   * store holds the implicit version 0, with hive {@code default} and box {@code default.default}).
   *
   * @param clock stamps versions and frame creation times
   * @param random draws commit ids, table ids and backoff jitter; used under a lock, so it need not
   *     be thread-safe
   */
  public static Catalog open(
      ObjectStore store, Clock clock, RandomGenerator random, RetryPolicy retryPolicy) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    return new Catalog(new Registry(store, clock, random, retryPolicy), clock);
  }

  /** The newest catalog version in the store (0 while nothing was ever committed). */
  public long version() {
    return registry.refresh().latestVersion();
  }

  /**
   * Problems found while reading the catalog, such as a corrupt version that was skipped; each
   * names the file and the problem. Empty when all is well.
   */
  public List<String> warnings() {
    return registry.warnings();
  }

  // ---- hives ----

  /**
   * Creates a hive.
   *
   * @return true if this call created it, false if it already existed (nothing written)
   * @throws InvalidInputException if the name breaks the naming rules or is one the SQL engine
   *     gives its own catalogs (main, memory, system, temp)
   */
  public boolean createHive(String hive) {
    String h = Identifiers.normalize("hive", hive);
    if (ENGINE_CATALOGS.contains(h)) {
      throw new InvalidInputException(
          "The hive name '"
              + hive
              + "' is reserved by the SQL engine ("
              + String.join(", ", ENGINE_CATALOGS)
              + "): SQL would read the engine's own catalog instead. Choose another name");
    }
    return registry.commit(
        "create_hive " + h,
        tree ->
            tree.hasHive(h) ? new Outcome<>(tree, false) : new Outcome<>(tree.withHive(h), true));
  }

  /** Hive names, sorted. */
  public List<String> listHives() {
    return tree().hiveNames();
  }

  /**
   * Drops a hive. With {@link DropMode#RESTRICT} the hive must be empty (no boxes); with {@link
   * DropMode#CASCADE} its boxes and frames go with it.
   *
   * @return the frames removed, for the caller to purge their data
   */
  public List<FrameEntry> dropHive(String hive, DropMode mode) {
    String h = Identifiers.normalize("hive", hive);
    Objects.requireNonNull(mode, "mode");
    return registry.commit(
        "drop_hive " + h + " " + mode.name().toLowerCase(Locale.ROOT),
        tree -> {
          requireHive(tree, h);
          List<String> boxes = tree.boxNames(h);
          List<FrameEntry> frames = tree.frames(h);
          if (mode == DropMode.RESTRICT && !boxes.isEmpty()) {
            throw new ApiaryException(
                ErrorCategory.USER,
                "Hive '"
                    + h
                    + "' is not empty: it holds "
                    + count(boxes.size(), "box", "boxes")
                    + " ("
                    + String.join(", ", boxes)
                    + ") and "
                    + count(frames.size(), "frame", "frames")
                    + "; drop them first, or drop the hive with CASCADE to remove everything in it");
          }
          return new Outcome<>(tree.withoutHive(h), frames);
        });
  }

  // ---- boxes ----

  /**
   * Creates a box in an existing hive (the hive is never created implicitly).
   *
   * @return true if this call created it, false if it already existed (nothing written)
   * @throws NotFoundException if the hive does not exist
   */
  public boolean createBox(String hive, String box) {
    String h = Identifiers.normalize("hive", hive);
    String b = Identifiers.normalize("box", box);
    return registry.commit(
        "create_box " + h + "." + b,
        tree -> {
          requireHive(tree, h);
          return tree.hasBox(h, b)
              ? new Outcome<>(tree, false)
              : new Outcome<>(tree.withBox(h, b), true);
        });
  }

  /** Box names of a hive, sorted. */
  public List<String> listBoxes(String hive) {
    String h = Identifiers.normalize("hive", hive);
    CatalogTree tree = tree();
    requireHive(tree, h);
    return tree.boxNames(h);
  }

  /**
   * Drops a box. With {@link DropMode#RESTRICT} the box must hold no frames; with {@link
   * DropMode#CASCADE} its frames go with it.
   *
   * @return the frames removed, for the caller to purge their data
   */
  public List<FrameEntry> dropBox(String hive, String box, DropMode mode) {
    String h = Identifiers.normalize("hive", hive);
    String b = Identifiers.normalize("box", box);
    Objects.requireNonNull(mode, "mode");
    return registry.commit(
        "drop_box " + h + "." + b + " " + mode.name().toLowerCase(Locale.ROOT),
        tree -> {
          requireBox(tree, h, b);
          List<FrameEntry> frames = tree.frames(h, b);
          if (mode == DropMode.RESTRICT && !frames.isEmpty()) {
            throw new ApiaryException(
                ErrorCategory.USER,
                "Box '"
                    + h
                    + "."
                    + b
                    + "' is not empty: it holds "
                    + count(frames.size(), "frame", "frames")
                    + " ("
                    + String.join(", ", frames.stream().map(FrameEntry::name).toList())
                    + "); drop them first, or drop the box with CASCADE to remove them too");
          }
          return new Outcome<>(tree.withoutBox(h, b), frames);
        });
  }

  // ---- frames ----

  /**
   * Creates a frame in an existing box, with a fresh table id.
   *
   * @return the new frame, or the existing one if it exists with an equal definition (nothing
   *     written)
   * @throws NotFoundException if the hive or box does not exist
   * @throws ApiaryException ({@link ErrorCategory#USER}) showing both definitions if the frame
   *     exists with a different definition
   */
  public FrameEntry createFrame(String hive, String box, String frame, FrameDefinition definition) {
    String h = Identifiers.normalize("hive", hive);
    String b = Identifiers.normalize("box", box);
    String f = Identifiers.normalize("frame", frame);
    Objects.requireNonNull(definition, "definition");
    // Drawn once, so every retry of this call proposes the same frame.
    FrameEntry proposed = new FrameEntry(h, b, f, definition, registry.newId(), clock.instant());
    return registry.commit(
        "create_frame " + proposed.qualifiedName(),
        tree -> {
          requireBox(tree, h, b);
          Optional<FrameEntry> existing = tree.frame(h, b, f);
          if (existing.isEmpty()) {
            return new Outcome<>(tree.withFrame(proposed), proposed);
          }
          if (existing.get().definition().equals(definition)) {
            return new Outcome<>(tree, existing.get());
          }
          throw new ApiaryException(
              ErrorCategory.USER,
              "Frame '"
                  + proposed.qualifiedName()
                  + "' already exists with a different definition. Existing: "
                  + registry.codec().describe(existing.get().definition())
                  + "; requested: "
                  + registry.codec().describe(definition)
                  + ". Create it with the existing definition, choose another name, or drop it"
                  + " first with drop_frame('"
                  + h
                  + "', '"
                  + b
                  + "', '"
                  + f
                  + "') (which deletes its data)");
        });
  }

  /** Frame names of a box, sorted. */
  public List<String> listFrames(String hive, String box) {
    String h = Identifiers.normalize("hive", hive);
    String b = Identifiers.normalize("box", box);
    CatalogTree tree = tree();
    requireBox(tree, h, b);
    return tree.frames(h, b).stream().map(FrameEntry::name).toList();
  }

  /**
   * A frame.
   *
   * @throws NotFoundException naming the missing hive, box or frame
   */
  public FrameEntry frame(String hive, String box, String frame) {
    return view().frame(hive, box, frame);
  }

  /** A frame, or empty if it (or its hive or box) does not exist. */
  public Optional<FrameEntry> findFrame(String hive, String box, String frame) {
    return view().findFrame(hive, box, frame);
  }

  /**
   * The latest catalog, read once: lookups in it cost no storage requests, so a statement naming
   * several frames refreshes the catalog once.
   */
  public CatalogView view() {
    StateRecord state = registry.refresh().state();
    return new CatalogView(state.version(), state.tree());
  }

  /**
   * The catalog as this instance last read or wrote it, without any storage request. It misses
   * whatever changed since (on any node), so it is only good for guesses that are checked against a
   * later {@link #view()}, such as which frame logs to start probing while the catalog refreshes.
   */
  public CatalogView lastView() {
    StateRecord state = registry.cached().state();
    return new CatalogView(state.version(), state.tree());
  }

  /**
   * Drops a frame from the catalog.
   *
   * @return the removed frame, for the caller to purge its data
   * @throws NotFoundException naming the missing hive, box or frame
   */
  public FrameEntry dropFrame(String hive, String box, String frame) {
    String h = Identifiers.normalize("hive", hive);
    String b = Identifiers.normalize("box", box);
    String f = Identifiers.normalize("frame", frame);
    return registry.commit(
        "drop_frame " + h + "." + b + "." + f,
        tree -> {
          FrameEntry removed = requireFrame(tree, h, b, f);
          return new Outcome<>(tree.withoutFrame(h, b, f), removed);
        });
  }

  // ---- helpers ----

  private CatalogTree tree() {
    return registry.refresh().state().tree();
  }

  private static void requireHive(CatalogTree tree, String hive) {
    CatalogView.requireHive(tree, hive);
  }

  private static void requireBox(CatalogTree tree, String hive, String box) {
    CatalogView.requireBox(tree, hive, box);
  }

  private static FrameEntry requireFrame(CatalogTree tree, String hive, String box, String frame) {
    return CatalogView.requireFrame(tree, hive, box, frame);
  }

  private static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
