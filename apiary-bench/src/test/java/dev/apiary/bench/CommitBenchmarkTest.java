package dev.apiary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny smoke run: the benchmark still works. No timing is asserted. */
class CommitBenchmarkTest {
  @TempDir Path dir;

  @Test
  void smokeRunMeasuresEveryCommit() throws Exception {
    List<CommitBenchmark.Run> runs = CommitBenchmark.run(dir, 20, 2);
    assertThat(runs)
        .extracting(CommitBenchmark.Run::name)
        .containsExactly("single-writer", "concurrent");
    assertThat(runs.get(0).latenciesNanos()).hasSize(20);
    assertThat(runs.get(1).latenciesNanos()).hasSize(20);
    assertThat(runs.get(1).json()).contains("\"writers\":2").contains("\"p99_ms\":");
  }
}
