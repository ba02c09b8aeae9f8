package dev.apiary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartCommandTest {
  @TempDir Path dir;

  @Test
  void quickstartLoadsSsbRunsQueriesAndSkipsLoadingWhenRunAgain() {
    Cli cli = new Cli(dir);
    String storage = dir.resolve("qs").toString();

    Cli.Result first = cli.run("quickstart", "--scale", "0.01", "--storage", storage);
    Cli.Result second = cli.run("quickstart", "--scale", "0.01", "--storage", storage);

    assertThat(first.exitCode()).as("%s", first).isEqualTo(0);
    assertThat(first.out())
        .startsWith(
            "Apiary quickstart: Star Schema Benchmark at scale 0.01 in demo.ssb on local://"
                + storage)
        .containsPattern(
            "  lineorder +60,293 rows +\\d+ cells +[0-9.]+ s   partitioned by lo_discount\n")
        .containsPattern("  date +2,556 rows +1 cells +[0-9.]+ s\n")
        .contains("SSB Q1.1:", "SSB Q2.1:", "SSB Q3.1:", "SSB Q4.1:")
        .containsPattern("cells scanned: \\d+ of \\d+ \\(\\d+ pruned\\)")
        .contains("timing: parse ")
        .contains("./apiary shell --storage local://" + storage, "USE demo.ssb;")
        .doesNotContain("already loaded");
    assertThat(second.exitCode()).as("%s", second).isEqualTo(0);
    assertThat(second.out())
        .containsPattern("  lineorder +60,293 rows +\\d+ cells   already loaded, skipped\n")
        .containsPattern("  part +200,000 rows +1 cells   already loaded, skipped\n");
    assertThat(results(second.out())).isEqualTo(results(first.out()));
  }

  @Test
  void scaleMustBePositive() {
    Cli.Result result =
        new Cli(dir).run("quickstart", "--scale", "0", "--storage", dir.resolve("qs").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: --scale must be a positive scale factor up to 1000, e.g. 0.2; got 0.0\n");
  }

  /** The query results, without the load lines and timings that differ between runs. */
  private static String results(String out) {
    StringBuilder kept = new StringBuilder();
    boolean inQueries = false;
    for (String line : out.split("\n")) {
      inQueries |= line.startsWith("SSB ");
      if (inQueries && !line.startsWith("timing: ")) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }
}
