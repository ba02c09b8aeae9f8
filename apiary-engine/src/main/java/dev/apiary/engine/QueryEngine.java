package dev.apiary.engine;

import static dev.apiary.engine.DuckDbChamber.identifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.catalog.Catalog;
import dev.apiary.catalog.CatalogView;
import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.internal.CellPruner;
import dev.apiary.engine.internal.CellViews;
import dev.apiary.engine.internal.FrameReference;
import dev.apiary.engine.internal.SqlAnalyzer;
import dev.apiary.engine.internal.Statements;
import dev.apiary.engine.internal.StaticArrowReader;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.InvalidInputException;
import dev.apiary.table.DataFile;
import dev.apiary.table.FrameRead;
import dev.apiary.table.FrameTables;
import dev.apiary.table.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Runs SQL against frames. A query is parsed by the engine itself ({@code json_serialize_sql}), the
 * frames it reads are resolved in the session's USE context and read at one snapshot each (snapshot
 * isolation per statement), cells that cannot match the WHERE clause are pruned, and the statement
 * runs unchanged (only time travel references are swapped, at the positions the parser reports, for
 * views of the version they ask for) in a sealed chamber of the statement's budget, lent to it
 * alone by the {@link ChamberPool}, whose views expose only the kept cells. Apiary commands (USE,
 * SHOW, DESCRIBE, EXPLAIN) are answered here; data changes and host access are refused.
 * Thread-safe: every call uses its own chamber.
 */
public final class QueryEngine {
  private static final int BATCH_ROWS = 64 * 1024;
  private static final int PARSED_STATEMENTS = 256;

  /** How long a frame's remembered version is not guessed after a guess about it proved stale. */
  private static final long CHANGING_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Catalog catalog;
  private final FrameTables tables;
  private final CellSource cells;
  private final BufferAllocator allocator;
  private final TaskBudgets budgets;
  private final ChamberPool pool;
  private final ObjectMapper json = new ObjectMapper();

  /** Frames whose remembered version proved stale lately, with when to guess again (nano time). */
  private final Map<FrameName, Long> changing = new ConcurrentHashMap<>();

