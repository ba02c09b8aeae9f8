package dev.apiary.table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Frames and cells for log tests: real statistics fields, files the tests name themselves. */
final class TestFrames {
  private TestFrames() {}

  static FrameSchema schema() {
    Map<String, String> declaration = new LinkedHashMap<>();
    declaration.put("id", "int64 not null");
    declaration.put("city", "string");
    declaration.put("day", "date");
    declaration.put("amount", "decimal(12,2)");
    declaration.put("at", "timestamp");
    declaration.put("score", "float64");
    declaration.put("tiny", "uint8");
    return FrameSchema.parse(declaration);
  }

  static FrameMetadata unpartitioned() {
    return new FrameMetadata(
        UUID.randomUUID().toString(),
        "events",
        schema(),
        List.of(),
        Map.of("apiary.codec", "lz4_raw"),
        1_700_000_000_000L);
  }

  static FrameMetadata partitionedByCity() {
    return new FrameMetadata(
        UUID.randomUUID().toString(),
        "events",
        schema(),
        List.of("city"),
        Map.of(),
        1_700_000_000_000L);
  }

  /** A cell with statistics on every data column; {@code n} varies the values. */
  static DataFile cell(String path, Map<String, String> partitionValues, long n) {
    Map<String, Object> min = new LinkedHashMap<>();
    Map<String, Object> max = new LinkedHashMap<>();
    Map<String, Long> nulls = new LinkedHashMap<>();
    min.put("id", n * 100);
    max.put("id", n * 100 + 99);
    nulls.put("id", 0L);
    if (!partitionValues.containsKey("city")) {
      min.put("city", "amsterdam");
      max.put("city", "zurich");
      nulls.put("city", 1L);
    }
    min.put("day", LocalDate.of(2024, 1, 1).plusDays(n % 300));
    max.put("day", LocalDate.of(2024, 1, 2).plusDays(n % 300));
    nulls.put("day", 0L);
    min.put("amount", new java.math.BigDecimal("-10.25"));
    max.put("amount", new java.math.BigDecimal("99999.99"));
    nulls.put("amount", 2L);
    min.put("at", Instant.parse("2024-03-01T10:00:00.123Z"));
    max.put("at", Instant.parse("2024-03-02T10:00:00.456Z"));
    nulls.put("at", 0L);
    min.put("score", -1.5);
    max.put("score", 2.5 + n);
    nulls.put("score", 0L);
    min.put("tiny", 0L);
    max.put("tiny", 255L);
    nulls.put("tiny", 0L);
    return new DataFile(
        path,
        partitionValues,
        1000 + n,
        1_700_000_000_000L + n,
        true,
        new FileStatistics(100, min, max, nulls));
  }

  static DataFile cell(String path, long n) {
    return cell(path, Map.of(), n);
  }
}
