package dev.apiary.engine;

import static dev.apiary.engine.DuckDbChamber.literal;

import dev.apiary.catalog.FrameDefinition;
import dev.apiary.engine.internal.CellStatistics;
import dev.apiary.engine.internal.SchemaAlignment;
import dev.apiary.storage.ObjectStore;
import dev.apiary.table.AppTransaction;
import dev.apiary.table.CommitConflictException;
import dev.apiary.table.CommitResult;
import dev.apiary.table.DataFile;
import dev.apiary.table.FileStatistics;
import dev.apiary.table.FrameLog;
import dev.apiary.table.FrameMetadata;
import dev.apiary.table.FrameTables;
import dev.apiary.table.PartitionPaths;
import dev.apiary.table.Snapshot;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Writes data into a frame as cells: the data is checked and cast by column name against the frame
 * schema, cut into Parquet cells near the target size (partitioned like the frame, with the frame's
 * codec, statistics collected by the engine), the cells are put into storage, and the write becomes
 * visible in exactly one commit. A write that fails leaves no trace: no commit, and its cells are
 * removed (unless storage left the commit's outcome unknown).
 */
public final class CellWriter {
  private final ObjectStore store;
  private final BufferAllocator allocator;
  private final Path stagingRoot;
  private final CellSource written;
  private final Optional<ChamberPool> chambers;

  /**
   * A writer that closes each write's chamber before the write returns.
   *
   * @param stagingRoot local directory for cells before they are put into storage
   */
  public CellWriter(ObjectStore store, BufferAllocator allocator, Path stagingRoot) {
    this(store, allocator, stagingRoot, new LocalCellSource(store), Optional.empty());
  }

  /**
   * @param stagingRoot local directory for cells before they are put into storage
   * @param written receives the staged files of every committed write ({@link CellSource#written})
   * @param chambers where each write's chamber goes to be closed off the write's path, after the
   *     commit ({@link ChamberPool#discard}; a write's chamber is never reused); empty to close it
   *     before the write returns
   */
  public CellWriter(
      ObjectStore store,
      BufferAllocator allocator,
      Path stagingRoot,
      CellSource written,
      Optional<ChamberPool> chambers) {
    this.store = store;
    this.allocator = allocator;
    this.stagingRoot = stagingRoot;
    this.written = written;
    this.chambers = chambers;
  }

  /**
   * One write.
   *
   * @param chamber the scratch directory and allowed directories of the write's chamber
   * @param replaces for {@link WriteOperation.Mode#COMPACT}, the paths of the cells the data
   *     rewrites (empty otherwise)
   * @param budget the threads and memory limit the write runs with; the caller reserved it and
   *     closes it after the write
   */
  public record Request(
      FrameLog log,
      String frameName,
      WriteInput input,
      WriteOperation.Mode mode,
      Optional<AppTransaction> token,
      long targetCellBytes,
      ChamberSettings chamber,
      List<String> replaces,
      TaskBudget budget) {
    public Request {
      java.util.Objects.requireNonNull(input, "input");
      java.util.Objects.requireNonNull(chamber, "chamber");
      java.util.Objects.requireNonNull(budget, "budget");
      replaces = List.copyOf(replaces);
    }

    /** An append or overwrite with the caller's budget. */
    public Request(
        FrameLog log,
        String frameName,
        WriteInput input,
        WriteOperation.Mode mode,
        Optional<AppTransaction> token,
        long targetCellBytes,
        ChamberSettings chamber,
        TaskBudget budget) {
      this(log, frameName, input, mode, token, targetCellBytes, chamber, List.of(), budget);
    }

    /** A write with the threads and memory of {@code chamber}, outside any node's budget. */
    public Request(
        FrameLog log,
        String frameName,
        ArrowReader data,
        WriteOperation.Mode mode,
        Optional<AppTransaction> token,
        long targetCellBytes,
        ChamberSettings chamber,
        List<String> replaces) {
      this(
          log,
          frameName,
          WriteInput.arrow(data),
          mode,
          token,
          targetCellBytes,
          chamber,
          replaces,
          TaskBudgets.fixed(() -> chamber)
              .reserve("the write to " + frameName, TaskBudgets.UNKNOWN_SIZE));
    }

    /** An append or overwrite with the threads and memory of {@code chamber}. */
    public Request(
        FrameLog log,
        String frameName,
        ArrowReader data,
        WriteOperation.Mode mode,
        Optional<AppTransaction> token,
        long targetCellBytes,
        ChamberSettings chamber) {
      this(log, frameName, data, mode, token, targetCellBytes, chamber, List.<String>of());
    }
  }

  /**
   * Runs the write.
   *
   * @throws SchemaMismatchException if the data does not fit the frame
   * @throws dev.apiary.error.InvalidInputException if the input is a file the engine cannot read,
   *     or a row of it cannot be read as the file's columns; nothing is in the frame
   * @throws CommitConflictException if the commit could not be made; nothing is in the frame
   * @throws MemoryExceededException if cutting the cells needed more than the budget's memory
   * @throws TaskTimeoutException if the budget was cancelled (a timeout) before the commit
   */
  public WriteSummary write(Request request) {
    long started = System.nanoTime();
    Snapshot snapshot = request.log().snapshot();
    FrameMetadata metadata = snapshot.metadata();
    String codec =
        metadata.configuration().getOrDefault(FrameTables.CODEC_KEY, FrameDefinition.DEFAULT_CODEC);
    Path staging = stagingRoot.resolve("write-" + UUID.randomUUID());
    List<String> uploaded = new ArrayList<>();
    boolean keepCells = false;
    DuckDbChamber chamber = DuckDbChamber.open(request.chamber());
    try (WriteInput.Bound input = bind(chamber, request)) {
      List<String> select =
          SchemaAlignment.selectList(input.schema(), metadata, request.frameName());
      Files.createDirectories(staging);
      TaskBudget budget = request.budget();
      List<DataFile> cells = new ArrayList<>();
      Map<Path, String> staged = new LinkedHashMap<>();
      long rows = 0;
      long bytes = 0;
      String sql =
          copySql(select, input.relation(), metadata, codec, staging, request.targetCellBytes());
      try (Statement statement = chamber.connection().createStatement();
          CopyProgress progress = CopyProgress.start(statement, input.progress());
          ResultSet files = statement.executeQuery(sql)) {
        while (files.next()) {
          long count = ((Number) files.getObject("count")).longValue();
          Path file = Path.of(files.getString("filename"));
          if (count == 0) {
            continue;
          }
          Map<String, String> partitionValues =
              partitionValues(metadata, files.getObject("partition_keys"));
          String relative = cellPath(metadata, partitionValues, file.getFileName().toString());
          FileStatistics stats =
              CellStatistics.of(count, (Map<?, ?>) files.getObject("column_statistics"), metadata);
          long size = Files.size(file);
          staged.put(file, request.log().root() + relative);
          cells.add(
              new DataFile(
                  relative, partitionValues, size, System.currentTimeMillis(), true, stats));
          rows += count;
          bytes += size;
        }
        progress.finished(rows);
      } catch (SQLException e) {
        Optional<String> problem = SchemaAlignment.schemaProblem(e.getMessage());
        if (problem.isPresent()) {
          throw new SchemaMismatchException(problem.get());
        }
        throw input
            .failure()
            .apply(ChamberBudget.failure(e, budget, "write to " + request.frameName()));
      }
      if (budget.cancellation().isPresent()) {
        // Cancelled after the engine finished: stop before the commit, nothing is written.
        throw ChamberBudget.failure(
            new EngineException(
                dev.apiary.error.ErrorCategory.RESOURCE, "The write was cancelled", null),
            budget);
      }
      upload(staged, uploaded, budget.threads());
      WriteOperation operation =
          request.mode() == WriteOperation.Mode.COMPACT
              ? WriteOperation.compact(request.replaces(), cells)
              : new WriteOperation(request.mode(), cells, request.token());
      CommitResult result;
      try {
        result = request.log().commit(operation);
      } catch (dev.apiary.table.CommitStateUnknownException e) {
        keepCells = true;
        throw e;
      }
      uploaded
          .clear(); // Committed (or, if already applied, removed by the log): not ours to delete.
      if (!result.alreadyApplied()) {
        // Only cells of a commit that happened are offered: failed writes never reach the cache.
        Map<String, Path> committed = new LinkedHashMap<>();
        staged.forEach((file, key) -> committed.put(key, file));
        written.written(committed);
      }
      return new WriteSummary(
          result.version(),
          result.alreadyApplied() ? 0 : cells.size(),
          result.alreadyApplied() ? 0 : rows,
          result.alreadyApplied() ? 0 : bytes,
          (System.nanoTime() - started) / 1_000_000,
          result.alreadyApplied());
    } catch (IOException e) {
      throw new UncheckedIOException("Write to " + request.frameName() + " failed", e);
    } finally {
      if (!keepCells) {
        for (String key : uploaded) {
          try {
            store.delete(key);
          } catch (RuntimeException e) {
            // Best effort: an unreferenced cell is invisible to readers and removed by vacuum.
          }
        }
      }
      if (chambers.isPresent()) {
        chambers.get().discard(chamber);
      } else {
        chamber.close();
      }
      deleteRecursively(staging);
    }
  }

  /** Puts the chamber under the write's budget, then hands it the rows. */
  private WriteInput.Bound bind(DuckDbChamber chamber, Request request) {
    ChamberBudget.bind(chamber, request.budget());
    return request.input().bind(chamber, allocator);
  }

  /** Puts the staged cells into storage, several at a time; records each key once it is there. */
  private void upload(Map<Path, String> staged, List<String> uploaded, int parallelism) {
    if (staged.size() <= 1 || parallelism <= 1) {
      staged.forEach(
          (file, key) -> {
            store.putFile(key, file);
            uploaded.add(key);
          });
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, staged.size()),
            r -> {
              Thread thread = new Thread(r, "apiary-upload");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<String>> puts = new ArrayList<>();
      staged.forEach(
          (file, key) ->
              puts.add(
                  pool.submit(
                      () -> {
                        store.putFile(key, file);
                        return key;
                      })));
      RuntimeException failure = null;
      for (Future<String> put : puts) {
        try {
          uploaded.add(put.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = new IllegalStateException("Interrupted while uploading cells", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String copySql(
      List<String> select,
      String relation,
      FrameMetadata metadata,
      String codec,
      Path staging,
      long targetBytes) {
    StringBuilder sql = new StringBuilder("COPY (SELECT ");
    sql.append(String.join(", ", select));
    sql.append(" FROM ").append(relation).append(") TO ").append(literal(staging.toString()));
    sql.append(" (FORMAT parquet, COMPRESSION ").append(codec);
    sql.append(", RETURN_STATS, OVERWRITE_OR_IGNORE");
    sql.append(", FILENAME_PATTERN ").append(literal("part-{uuid}." + codec));
    sql.append(", FILE_SIZE_BYTES ").append(Math.max(1L << 20, targetBytes));
    if (!metadata.partitionColumns().isEmpty()) {
      sql.append(", PARTITION_BY (")
          .append(
              metadata.partitionColumns().stream()
                  .map(DuckDbChamber::identifier)
                  .collect(Collectors.joining(", ")))
          .append(")");
    }
    return sql.append(')').toString();
  }

  private static Map<String, String> partitionValues(FrameMetadata metadata, Object keys) {
    Map<String, String> values = new LinkedHashMap<>();
    if (metadata.partitionColumns().isEmpty()) {
      return values;
    }
    Map<?, ?> raw = keys instanceof Map<?, ?> m ? m : Map.of();
    for (String column : metadata.partitionColumns()) {
      Object value = raw.get(column);
      if (value == null) {
        for (Map.Entry<?, ?> e : raw.entrySet()) {
          if (String.valueOf(e.getKey()).equalsIgnoreCase(column)) {
            value = e.getValue();
          }
        }
      }
      String text = value == null ? null : value.toString();
      if (text != null && text.endsWith("+00")) {
        // TIMESTAMPTZ rendered in UTC: Delta's partition value form has no offset.
        text = text.substring(0, text.length() - 3);
      }
      values.put(column, text);
    }
    return values;
  }

  private static String cellPath(
      FrameMetadata metadata, Map<String, String> partitionValues, String fileName) {
    StringBuilder path = new StringBuilder();
    for (String column : metadata.partitionColumns()) {
      path.append(column)
          .append('=')
          .append(PartitionPaths.escape(partitionValues.get(column)))
          .append('/');
    }
    return path.append(fileName).toString();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Staging files only.
    }
  }
}
