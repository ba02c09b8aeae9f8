package dev.apiary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code bench/run --smoke} end to end: every query of both suites runs on both systems with equal
 * results, and the report files are produced and well-formed. No timing is asserted.
 */
class BenchRunTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesWellFormedReports() throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            "--smoke", "--dir", dir.resolve("data").toString(), "--out", dir.toString());
    BenchReport report = BenchRun.run(options);

    assertThat(report.queries()).hasSize(13 + 22);
    assertThat(report.queries())
        .allSatisfy(
            q -> {
              assertThat(q.error()).as("%s %s", q.suite(), q.id()).isNull();
              assertThat(q.equal()).as("%s %s: %s", q.suite(), q.id(), q.difference()).isTrue();
              assertThat(q.apiaryHotMs()).hasSize(1);
              assertThat(q.duckHotMs()).hasSize(1);
            });

    JsonNode json = new ObjectMapper().readTree(dir.resolve("smoke.json").toFile());
    assertThat(json.get("queries")).hasSize(35);
    for (JsonNode q : json.get("queries")) {
      assertThat(q.get("ran").asBoolean()).isTrue();
      assertThat(q.get("equal").asBoolean()).isTrue();
      assertThat(q.get("hot_ratio").isNumber()).isTrue();
    }
    assertThat(json.get("machine").get("cores").asInt()).isPositive();
    assertThat(json.get("summary").get(0).get("hot_geomean_ratio").isNumber()).isTrue();
    assertThat(json.get("ingest")).hasSize(3);
    assertThat(json.get("ingest").get(2).get("input").asText())
        .isEqualTo("csv file, DuckDB as a process too");
    assertThat(json.get("ingest").get(2).get("duckdb_seconds").asDouble()).isPositive();
    assertThat(json.get("commits")).hasSize(2);
    assertThat(json.get("commits").get(1).get("writers").asInt()).isEqualTo(4);
    assertThat(json.get("memory").isNull()).isTrue();

    String md = Files.readString(dir.resolve("smoke.md"));
    assertThat(md).contains("| ssb | Q1.1 |").contains("| tpch | Q22 |").doesNotContain("DIFFER");

    Document svg =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("smoke.svg").toFile());
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getElementsByTagName("rect").getLength()).isGreaterThan(35);
  }

  @Test
  void optionsFollowTheCommandLine() {
    BenchOptions defaults = BenchOptions.parse();
    assertThat(defaults.scale()).isEqualTo(1);
    assertThat(defaults.runs()).isEqualTo(3);
    assertThat(defaults.suites()).containsExactly("ssb", "tpch");
    assertThat(defaults.coldRunsOrDefault()).isEqualTo(3);

    BenchOptions smoke = BenchOptions.parse("--smoke", "--suite", "tpch");
    assertThat(smoke.scale()).isEqualTo(0.01);
    assertThat(smoke.runs()).isEqualTo(1);
    assertThat(smoke.coldRunsOrDefault()).isZero();
    assertThat(smoke.memoryTest()).isFalse();
    assertThat(smoke.suites()).isEqualTo(List.of("tpch"));

    assertThat(BenchOptions.parse("--scale", "0.1", "--runs", "5").scale()).isEqualTo(0.1);
    assertThatThrownBy(() -> BenchOptions.parse("--suite", "tpcds"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchOptions.parse("--bogus"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
