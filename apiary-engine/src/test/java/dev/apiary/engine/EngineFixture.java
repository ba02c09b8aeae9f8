package dev.apiary.engine;

import dev.apiary.catalog.Catalog;
import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.storage.CountingObjectStore;
import dev.apiary.storage.LocalObjectStore;
import dev.apiary.table.FrameLog;
import dev.apiary.table.FrameLogs;
import dev.apiary.table.FrameSchema;
import dev.apiary.table.FrameTables;
import dev.apiary.table.LogOptions;
import dev.apiary.table.WriteOperation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** A store, catalog, logs, writer and query engine on a temp directory, for engine tests. */
final class EngineFixture implements AutoCloseable {
  final Path root;
  final LocalObjectStore store;

  /** Counts the catalog's and the logs' requests (cells are read from {@link #store} directly). */
  final CountingObjectStore requests;

  final Catalog catalog;
  final FrameLogs logs;
  final FrameTables tables;
  final BufferAllocator allocator = new RootAllocator();
  final CellWriter writer;
  final QueryEngine engine;
  final SqlSession session = new SqlSession();
  final ChamberPool pool;

  EngineFixture(Path root) {
    this.root = root;
    this.store = new LocalObjectStore(root.resolve("store"));
    this.requests = new CountingObjectStore(store);
    this.catalog = Catalog.open(requests);
    this.logs =
        new FrameLogs(
            requests, LogOptions.defaults().withScratchDirectory(root.resolve("scratch")));
    this.tables = new FrameTables(logs);
    this.writer = new CellWriter(store, allocator, root.resolve("staging"));
    this.pool = new ChamberPool(this::chamber, 1);
    this.engine =
        new QueryEngine(
            catalog,
            tables,
            new LocalCellSource(store),
            allocator,
            TaskBudgets.fixed(this::chamber),
            pool);
  }

  ChamberSettings chamber() {
    return new ChamberSettings(
        2, 512L << 20, root.resolve("spill").resolve(UUID.randomUUID().toString()), List.of());
  }

  FrameEntry createFrame(
      String hive,
      String box,
      String frame,
      Map<String, String> columns,
      List<String> partitionBy) {
    if (!catalog.listHives().contains(hive)) {
      catalog.createHive(hive);
    }
    if (!catalog.listBoxes(hive).contains(box)) {
      catalog.createBox(hive, box);
    }
    FrameEntry entry =
        catalog.createFrame(
            hive,
            box,
            frame,
            new FrameDefinition(FrameSchema.parse(columns), partitionBy, Map.of()));
    tables.log(entry);
    return entry;
  }

  FrameLog log(String hive, String box, String frame) {
    return tables.log(catalog.frame(hive, box, frame));
  }

  WriteSummary write(
      String qualified, VectorSchemaRoot data, WriteOperation.Mode mode, long targetCellBytes) {
    String[] parts = qualified.split("\\.");
    try (ArrowReader reader = readerOf(data)) {
      return writer.write(
          new CellWriter.Request(
              log(parts[0], parts[1], parts[2]),
              qualified,
              reader,
              mode,
              Optional.empty(),
              targetCellBytes,
              chamber()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WriteSummary append(String qualified, VectorSchemaRoot data) {
    return write(qualified, data, WriteOperation.Mode.APPEND, 64L << 20);
  }

  /** An Arrow stream over one in-memory batch (through IPC, as a client would send it). */
  ArrowReader readerOf(VectorSchemaRoot data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArrowStreamWriter out = new ArrowStreamWriter(data, null, Channels.newChannel(bytes))) {
      out.start();
      out.writeBatch();
      out.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
  }

  /** Runs SQL and returns all rows as lists of Java values (Arrow's getObject, as strings). */
  List<List<String>> rows(String sql) {
    return rows(sql, QueryEngine.Options.DEFAULT);
  }

  List<List<String>> rows(String sql, QueryEngine.Options options) {
    try (QueryResult result = engine.execute(sql, session, options)) {
      return drain(result.reader());
    }
  }

  static List<List<String>> drain(ArrowReader reader) {
    return dev.apiary.datagen.ResultRows.of(reader);
  }

  static Map<String, String> columns(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Override
  public void close() {
    pool.close();
    logs.close();
    allocator.close();
  }
}
