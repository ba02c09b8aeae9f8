package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.storage.MemoryObjectStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small Delta table committed under {@code src/test/resources/golden/events} (written by Apiary
 * 0.1.0: partitioned, 12 commits, an overwrite with removes, a checkpoint at version 10). Future
 * versions must keep reading it exactly like this. Regenerate only on purpose, with {@code
 * -Dapiary.golden.write=<dir>}.
 */
class GoldenTableTest {
  static final String TABLE_ID = "0b1e7c55-6a4f-4b0e-9d1a-5e3c2f8a9b10";
  @TempDir Path scratch;

  @Test
  void goldenTableStillReads() throws IOException {
    MemoryObjectStore store = new MemoryObjectStore();
    Path golden = Path.of("src/test/resources/golden/events");
    try (Stream<Path> files = Files.walk(golden)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        store.put(
            "events/" + golden.relativize(file).toString().replace('\\', '/'),
            Files.readAllBytes(file));
      }
    }
    try (FrameLogs logs =
        new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch))) {
      FrameLog log = logs.forTable("events/");
      Snapshot latest = log.snapshot();
      assertThat(latest.version()).isEqualTo(12);
      assertThat(latest.metadata().tableId()).isEqualTo(TABLE_ID);
      assertThat(latest.metadata().partitionColumns()).containsExactly("city");
      assertThat(latest.schema().declaration())
          .containsExactly(
              Map.entry("id", "int64 not null"),
              Map.entry("city", "string"),
              Map.entry("day", "date"),
              Map.entry("amount", "decimal(12,2)"),
              Map.entry("at", "timestamp"),
              Map.entry("score", "float64"),
              Map.entry("tiny", "uint8"));
      assertThat(latest.files().stream().map(DataFile::path).sorted())
          .containsExactly(
              "city=a%3Ab c/part-10.parquet",
              "city=amsterdam/part-12.parquet",
              "city=amsterdam/part-8.parquet",
              "city=z%25C3%25BCrich/part-11.parquet",
              "city=z%25C3%25BCrich/part-7.parquet",
              "city=zürich/part-9.parquet");
      DataFile cell = latest.filesByPath().get("city=amsterdam/part-8.parquet");
      assertThat(cell.partitionValues()).containsEntry("city", "amsterdam");
      assertThat(cell.stats().numRecords()).isEqualTo(100);
      assertThat(cell.stats().minValues())
          .containsEntry("id", 800L)
          .containsEntry("day", LocalDate.of(2024, 1, 9))
          .containsEntry("amount", new BigDecimal("-10.25"))
          .containsEntry("at", Instant.parse("2024-03-01T10:00:00.123Z"))
          .containsEntry("tiny", 0L);
      assertThat(cell.stats().nullCount()).containsEntry("amount", 2L);
      assertThat(latest.tombstonesByPath()).hasSize(6);
      assertThat(latest.appTransactionVersion("golden")).contains(12L);
      assertThat(log.snapshotAt(5).files().stream().map(DataFile::path).sorted())
          .containsExactly(
              "city=a%3Ab c/part-2.parquet",
              "city=amsterdam/part-4.parquet",
              "city=z%25C3%25BCrich/part-3.parquet",
              "city=zürich/part-1.parquet",
              "city=zürich/part-5.parquet");
    }
  }

  /** Writes the golden table; run only to regenerate it on purpose. */
  @Test
  @EnabledIfSystemProperty(named = "apiary.golden.write", matches = ".+")
  void writeGoldenTable() {
    MemoryObjectStore store =
        new MemoryObjectStore(Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    LogOptions options =
        LogOptions.defaults()
            .withCheckpointMode(LogOptions.CheckpointMode.SYNC)
            .withClock(Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC))
            .withScratchDirectory(scratch);
    try (FrameLogs logs = new FrameLogs(store, options)) {
      FrameLog log = logs.forTable("events/");
      FrameMetadata metadata = TestFrames.partitionedByCity();
      log.create(
          new FrameMetadata(
              TABLE_ID,
              metadata.name(),
              metadata.schema(),
              metadata.partitionColumns(),
              metadata.configuration(),
              metadata.createdTime()));
      String[] cities = {"zürich", "a:b c", "z%C3%BCrich", "amsterdam"};
      for (int i = 1; i <= 12; i++) {
        String city = cities[(i - 1) % cities.length];
        String path = "city=" + PartitionPaths.escape(city) + "/part-" + i + ".parquet";
        DataFile cell = TestFrames.cell(path, Map.of("city", city), i);
        WriteOperation write =
            i == 7 ? WriteOperation.overwrite(List.of(cell)) : WriteOperation.append(List.of(cell));
        log.commit(write.idempotent("golden", i));
      }
    }
    StoreDump.copy(store, "events/", Path.of(System.getProperty("apiary.golden.write")));
  }
}
