package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionPlanTest {
  @TempDir Path scratch;

  private Snapshot snapshotWith(List<DataFile> cells) {
    try (FrameLogs logs =
        new FrameLogs(
            new dev.apiary.storage.MemoryObjectStore(),
            LogOptions.defaults().withScratchDirectory(scratch))) {
      FrameLog log = logs.forTable("h/b/f/");
      log.create(TestFrames.partitionedByCity());
      log.commit(WriteOperation.append(cells));
      return log.snapshot();
    }
  }

  private static DataFile cell(String path, String city, long size) {
    DataFile base = TestFrames.cell(path, Map.of("city", city), 1);
    return new DataFile(
        path, base.partitionValues(), size, base.modificationTime(), true, base.stats());
  }

  @Test
  void hundredSmallCellsPackIntoAtMostTwoTargetSizedGroups() {
    List<DataFile> cells = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      cells.add(cell("city=oslo/small-" + i + ".parquet", "oslo", 1000 + i));
    }
    CompactionPlan plan = CompactionPlan.of(snapshotWith(cells), 64_000);
    assertThat(plan.groups()).hasSizeBetween(1, 2);
    assertThat(plan.cellsReplaced()).isEqualTo(100);
    assertThat(plan.groups()).allSatisfy(g -> assertThat(g.bytes()).isLessThanOrEqualTo(64_000));
    assertThat(plan.groups().get(0).partitionValues()).isEqualTo(Map.of("city", "oslo"));
  }

  @Test
  void groupsNeverMixPartitionsAndLeaveBigAndLonelyCellsAlone() {
    List<DataFile> cells =
        List.of(
            cell("city=oslo/a.parquet", "oslo", 100),
            cell("city=oslo/b.parquet", "oslo", 200),
            cell("city=oslo/big.parquet", "oslo", 900),
            cell("city=rome/lonely.parquet", "rome", 100),
            cell("city=rome/big.parquet", "rome", 800));
    CompactionPlan plan = CompactionPlan.of(snapshotWith(cells), 1000);
    assertThat(plan.groups()).hasSize(1);
    assertThat(plan.groups().get(0).paths())
        .containsExactly("city=oslo/a.parquet", "city=oslo/b.parquet");
    assertThat(plan.groups().get(0).rows()).isEqualTo(200);
  }

  @Test
  void aFrameOfTargetSizedCellsNeedsNothing() {
    List<DataFile> cells =
        List.of(cell("city=oslo/a.parquet", "oslo", 600), cell("city=oslo/b.parquet", "oslo", 700));
    assertThat(CompactionPlan.of(snapshotWith(cells), 1000).isEmpty()).isTrue();
  }
}
