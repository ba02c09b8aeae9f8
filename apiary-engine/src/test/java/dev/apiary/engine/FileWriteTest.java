package dev.apiary.engine;

import static dev.apiary.engine.EngineFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.table.WriteOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes whose rows the writing chamber reads from a file itself (what a load does). */
class FileWriteTest {
  @TempDir Path dir;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(dir);
    f.createFrame(
        "w",
        "s",
        "readings",
        columns("id", "int64 not null", "city", "string", "temp", "float64"),
        List.of("city"));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private WriteSummary load(Path file, LongConsumer progress) {
    return f.writer.write(
        new CellWriter.Request(
            f.log("w", "s", "readings"),
            "w.s.readings",
            WriteInput.file(file, progress),
            WriteOperation.Mode.APPEND,
            Optional.empty(),
            64L << 20,
            f.chamber(),
            TaskBudgets.fixed(f::chamber).reserve("the load", TaskBudgets.UNKNOWN_SIZE)));
  }

  private Path file(String name, String content) throws IOException {
    Path file = dir.resolve("input").resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private long version() {
    return f.log("w", "s", "readings").snapshot().version();
  }

  /** Files under the frame's directory in the store (cells, and the log). */
  private List<Path> cellFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("_delta_log") && !p.toString().contains("_registry"))
          .toList();
    }
  }

  @Test
  void csvRowsArePartitionedCastByNameAndCountedExactly() throws IOException {
    List<Long> progress = new CopyOnWriteArrayList<>();
    WriteSummary summary =
        load(file("a.csv", "temp,id,city\n21.5,1,ams\n19,2,ber\n18.25,3,ams\n"), progress::add);
    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(summary.cellsWritten()).isEqualTo(2);
    assertThat(progress).isNotEmpty().last().isEqualTo(3L);
    assertThat(f.rows("SELECT id, city, temp FROM w.s.readings ORDER BY id"))
        .containsExactly(
            List.of("1", "ams", "21.5"), List.of("2", "ber", "19.0"), List.of("3", "ams", "18.25"));
    assertThat(cellFiles())
        .hasSize(2)
        .allMatch(p -> p.getParent().getFileName().toString().startsWith("city="));
  }

  @Test
  void aBadRowMidwayFailsTheLoadAndCommitsNothing() throws IOException {
    StringBuilder csv = new StringBuilder("id,city,temp\n");
    for (int i = 0; i < 50_000; i++) {
      csv.append(i).append(i % 2 == 0 ? ",ams," : ",ber,").append(i % 30).append('\n');
    }
    csv.append("50000,ams,20,surplus\n");
    Path file = file("bad.csv", csv.toString());
    long before = version();

    assertThatThrownBy(() -> load(file, rows -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Cannot load " + file + ": ")
        .hasMessageContaining("CSV Error on Line")
        .hasMessageEndingWith("; fix the file, or load it into a frame with types that fit");
    assertThat(version()).isEqualTo(before);
    assertThat(cellFiles()).isEmpty();
    assertThat(f.rows("SELECT count(*) FROM w.s.readings")).containsExactly(List.of("0"));
    try (Stream<Path> staged = Files.walk(dir.resolve("staging"))) {
      assertThat(staged.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aColumnTheFrameLacksIsASchemaMismatch() throws IOException {
    Path file = file("extra.csv", "id,city,humidity\n1,ams,0.5\n");
    assertThatThrownBy(() -> load(file, rows -> {}))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessage(
            "Column 'humidity' is in the data but not in frame w.s.readings (its columns: id,"
                + " city, temp); drop it from the data or add it to the frame first");
    assertThat(cellFiles()).isEmpty();
  }

  @Test
  void aNullPartitionValueFailsWhileStreamingAndCommitsNothing() throws IOException {
    StringBuilder csv = new StringBuilder("id,city\n");
    for (int i = 0; i < 10_000; i++) {
      csv.append(i).append(",ams\n");
    }
    csv.append("10000,\n");
    Path file = file("nulls.csv", csv.toString());
    long before = version();
    assertThatThrownBy(() -> load(file, rows -> {}))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessage(
            "Partition column 'city' of frame w.s.readings has a null value; partition values"
                + " must not be null");
    assertThat(version()).isEqualTo(before);
    assertThat(cellFiles()).isEmpty();
  }

  @Test
  void unreadableMissingAndUnknownFilesAreRefusedClearly() throws IOException {
    Path broken = file("broken.parquet", "this is not parquet");
    assertThatThrownBy(() -> load(broken, rows -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Cannot read " + broken + ": ");
    Path missing = dir.resolve("input").resolve("missing.csv");
    assertThatThrownBy(() -> WriteInput.file(missing, rows -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("No such file: " + missing);
    Path unknown = file("data.xlsx", "id\n1\n");
    assertThatThrownBy(() -> WriteInput.file(unknown, rows -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Cannot tell the format of "
                + unknown
                + " from its name; use .csv, .tsv, .parquet, .json, .jsonl or .ndjson");
    assertThat(cellFiles()).isEmpty();
  }

  @Test
  void columnsOfAFileAreItsFrameTypesInFileOrder() throws IOException {
    Path file = file("types.csv", "name,age,day,score\nann,31,2024-01-02,1.5\n");
    assertThat(
            new ArrayList<>(
                FileSources.columns(
                        file,
                        f.allocator,
                        f.chamber(),
                        TaskBudgets.fixed(f::chamber).reserve("sniff", TaskBudgets.UNKNOWN_SIZE))
                    .entrySet()))
        .extracting(e -> e.getKey() + " " + e.getValue())
        .containsExactly("name string", "age int64", "day date", "score float64");
  }

  @Test
  void rowsOfLinePerRowFilesAreEstimatedFromSamples() throws IOException {
    StringBuilder csv = new StringBuilder("id,city\n");
    for (int i = 0; i < 200_000; i++) {
      csv.append(i).append(",ams\n");
    }
    Path file = file("many.csv", csv.toString());
    assertThat(RowEstimate.of(file).getAsLong()).isBetween(180_000L, 220_000L);
    assertThat(RowEstimate.of(file("x.parquet", "PAR1"))).isEmpty();
  }
}
