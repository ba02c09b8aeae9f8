package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in freshness window of a node's statements: off unless configured, and when on, a
 * statement reuses what the node read within the window (the window passing is shown with a manual
 * clock in apiary-table's {@code FreshnessWindowTest}).
 */
class FreshnessWindowNodeTest {
  @TempDir Path dir;

  private ApiaryConfig config(String nodeName) {
    return ApiaryConfig.named("fresh")
        .withStorage(dir.resolve("store").toString())
        .withNodeDirectory(dir.resolve(nodeName))
        .withResources(2, 1L << 30);
  }

  private static List<List<String>> rows(Apiary node, String sql) {
    try (QueryResult result = node.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  private void load(Apiary node, String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    node.load(file, "h", "b", "t", Optional.empty(), n -> {});
  }

  @Test
  void freshnessWindowIsOffByDefault() {
    assertThat(config("a").freshnessWindow()).isNull();
    assertThat(config("a").freshness()).isEqualTo(Duration.ZERO);
  }

  @Test
  void defaultNodeSeesAnotherNodesCommitAtOnceWhileAWindowedNodeServesWhatItRead()
      throws Exception {
    try (Apiary writer = new Apiary(config("writer")).start();
        Apiary checking = new Apiary(config("checking")).start();
        Apiary windowed =
            new Apiary(config("windowed").withFreshnessWindow(Duration.ofHours(1))).start()) {
      writer.createHive("h");
      writer.createBox("h", "b");
      writer.createFrame("h", "b", "t", Map.of("id", "int64"), List.of());
      load(writer, "a.csv", "id\n1\n2\n");
      assertThat(rows(checking, "SELECT count(*) FROM h.b.t")).containsExactly(List.of("2"));
      assertThat(rows(windowed, "SELECT count(*) FROM h.b.t")).containsExactly(List.of("2"));

      load(writer, "b.csv", "id\n3\n");

      assertThat(rows(checking, "SELECT count(*) FROM h.b.t")).containsExactly(List.of("3"));
      assertThat(rows(windowed, "SELECT count(*) FROM h.b.t")).containsExactly(List.of("2"));
    }
  }

  @Test
  void negativeFreshnessWindowIsRejected() {
    assertThatThrownBy(() -> config("a").withFreshnessWindow(Duration.ofMillis(-5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "The freshness window must be zero (always check storage) or positive, got PT-0.005S");
  }
}
