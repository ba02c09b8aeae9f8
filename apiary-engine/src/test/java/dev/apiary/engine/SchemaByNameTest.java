package dev.apiary.engine;

import static dev.apiary.engine.ArrowTables.doubles;
import static dev.apiary.engine.ArrowTables.ints;
import static dev.apiary.engine.ArrowTables.longs;
import static dev.apiary.engine.ArrowTables.strings;
import static dev.apiary.engine.ArrowTables.table;
import static dev.apiary.engine.EngineFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes are matched to the frame schema by column name, never by position (SPEC 5.1). */
class SchemaByNameTest {
  @TempDir Path dir;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(dir);
    f.createFrame(
        "w",
        "s",
        "readings",
        columns("id", "int64 not null", "city", "string", "temp", "float64", "note", "string"),
        List.of("city"));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private long cells() {
    return f.log("w", "s", "readings").snapshot().fileCount();
  }

  @Test
  void reorderedColumnsMatchByName() {
    try (VectorSchemaRoot data =
        table(
            strings(f.allocator, "note", "n1"),
            doubles(f.allocator, "temp", 21.5),
            strings(f.allocator, "city", "ams"),
            longs(f.allocator, "id", 7L))) {
      f.append("w.s.readings", data);
    }
    assertThat(f.rows("SELECT id, city, temp, note FROM w.s.readings"))
        .containsExactly(List.of("7", "ams", "21.5", "n1"));
  }

  @Test
  void safeWideningIsApplied() {
    try (VectorSchemaRoot data =
        table(
            ints(f.allocator, "id", 5),
            strings(f.allocator, "city", "ams"),
            ints(f.allocator, "temp", 19))) {
      f.append("w.s.readings", data);
    }
    assertThat(f.rows("SELECT id, typeof(id), temp, typeof(temp) FROM w.s.readings"))
        .containsExactly(List.of("5", "BIGINT", "19.0", "DOUBLE"));
  }

  @Test
  void missingNullableColumnIsFilledWithNulls() {
    try (VectorSchemaRoot data =
        table(longs(f.allocator, "id", 1L), strings(f.allocator, "city", "ams"))) {
      f.append("w.s.readings", data);
    }
    List<String> expected =
        new java.util.ArrayList<>(java.util.Arrays.asList("1", "ams", null, null));
    assertThat(f.rows("SELECT id, city, temp, note FROM w.s.readings")).containsExactly(expected);
  }

  @Test
  void missingRequiredColumnIsRefused() {
    try (VectorSchemaRoot data = table(strings(f.allocator, "city", "ams"))) {
      assertThatThrownBy(() -> f.append("w.s.readings", data))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessage(
              "Column 'id' is missing from the data but frame w.s.readings declares it not null");
    }
    assertThat(cells()).isZero();
  }

  @Test
  void extraColumnIsRefusedByName() {
    try (VectorSchemaRoot data =
        table(
            longs(f.allocator, "id", 1L),
            strings(f.allocator, "city", "ams"),
            strings(f.allocator, "humidity", "x"))) {
      assertThatThrownBy(() -> f.append("w.s.readings", data))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessage(
              "Column 'humidity' is in the data but not in frame w.s.readings (its columns: id, city,"
                  + " temp, note); drop it from the data or add it to the frame first");
    }
    assertThat(cells()).isZero();
  }

  @Test
  void lossyTypeIsRefusedNamingBothTypes() {
    try (VectorSchemaRoot data =
        table(doubles(f.allocator, "id", 1.5), strings(f.allocator, "city", "ams"))) {
      assertThatThrownBy(() -> f.append("w.s.readings", data))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessage(
              "Column 'id' is float64 in the data but int64 in frame w.s.readings; cast it or"
                  + " recreate the frame with float64");
    }
    try (VectorSchemaRoot data =
        table(longs(f.allocator, "id", 1L), longs(f.allocator, "city", 5L))) {
      assertThatThrownBy(() -> f.append("w.s.readings", data))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessage(
              "Column 'city' is int64 in the data but string in frame w.s.readings; cast it or"
                  + " recreate the frame with int64");
    }
    assertThat(cells()).isZero();
  }

  @Test
  void nullPartitionValueIsRefusedAndLeavesNoTrace() {
    try (VectorSchemaRoot data =
        table(longs(f.allocator, "id", 1L, 2L), strings(f.allocator, "city", "ams", null))) {
      assertThatThrownBy(() -> f.append("w.s.readings", data))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessage(
              "Partition column 'city' of frame w.s.readings has a null value; partition values"
                  + " must not be null");
    }
    assertThat(cells()).isZero();
    assertThat(
            f.store.list("w/s/readings/").stream()
                .map(i -> i.key())
                .filter(k -> !k.contains("_delta_log")))
        .as("no cell left behind")
        .isEmpty();
  }

  @Test
  void nullInRequiredColumnIsRefused() {
    try (VectorSchemaRoot data =
        table(longs(f.allocator, "id", 1L, null), strings(f.allocator, "city", "ams", "ams"))) {
      assertThatThrownBy(() -> f.append("w.s.readings", data))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessage(
              "Column 'id' of frame w.s.readings is declared not null, but the data has nulls in it");
    }
    assertThat(cells()).isZero();
  }
}
