package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.storage.MemoryObjectStore;
import io.delta.kernel.Scan;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.utils.CloseableIterator;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta Kernel (Java), the reference reader, reads tables Apiary wrote and sees exactly Apiary's
 * file set, partition values and statistics, at the latest version and when time travelling.
 */
class DeltaKernelCompatibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path scratch;
  @TempDir Path tableDir;
  private final Engine engine = DefaultEngine.create(new Configuration());
  private MemoryObjectStore store;
  private FrameLog log;

  /** One file as a reader sees it: partition values, size and the statistics that matter. */
  record FileView(
      Map<String, String> partitionValues,
      long size,
      long numRecords,
      JsonNode minValues,
      JsonNode nullCount) {}

  @BeforeEach
  void writeTable() {
    store = new MemoryObjectStore();
    FrameLogs logs =
        new FrameLogs(
            store,
            LogOptions.defaults()
                .withCheckpointMode(LogOptions.CheckpointMode.SYNC)
                .withScratchDirectory(scratch));
    log = logs.forTable("t/");
    log.create(TestFrames.partitionedByCity());
    String[] cities = {"amsterdam", "a:b c", "zürich", "50%"};
    for (int i = 1; i <= 24; i++) {
      String city = cities[i % cities.length];
      String path = "city=" + PartitionPaths.escape(city) + "/part-" + i + ".parquet";
      DataFile cell = TestFrames.cell(path, Map.of("city", city), i);
      if (i == 13) {
        log.commit(WriteOperation.overwrite(List.of(cell)));
      } else {
        log.commit(WriteOperation.append(List.of(cell)).idempotent("loader", i));
      }
    }
    logs.close();
    StoreDump.copy(store, "t/", tableDir);
  }

  @Test
  void kernelSeesTheSameLatestVersionFilesAndStatistics() throws Exception {
    assertThat(tableDir.resolve("_delta_log/00000000000000000020.checkpoint.parquet")).exists();
    Table table = Table.forPath(engine, tableDir.toString());
    io.delta.kernel.Snapshot kernel = table.getLatestSnapshot(engine);
    Snapshot apiary = log.snapshot();
    assertThat(kernel.getVersion()).isEqualTo(24);
    assertThat(kernel.getPartitionColumnNames()).containsExactly("city");
    assertThat(kernel.getSchema().fields().stream().map(f -> f.getName() + ":" + f.getDataType()))
        .containsExactly(
            "id:long",
            "city:string",
            "day:date",
            "amount:Decimal(12, 2)",
            "at:timestamp",
            "score:double",
            "tiny:short");
    StructField tiny = kernel.getSchema().get("tiny");
    assertThat(tiny.getMetadata().getString("apiary.type")).isEqualTo("uint8");
    assertThat(kernelFiles(kernel)).isEqualTo(apiaryFiles(apiary));
    assertThat(kernel.getLatestTransactionVersion(engine, "loader")).contains(24L);
  }

  @Test
  void kernelTimeTravelAgreesWithApiary() throws Exception {
    Table table = Table.forPath(engine, tableDir.toString());
    for (long version : new long[] {0, 5, 12, 13, 21}) {
      io.delta.kernel.Snapshot kernel = table.getSnapshotAsOfVersion(engine, version);
      assertThat(kernelFiles(kernel))
          .as("version %d", version)
          .isEqualTo(apiaryFiles(log.snapshotAt(version)));
    }
  }

  private static Map<String, FileView> apiaryFiles(Snapshot snapshot) throws Exception {
    Map<String, FileView> files = new TreeMap<>();
    dev.apiary.table.internal.StatsJson stats = new dev.apiary.table.internal.StatsJson(JSON);
    for (DataFile file : snapshot.files()) {
      JsonNode parsed = JSON.readTree(stats.toJson(file.stats()));
      files.put(
          file.path(),
          new FileView(
              file.partitionValues(),
              file.size(),
              file.stats().numRecords(),
              parsed.get("minValues"),
              parsed.get("nullCount")));
    }
    return files;
  }

  private Map<String, FileView> kernelFiles(io.delta.kernel.Snapshot snapshot) throws Exception {
    Map<String, FileView> files = new TreeMap<>();
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            Row add = rows.next().getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
            int pathIndex = add.getSchema().indexOf("path");
            String path = new URI(add.getString(pathIndex)).getPath();
            JsonNode stats = JSON.readTree(add.getString(add.getSchema().indexOf("stats")));
            files.put(
                path,
                new FileView(
                    toMap(add.getMap(add.getSchema().indexOf("partitionValues"))),
                    add.getLong(add.getSchema().indexOf("size")),
                    stats.get("numRecords").asLong(),
                    stats.get("minValues"),
                    stats.get("nullCount")));
          }
        }
      }
    }
    return files;
  }

  private static Map<String, String> toMap(MapValue map) {
    Map<String, String> result = new HashMap<>();
    ColumnVector keys = map.getKeys();
    ColumnVector values = map.getValues();
    for (int i = 0; i < map.getSize(); i++) {
      result.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
    }
    return result;
  }
}
