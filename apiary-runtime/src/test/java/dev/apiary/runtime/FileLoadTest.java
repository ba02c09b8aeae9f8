package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.SchemaMismatchException;
import dev.apiary.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File loads through a node: one chamber reads the file and writes the cells, one commit. */
class FileLoadTest {
  @TempDir Path dir;
  Apiary apiary;

  @BeforeEach
  void setUp() {
    apiary =
        new Apiary(
                ApiaryConfig.named("loads")
                    .withStorage(dir.resolve("store").toString())
                    .withNodeDirectory(dir.resolve("node"))
                    .withResources(2, 1L << 30))
            .start();
    apiary.createHive("shop");
    apiary.createBox("shop", "eu");
    Map<String, String> schema = new LinkedHashMap<>();
    schema.put("id", "int64 not null");
    schema.put("country", "string");
    schema.put("amount", "float64");
    apiary.createFrame("shop", "eu", "sales", schema, List.of("country"));
  }

  @AfterEach
  void tearDown() {
    apiary.shutdown();
  }

  private Path file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private List<List<String>> rows(String sql) {
    try (QueryResult result = apiary.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  private long version() {
    return apiary.getFrame("shop", "eu", "sales").version();
  }

  @Test
  void aPartitionedCsvLoadIsOneCommitWithACellPerPartition() throws Exception {
    StringBuilder csv = new StringBuilder("amount,id,country\n");
    for (int i = 0; i < 30_000; i++) {
      csv.append(i % 100).append('.').append(5).append(',').append(i).append(',');
      csv.append(i % 3 == 0 ? "de" : i % 3 == 1 ? "fr" : "nl").append('\n');
    }
    long before = version();
    var summary =
        apiary.load(
            file("sales.csv", csv.toString()), "shop", "eu", "sales", Optional.empty(), n -> {});
    assertThat(summary.rowsWritten()).isEqualTo(30_000);
    assertThat(summary.cellsWritten()).isEqualTo(3);
    assertThat(version()).isEqualTo(before + 1);
    assertThat(rows("SELECT country, count(*), sum(id) FROM shop.eu.sales GROUP BY 1 ORDER BY 1"))
        .containsExactly(
            List.of("de", "10000", "149985000"),
            List.of("fr", "10000", "149995000"),
            List.of("nl", "10000", "150005000"));
  }

  @Test
  void aBadRowFarIntoTheFileCommitsNothing() throws Exception {
    StringBuilder csv = new StringBuilder("id,country,amount\n");
    for (int i = 0; i < 60_000; i++) {
      csv.append(i).append(",de,").append(i % 7).append('\n');
    }
    csv.append("60000,de,not a number\n");
    Path bad = file("bad.csv", csv.toString());
    long before = version();
    assertThatThrownBy(() -> apiary.load(bad, "shop", "eu", "sales", Optional.empty(), n -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Cannot load " + bad + ": ")
        .hasMessageContaining("not a number");
    assertThat(version()).isEqualTo(before);
    assertThat(rows("SELECT count(*) FROM shop.eu.sales")).containsExactly(List.of("0"));
    assertThat(dir.resolve("store/shop/eu/sales/country=de")).doesNotExist();
  }

  @Test
  void aFileWithALossyColumnIsASchemaMismatch() throws Exception {
    Path text = file("text.csv", "id,country,amount\n1,de,lots\n");
    assertThatThrownBy(() -> apiary.load(text, "shop", "eu", "sales", Optional.empty(), n -> {}))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessage(
            "Column 'amount' is string in the data but float64 in frame shop.eu.sales; cast it or"
                + " recreate the frame with string");
    assertThat(version()).isEqualTo(0);
  }

  @Test
  void createMakesTheHiveBoxAndFrameFromTheFilesColumns() throws Exception {
    apiary.load(
        file("events.jsonl", "{\"kind\":\"a\",\"n\":1}\n{\"kind\":\"b\",\"n\":2}\n"),
        "logs",
        "app",
        "events",
        Optional.of(List.of("kind")),
        n -> {});
    FrameInfo info = apiary.getFrame("logs", "app", "events");
    assertThat(info.schema()).containsEntry("kind", "string").containsEntry("n", "int64");
    assertThat(info.partitionBy()).containsExactly("kind");
    assertThat(info.rowCount()).isEqualTo(2);
    assertThatThrownBy(
            () ->
                apiary.load(
                    file("x.csv", "id\n1\n"), "nohive", "b", "f", Optional.empty(), n -> {}))
        .hasMessageStartingWith("Hive 'nohive' does not exist");
  }
}