  /**
   * Syntax trees of the statements run last (by their text; only statements that parsed): a
   * statement run again, as dashboards and scripts do, is not parsed again. The trees are only
   * read.
   */
  private final Map<String, ParsedStatement> parsed =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ParsedStatement> eldest) {
          return size() > PARSED_STATEMENTS;
        }
      };

  public QueryEngine(
      Catalog catalog,
      FrameTables tables,
      CellSource cells,
      BufferAllocator allocator,
      TaskBudgets budgets,
      ChamberPool pool) {
    this.catalog = catalog;
    this.tables = tables;
    this.cells = cells;
    this.allocator = allocator;
    this.budgets = budgets;
    this.pool = pool;
  }

  /** Options of one statement. */
  public record Options(boolean pruning) {
    public static final Options DEFAULT = new Options(true);
  }

  public QueryResult execute(String sql, SqlSession session) {
    return execute(sql, session, Options.DEFAULT);
  }

  /** Runs one statement under this engine's budgets. */
  public QueryResult execute(String sql, SqlSession session, Options options) {
    return execute(sql, session, options, budgets);
  }

  /**
   * Runs one statement. A query reserves its budget from {@code taskBudgets} once it knows which
   * cells it reads (their bytes size it), and holds it until the result is closed.
   *
   * @throws InvalidInputException for data changes and unsupported statements
   * @throws AccessDeniedException for statements that would reach the host
   * @throws dev.apiary.error.NotFoundException for frames, boxes or hives that do not exist
   * @param taskBudgets where the statement's budget comes from (a node passes one per call, with
   *     the call's timeout)
   * @throws EngineException for errors the engine reports (syntax, binding)
   * @throws MemoryExceededException if the query needs more than its budget even after spilling
   * @throws TaskTimeoutException if the budget was cancelled (a timeout) while the query ran
   */
  public QueryResult execute(
      String sql, SqlSession session, Options options, TaskBudgets taskBudgets) {
    String stripped = Statements.strip(sql);
    return switch (Statements.classify(stripped)) {
      case USE -> ApiaryCommands.use(stripped, session, catalog, allocator);
      case SHOW -> ApiaryCommands.show(stripped, session, catalog, allocator);
      case DESCRIBE -> ApiaryCommands.describe(stripped, session, catalog, tables, allocator);
      case EXPLAIN -> explain(stripped, session, options, taskBudgets);
      case QUERY -> query(stripped, session, options, false, taskBudgets);
    };
  }

  private QueryResult explain(
      String stripped, SqlSession session, Options options, TaskBudgets taskBudgets) {
    String rest = stripped.substring("EXPLAIN".length()).strip();
    boolean analyze = rest.toUpperCase(java.util.Locale.ROOT).startsWith("ANALYZE");
    if (analyze) {
      rest = rest.substring("ANALYZE".length()).strip();
    }
    if (Statements.classify(rest) != Statements.Kind.QUERY) {
      throw new InvalidInputException("EXPLAIN works on queries (SELECT, WITH, FROM, VALUES)");
    }
    long rows = -1;
    List<QueryResult.FramePlan> plan;
    Map<String, Long> timings;
    String chamber;
    try (QueryResult result = query(rest, session, options, !analyze, taskBudgets)) {
      if (analyze) {
        long started = System.nanoTime();
        rows = 0;
        ArrowReader reader = result.reader();
        while (reader.loadNextBatch()) {
          rows += reader.getVectorSchemaRoot().getRowCount();
        }
        Map<String, Long> all = new LinkedHashMap<>(result.timingsMicros());
        all.put("execute", (System.nanoTime() - started) / 1000);
        timings = all;
      } else {
        timings = result.timingsMicros();
      }
      plan = result.plan();
      chamber = result.chamber();
    } catch (IOException e) {
      throw new EngineException(ErrorCategory.INTERNAL, "Reading the result failed: " + e, e);
    }
    List<List<String>> lines = new ArrayList<>();
    for (QueryResult.FramePlan frame : plan) {
      lines.add(
          List.of(
              "frame "
                  + frame.frame()
                  + " @ version "
                  + frame.version()
                  + ": "
                  + frame.cellsKept()
                  + " of "
                  + frame.cellsTotal()
                  + " cells kept, "
                  + (frame.cellsTotal() - frame.cellsKept())
                  + " pruned ("
                  + frame.why()
                  + ")"));
    }
    lines.add(List.of("chamber: " + chamber + ", on this node"));
    if (analyze) {
      lines.add(List.of("rows: " + rows));
      timings.forEach(
          (phase, micros) ->
              lines.add(
                  List.of(
                      String.format(
                          java.util.Locale.ROOT, "%s: %.3f ms", phase, micros / 1000.0))));
    }
    return new QueryResult(
        new StaticArrowReader(allocator, List.of("plan"), lines), plan, timings, null);
  }

  /**
   * Runs a query on the catalog and frame versions this node last read while storage is asked
   * whether they are still the latest, so a warm statement waits for the larger of the two, not
   * their sum; the result (or failure) is returned only if storage confirms every version it read,
   * so the statement is exactly as fresh as one that asked first. Otherwise it runs again on what
   * storage answered, and its frames are not guessed for {@link #CHANGING_NANOS}: a frame that
   * other writers keep changing would have most guesses fail. Without remembered versions (a frame
   * this node has not read or its remembered catalog lacks, a freshness window, a plan only),
   * storage is asked first. A run that timed out is reported as it is; a statement that runs again
   * gets its timeout again.
   */
  private QueryResult query(
      String sql, SqlSession session, Options options, boolean planOnly, TaskBudgets taskBudgets) {
    long t0 = System.nanoTime();
    ParsedStatement parsed = parseWithTimeTravel(sql);
    Call call =
        new Call(
            sql, parsed, session, options, planOnly, taskBudgets, (System.nanoTime() - t0) / 1000);
    // The catalog is read once per statement; every frame is looked up in that one view. The
    // logs of the frames the statement names are probed while it is read: one round trip.
    List<FrameName> named = SqlAnalyzer.latestFrames(parsed.tree(), session);
    Function<CatalogView, List<FrameEntry>> frames =
        view ->
            named.stream()
                .flatMap(n -> view.findFrame(n.hive(), n.box(), n.frame()).stream())
                .toList();
    Optional<FrameRead> guess =
        planOnly || changing(named) ? Optional.empty() : tables.remembered(catalog, frames);
    // A frame the remembered catalog lacks is new to this node (or the statement fails): ask.
    if (guess.isEmpty() || frames.apply(guess.get().view()).size() < named.size()) {
      return run(call, () -> tables.read(catalog, frames), new ArrayList<>());
    }
    FrameTables.PendingRead check = tables.readAsync(catalog, frames);
    List<FrameEntry> used = new ArrayList<>();
    long ts = System.nanoTime();
    QueryResult result = null;
    RuntimeException failure = null;
    try {
      result = run(call, guess::get, used);
    } catch (TaskTimeoutException e) {
      // The statement had its time; running it again would give it that time twice.
      throw e;
    } catch (RuntimeException e) {
      failure = e;
    }
    long tc = System.nanoTime();
    FrameRead latest;
    try {
      latest = check.await();
    } catch (RuntimeException e) {
      if (result != null) {
        result.close();
      }
      throw e;
    }
    boolean ran = result != null || failure != null;
    if (ran && latest.agrees(guess.get(), used)) {
      if (failure != null) {
        throw failure;
      }
      return result.withPhase("check", (System.nanoTime() - tc) / 1000);
    }
    if (result != null) {
      result.close();
    }
    if (ran) {
      long until = System.nanoTime() + CHANGING_NANOS;
      named.forEach(name -> changing.put(name, until));
    }
    return run(call, () -> latest, new ArrayList<>()).withPhase("discarded", (tc - ts) / 1000);
  }

  /** Whether a guess about one of {@code named} proved stale less than CHANGING_NANOS ago. */
  private boolean changing(List<FrameName> named) {
    if (changing.isEmpty()) {
      return false;
    }
    long now = System.nanoTime();
    changing.values().removeIf(until -> until - now < 0);
    return named.stream().anyMatch(changing::containsKey);
  }

  /** One statement to run, parsed. */
  private record Call(
      String sql,
      ParsedStatement parsed,
      SqlSession session,
      Options options,
      boolean planOnly,
      TaskBudgets taskBudgets,
      long parseMicros) {}

  /**
   * Runs a parsed statement on the catalog and frame versions {@code reading} gives, and adds the
   * entries whose latest snapshots it took to {@code used}.
   *
   * @return null, having run nothing, if the read does not hold the latest snapshots the statement
   *     needs (a {@link FrameTables#remembered} read only)
   */
  private QueryResult run(Call call, Supplier<FrameRead> reading, List<FrameEntry> used) {
    String sql = call.sql();
    SqlSession session = call.session();
    Options options = call.options();
    boolean planOnly = call.planOnly();
    TaskBudgets taskBudgets = call.taskBudgets();
    ParsedStatement parsed = call.parsed();
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("parse", call.parseMicros());
    DuckDbChamber chamber = null;
    boolean handedOver = false;
    CellLease lease = null;
    TaskBudget budget = null;
    try {
      String text = parsed.text();
      long tp = System.nanoTime();
      FrameRead read = reading.get();
      CatalogView names = read.view();
      // Memoised: pruning resolves a frame's schema for every column reference of every cell.
      Map<FrameName, Optional<FrameEntry>> found = new HashMap<>();
      Function<FrameName, Optional<FrameEntry>> find =
          name -> found.computeIfAbsent(name, n -> names.findFrame(n.hive(), n.box(), n.frame()));
      List<FrameReference> references =
          SqlAnalyzer.analyze(
              parsed.tree(), session, name -> find.apply(name).map(e -> e.definition().schema()));
      long t1 = System.nanoTime();
      timings.put("analyse", (t1 - tp) / 1000);

      // One view per frame and version read; time travel references get views of their own.
      Map<FrameName, FrameEntry> entries = new LinkedHashMap<>();
      Map<View, List<FrameReference>> byView = new LinkedHashMap<>();
      Map<View, Snapshot> snapshots = new LinkedHashMap<>();
      Map<FrameReference, View> viewOf = new java.util.IdentityHashMap<>();
      for (FrameReference reference : references) {
        FrameName name = reference.name();
        // catalog.frame explains what is missing: the hive, the box or the frame.
        FrameEntry entry =
            entries.computeIfAbsent(
                name,
                n -> find.apply(n).orElseGet(() -> names.frame(n.hive(), n.box(), n.frame())));
        Snapshot snapshot;
        if (reference.travel().isPresent()) {
          FrameReference.TimeTravel travel = reference.travel().get();
          snapshot =
              travel.version().isPresent()
                  ? tables.log(entry).snapshotAt(travel.version().get())
                  : tables.log(entry).snapshotAsOf(travel.timestamp().get());
        } else {
          snapshot = null;
        }
        View view = new View(name, snapshot == null ? -1 : snapshot.version());
        viewOf.put(reference, view);
        byView.computeIfAbsent(view, v -> new ArrayList<>()).add(reference);
        if (snapshot != null) {
          snapshots.put(view, snapshot);
        }
      }
      // The latest snapshots of all frames at once: their probes overlap on remote storage.
      List<View> latest = new ArrayList<>();
      List<FrameEntry> latestEntries = new ArrayList<>();
      for (View view : byView.keySet()) {
        if (view.version() < 0) {
          latest.add(view);
          latestEntries.add(entries.get(view.frame()));
        }
      }
      if (!read.holds(latestEntries)) {
        return null;
      }
      used.addAll(latestEntries);
      List<Snapshot> fresh = read.snapshots(latestEntries);
      for (int i = 0; i < latest.size(); i++) {
        snapshots.put(latest.get(i), fresh.get(i));
      }
      long t2 = System.nanoTime();
      timings.put("snapshot", (t2 - t1) / 1000);

      List<QueryResult.FramePlan> plan = new ArrayList<>();
      Map<View, List<DataFile>> kept = new LinkedHashMap<>();
      for (Map.Entry<View, List<FrameReference>> e : byView.entrySet()) {
        Snapshot snapshot = snapshots.get(e.getKey());
        List<DataFile> cells = prune(snapshot, e.getValue(), options.pruning());
        kept.put(e.getKey(), cells);
        plan.add(
            new QueryResult.FramePlan(
                e.getKey().frame(),
                snapshot.version(),
                snapshot.fileCount(),
                cells.size(),
                !options.pruning()
                    ? "pruning disabled"
                    : e.getValue().stream().anyMatch(r -> r.filter().isEmpty())
                        ? "no usable WHERE for every reference"
                        : "by statistics and partition values"));
      }
      long t3 = System.nanoTime();
      timings.put("prune", (t3 - t2) / 1000);

      // Cells are fetched before the bees are taken: downloads wait on storage, not on cores.
      // The engine opens cell files lazily: the lease holds them until the result is closed.
      if (!planOnly) {
        lease = cells.lease(requests(entries, kept));
      }
      long t4 = System.nanoTime();
      timings.put("fetch", (t4 - t3) / 1000);

      // Leafcutter sizing: the bytes of the kept cells decide how many bees the query gets.
      long inputBytes = 0;
      for (List<DataFile> cells : kept.values()) {
        for (DataFile cell : cells) {
          inputBytes += cell.size();
        }
      }
      budget = taskBudgets.reserve(ChamberBudget.statement(sql), inputBytes);
      String chamberText = describe(budget);
      if (planOnly) {
        timings.put("bees", (System.nanoTime() - t4) / 1000);
        handedOver = true;
        return new QueryResult(
            new StaticArrowReader(allocator, List.of("plan"), List.of()),
            plan,
            timings,
            chamberText,
            budget::close);
      }
      Map<View, List<LocalCell>> files = files(entries, kept, lease);
      List<Path> every = new ArrayList<>();
      files.values().forEach(cells -> cells.forEach(cell -> every.add(cell.file())));
      chamber = pool.take(budget.threads(), budget.memoryLimitBytes(), every);
      ChamberBudget.attach(chamber, budget);
      long tb = System.nanoTime();
      timings.put("bees", (tb - t4) / 1000);

      setUp(chamber, session, entries, files);
      String sqlToRun = rewriteTimeTravel(text, viewOf);
      long t5 = System.nanoTime();
      timings.put("setup", (t5 - tb) / 1000);

      Statement statement2 = chamber.connection().createStatement();
      ResultSet rows;
      try {
        chamber.running(statement2);
        if (budget.cancellation().isPresent()) {
          // Cancelled during set-up: a cancel reaches only a running statement.
          statement2.close();
          throw ChamberBudget.failure(
              new EngineException(ErrorCategory.RESOURCE, "The statement was cancelled", null),
              budget);
        }
        rows = statement2.executeQuery(sqlToRun);
        if (budget.cancellation().isPresent()) {
          // The deadline passed while the statement was starting; a cancel sent before DuckDB
          // began may be lost, so the statement's own check decides.
          rows.close();
          statement2.close();
          throw ChamberBudget.failure(
              new EngineException(ErrorCategory.RESOURCE, "The statement was cancelled", null),
              budget);
        }
      } catch (SQLException e) {
        statement2.close();
        throw ChamberBudget.failure(e, budget, sql);
      }
      ArrowReader reader =
          (ArrowReader) ((DuckDBResultSet) rows).arrowExportStream(allocator, BATCH_ROWS);
      timings.put("execute", (System.nanoTime() - t5) / 1000);
      handedOver = true;
      return new QueryResult(
          reader, plan, timings, chamberText, closing(chamber, rows, statement2, lease, budget));
    } catch (SQLException e) {
      throw budget == null
          ? DuckDbChamber.translate(e, sql)
          : ChamberBudget.failure(e, budget, sql);
    } catch (EngineException e) {
      throw budget == null ? e : ChamberBudget.failure(e, budget);
    } finally {
      if (!handedOver) {
        if (chamber != null) {
          pool.discard(chamber);
        }
        try {
          if (lease != null) {
            lease.close();
          }
        } finally {
          if (budget != null) {
            budget.close();
          }
        }
      }
    }
  }

  /**
   * What closing a result does: the statement is closed, the bees and cells are given back, and the
   * chamber is kept for the next statement, or discarded if its statement failed or was cancelled
   * (it may hold the failure's state).
   */
  private AutoCloseable closing(
      DuckDbChamber chamber,
      ResultSet rows,
      Statement statement,
      CellLease lease,
      TaskBudget budget) {
    return () -> {
      boolean clean = false;
      try {
        try {
          rows.close();
          statement.close();
          clean = budget.cancellation().isEmpty();
        } finally {
          try {
            lease.close();
          } finally {
            budget.close();
          }
        }
      } finally {
        if (clean) {
          pool.giveBack(chamber);
        } else {
          pool.discard(chamber);
        }
      }
    };
  }

  /** The local file and partition values of every kept cell, per view. */
  private static Map<View, List<LocalCell>> files(
      Map<FrameName, FrameEntry> entries, Map<View, List<DataFile>> kept, CellLease lease) {
    Map<View, List<LocalCell>> files = new LinkedHashMap<>();
    for (Map.Entry<View, List<DataFile>> e : kept.entrySet()) {
      String location = entries.get(e.getKey().frame()).location();
      List<LocalCell> cells = new ArrayList<>();
      for (DataFile cell : e.getValue()) {
        cells.add(new LocalCell(lease.file(location + cell.path()), cell.partitionValues()));
      }
      files.put(e.getKey(), cells);
    }
    return files;
  }

  private static String describe(TaskBudget budget) {
    return budget.threads()
        + (budget.threads() == 1 ? " thread" : " threads")
        + " ("
        + budget.holder()
        + "), memory limit "
        + ChamberBudget.mebibytes(budget.memoryLimitBytes());
  }

  private JsonNode parse(String sql) {
    String serialized = pool.parser().serialize(sql);
    JsonNode root;
    try {
      root = json.readTree(serialized);
    } catch (IOException e) {
      throw new EngineException(ErrorCategory.INTERNAL, "Unreadable syntax tree: " + e, e);
    }
    if (root.path("error").asBoolean(false)) {
      if (root.path("error_message").asText("").startsWith("Only SELECT statements")) {
        throw new InvalidInputException(
            "Unsupported statement: Apiary runs one query at a time (SELECT, WITH, FROM, VALUES)"
                + " and its own commands (USE, SHOW, DESCRIBE, EXPLAIN)");
      }
      throw new EngineException(
          ErrorCategory.USER,
          "Parser Error: " + root.path("error_message").asText("the statement cannot be parsed"),
          null);
    }
    JsonNode statements = root.path("statements");
    if (statements.size() != 1) {
      throw new InvalidInputException(
          "Run one statement at a time; this text holds " + statements.size());
    }
    return statements.get(0);
  }

  private List<DataFile> prune(
      Snapshot snapshot, List<FrameReference> references, boolean enabled) {
    if (!enabled || references.stream().anyMatch(r -> r.filter().isEmpty())) {
      return new ArrayList<>(snapshot.files());
    }
    List<CellPruner> pruners = new ArrayList<>(references.size());
    for (FrameReference reference : references) {
      pruners.add(new CellPruner(reference.columns()));
    }
    List<DataFile> kept = new ArrayList<>();
    for (DataFile cell : snapshot.files()) {
      for (int i = 0; i < references.size(); i++) {
        if (pruners.get(i).mayMatch(references.get(i).filter().get(), cell)) {
          kept.add(cell);
          break;
        }
      }
    }
    return kept;
  }

  /** Every kept cell of every view, once. */
  private static List<CellRequest> requests(
      Map<FrameName, FrameEntry> entries, Map<View, List<DataFile>> kept) {
    Map<String, CellRequest> requests = new LinkedHashMap<>();
    for (Map.Entry<View, List<DataFile>> e : kept.entrySet()) {
      String location = entries.get(e.getKey().frame()).location();
      for (DataFile cell : e.getValue()) {
        String key = location + cell.path();
        requests.putIfAbsent(key, new CellRequest(key, cell.size()));
      }
    }
    return new ArrayList<>(requests.values());
  }

  /** Attaches a catalog per hive and a view per frame (and version) over its kept cells. */
  private void setUp(
      DuckDbChamber chamber,
      SqlSession session,
      Map<FrameName, FrameEntry> entries,
      Map<View, List<LocalCell>> files) {
    Set<String> hives = new LinkedHashSet<>();
    Set<String> schemas = new LinkedHashSet<>();
    hives.add(session.hive());
    session.box().ifPresent(b -> schemas.add(identifier(session.hive()) + "." + identifier(b)));
    for (FrameName name : entries.keySet()) {
      hives.add(name.hive());
      schemas.add(identifier(name.hive()) + "." + identifier(name.box()));
    }
    // Names the engine gives its own catalogs would resolve to those, not to the hive (new hives
    // cannot have them; catalogs written before that rule may).
    for (String hive : hives) {
      if (Catalog.ENGINE_CATALOGS.contains(hive.toLowerCase(java.util.Locale.ROOT))) {
        throw new InvalidInputException(
            "Hive '"
                + hive
                + "' cannot be queried: its name collides with a catalog the SQL engine reserves"
                + " ("
                + String.join(", ", Catalog.ENGINE_CATALOGS)
                + ")");
      }
    }
    // Only what differs from what the chamber's last statement set up is changed, in one round
    // trip: a frame read again over the same cells keeps its view (the engine binds it once).
    Set<String> hiveNames = new LinkedHashSet<>();
    for (String hive : hives) {
      hiveNames.add(identifier(hive));
    }
    Map<String, String> views = new LinkedHashMap<>();
    for (Map.Entry<View, List<LocalCell>> e : files.entrySet()) {
      FrameDefinition definition = entries.get(e.getKey().frame()).definition();
      views.put(
          e.getKey().sqlName(),
          CellViews.body(definition.schema().columns(), definition.partitionBy(), e.getValue()));
    }
    String use =
        session.box().isPresent()
            ? identifier(session.hive()) + "." + identifier(session.box().get())
            : identifier(session.hive());
    ChamberCatalog.Change change = chamber.catalog().change(hiveNames, schemas, views, use);
    chamber.execute(change.sql());
    chamber.catalog().applied(change);
  }

  /** A frame as a statement reads it: the latest version ({@code -1}) or one it travelled to. */
  private record View(FrameName frame, long version) {
    String sqlName() {
      String name = version < 0 ? frame.frame() : frame.frame() + "@v" + version;
      return identifier(frame.hive()) + "." + identifier(frame.box()) + "." + identifier(name);
    }
  }

  /** The text that runs, and its syntax tree. */
  private record ParsedStatement(String text, JsonNode tree) {}

  private static final java.util.regex.Pattern VERSION_AS_OF =
      java.util.regex.Pattern.compile("(?i)\\bVERSION\\s+AS\\s+OF\\s+(\\d+)");
  private static final java.util.regex.Pattern TIMESTAMP_AS_OF =
      java.util.regex.Pattern.compile("(?i)\\bTIMESTAMP\\s+AS\\s+OF\\s+('(?:[^']|'')*')");

  /** The statement's syntax tree, parsed now or remembered from an earlier run of the same text. */
  private ParsedStatement parseWithTimeTravel(String sql) {
    synchronized (parsed) {
      ParsedStatement known = parsed.get(sql);
      if (known != null) {
        return known;
      }
    }
    ParsedStatement statement = parseUncached(sql);
    synchronized (parsed) {
      parsed.put(sql, statement);
    }
    return statement;
  }

  /**
   * Parses the statement; if that fails and it uses Spark's {@code VERSION AS OF n} / {@code
   * TIMESTAMP AS OF '...'}, those are rewritten to the engine's {@code AT (...)} and parsed again.
   */
  private ParsedStatement parseUncached(String sql) {
    try {
      return new ParsedStatement(sql, parse(sql));
    } catch (EngineException e) {
      String rewritten =
          TIMESTAMP_AS_OF
              .matcher(VERSION_AS_OF.matcher(sql).replaceAll("AT (VERSION => $1)"))
              .replaceAll("AT (TIMESTAMP => TIMESTAMP $1)");
      if (rewritten.equals(sql)) {
        throw e;
      }
      return new ParsedStatement(rewritten, parse(rewritten));
    }
  }

  /**
   * Replaces every time travel reference (name, alias and clause, located by the parser) with its
   * own view under the same alias, so the rest of the statement is untouched.
   */
  private static String rewriteTimeTravel(String text, Map<FrameReference, View> viewOf) {
    List<FrameReference> travelling =
        viewOf.keySet().stream()
            .filter(r -> r.travel().isPresent())
            .sorted((a, b) -> Integer.compare(b.travel().get().offset(), a.travel().get().offset()))
            .toList();
    if (travelling.isEmpty()) {
      return text;
    }
    String result = text;
    for (FrameReference reference : travelling) {
      FrameReference.TimeTravel travel = reference.travel().get();
      byte[] current = result.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String before =
          new String(current, 0, travel.offset(), java.nio.charset.StandardCharsets.UTF_8);
      String after =
          new String(
              current,
              travel.offset() + travel.length(),
              current.length - travel.offset() - travel.length(),
              java.nio.charset.StandardCharsets.UTF_8);
      result =
          before + viewOf.get(reference).sqlName() + " AS " + identifier(travel.alias()) + after;
    }
    return result;
  }
}
