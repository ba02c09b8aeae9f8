package dev.apiary.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final double SCALE = 0.005;

  private static List<TableGenerator> allTables(double scale, long seed) {
    List<TableGenerator> tables = new ArrayList<>(Tpch.tables(scale, seed));
    tables.addAll(Ssb.tables(scale, seed));
    return tables;
  }

  private static Map<String, TableDigest> digests(List<TableGenerator> tables, int batchRows)
      throws IOException {
    Map<String, TableDigest> digests = new LinkedHashMap<>();
    for (TableGenerator table : tables) {
      String key = (tables.indexOf(table) < 8 ? "tpch." : "ssb.") + table.name();
      digests.put(key, TableDigest.of(table, batchRows));
    }
    return digests;
  }

  @Test
  void sameScaleAndSeedGiveIdenticalDataWhateverTheBatchSizeAndTableOrder() throws IOException {
    Map<String, TableDigest> first = digests(allTables(SCALE, 42), 4096);

    List<TableGenerator> reversed = new ArrayList<>(allTables(SCALE, 42));
    Map<String, TableDigest> second = new LinkedHashMap<>();
    for (int i = reversed.size() - 1; i >= 0; i--) {
      TableGenerator table = reversed.get(i);
      second.put((i < 8 ? "tpch." : "ssb.") + table.name(), TableDigest.of(table, 777));
    }

    assertThat(second).isEqualTo(first);
    first.forEach((key, digest) -> assertThat(digest.rows()).as(key).isPositive());
  }

  @Test
  void rowCountsMatchWhatTheStreamsYield() throws IOException {
    for (TableGenerator table : allTables(SCALE, 7)) {
      assertThat(TableDigest.of(table, 1000).rows()).as(table.name()).isEqualTo(table.rowCount());
    }
  }

  @Test
  void differentSeedsGiveDifferentData() throws IOException {
    TableGenerator one = lineitem(Tpch.tables(SCALE, 1));
    TableGenerator two = lineitem(Tpch.tables(SCALE, 2));
    assertThat(TableDigest.of(one, 1000)).isNotEqualTo(TableDigest.of(two, 1000));
  }

  @Test
  void arrowFieldsHaveExactlyTheDeclaredApiaryTypes() throws IOException {
    Map<String, String> arrowToApiary =
        Map.of(
            "Int(32, true)", "int32",
            "Int(64, true)", "int64",
            "Utf8", "string",
            "Date(DAY)", "date",
            "Decimal(15, 2, 128)", "decimal(15,2)",
            "FloatingPoint(DOUBLE)", "float64");
    try (BufferAllocator allocator = new RootAllocator()) {
      for (TableGenerator table : allTables(SCALE, 3)) {
        LinkedHashMap<String, String> types = table.columnTypes();
        List<Field> fields = table.arrowSchema().getFields();
        assertThat(fields.stream().map(Field::getName).toList())
            .containsExactlyElementsOf(types.keySet());
        for (Field field : fields) {
          assertThat(arrowToApiary.get(field.getType().toString()))
              .as(table.name() + "." + field.getName())
              .isEqualTo(types.get(field.getName()));
        }
        try (ArrowReader reader = table.open(allocator, 10)) {
          assertThat(reader.loadNextBatch()).isTrue();
          assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(table.arrowSchema());
          assertThat(reader.getVectorSchemaRoot().getRowCount())
              .isEqualTo((int) Math.min(10, table.rowCount()));
        }
      }
    }
  }

  @Test
  void openingWithANonPositiveBatchSizeFails() {
    try (BufferAllocator allocator = new RootAllocator()) {
      assertThatThrownBy(() -> lineitem(Tpch.tables(SCALE)).open(allocator, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("batchRows must be positive, got 0");
    }
  }

  @Test
  void nonPositiveScaleFactorsAreRejected() {
    assertThatThrownBy(() -> Tpch.tables(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TPC-H scale factor must be a positive number, got 0.0");
    assertThatThrownBy(() -> Ssb.tables(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SSB scale factor must be a positive number, got NaN");
  }

  private static TableGenerator lineitem(List<TableGenerator> tables) {
    return tables.stream().filter(t -> t.name().equals("lineitem")).findFirst().orElseThrow();
  }
}
