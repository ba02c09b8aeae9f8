package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.storage.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad log files and bad input: an error naming the file and the problem, and nothing written. */
class CorruptLogTest {
  private static final String COMMIT_1 = "t/_delta_log/00000000000000000001.json";
  @TempDir Path scratch;
  private MemoryObjectStore store;
  private FrameLogs logs;

  @BeforeEach
  void setUp() {
    store = new MemoryObjectStore();
    logs = new FrameLogs(store, LogOptions.defaults().withScratchDirectory(scratch));
    logs.forTable("t/").create(TestFrames.unpartitioned());
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private FrameLog freshLog() {
    return new FrameLogs(store, logs.options()).forTable("t/");
  }

  private void putCommit1(String content) {
    store.put(COMMIT_1, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void garbageCommitNamesFileAndLine() {
    putCommit1("{\"commitInfo\":{}}\nthis is not json\n");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessage(
            "Cannot read Delta log file '"
                + COMMIT_1
                + "': line 2 is not valid JSON (truncated or garbage): this is not json");
  }

  @Test
  void truncatedCommitNamesFile() {
    putCommit1("{\"add\":{\"path\":\"a.parquet\",\"partitionValues\":{},\"si");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessageStartingWith(
            "Cannot read Delta log file '" + COMMIT_1 + "': line 1 is not valid JSON");
  }

  @Test
  void emptyCommitNamesFile() {
    putCommit1("");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessage("Cannot read Delta log file '" + COMMIT_1 + "': the file is empty");
  }

  @Test
  void unknownActionNamesFileAndAction() {
    putCommit1("{\"commitInfo\":{\"txnId\":\"x\"}}\n{\"frobnicate\":{\"path\":\"x\"}}\n");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessage(
            "Cannot read Delta log file '" + COMMIT_1 + " line 2': unknown action 'frobnicate'");
  }

  @Test
  void featureActionIsRefusedByName() {
    putCommit1("{\"cdc\":{\"path\":\"x\"}}\n");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessage(
            "Cannot read Delta log file '"
                + COMMIT_1
                + " line 1': action 'cdc' belongs to a Delta table feature Apiary does not support");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    putCommit1(
        "{\"add\":{\"path\":\"a.parquet\",\"partitionValues\":{},\"modificationTime\":1,\"dataChange\":true}}\n");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessage(
            "Cannot read Delta log file '"
                + COMMIT_1
                + " line 1': action 'add': required field 'size' is missing");
  }

  @Test
  void newerReaderProtocolIsRefused() {
    putCommit1("{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7}}\n");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessage(
            "Cannot read Delta log file '"
                + COMMIT_1
                + "': the table requires Delta reader version 3; Apiary reads version 1 tables");
  }

  @Test
  void unknownTypeInSchemaIsNamed() {
    putCommit1(
        "{\"metaData\":{\"id\":\"x\",\"format\":{\"provider\":\"parquet\"},\"schemaString\":"
            + "\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"v\\\",\\\"type\\\":\\\"interval\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
            + "\"partitionColumns\":[],\"configuration\":{}}}\n");
    assertThatThrownBy(() -> freshLog().snapshot())
        .isInstanceOf(CorruptLogException.class)
        .hasMessage(
            "Cannot read Delta log file '"
                + COMMIT_1
                + " line 1': action 'metaData': Column 'v' has Delta type 'interval', which Apiary"
                + " does not support");
  }

  @Test
  void corruptCheckpointFallsBackToCommits() {
    FrameLog log = logs.forTable("t/");
    for (int i = 1; i <= 10; i++) {
      log.commit(WriteOperation.append(List.of(TestFrames.cell("f" + i + ".parquet", i))));
    }
    log.writeCheckpoint(log.snapshot());
    store.put(
        "t/_delta_log/00000000000000000010.checkpoint.parquet",
        "PAR1 garbage".getBytes(StandardCharsets.UTF_8));
    Snapshot snapshot = freshLog().snapshot();
    assertThat(snapshot.version()).isEqualTo(10);
    assertThat(snapshot.fileCount()).isEqualTo(10);
  }

  @Test
  void invalidCellsWriteNothing() {
    FrameLog log = logs.forTable("t/");
    DataFile bad =
        new DataFile(
            "x.parquet",
            Map.of(),
            1,
            1,
            true,
            new FileStatistics(1, Map.of("nope", 1L), Map.of(), Map.of()));
    assertThatThrownBy(() -> log.commit(WriteOperation.append(List.of(bad))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "Cell 'x.parquet' has statistics for 'nope', which is not a data column of 't/'");
    assertThat(store.get(COMMIT_1)).isEmpty();
  }

  @Test
  void invalidNamesAndTypesAreExplained() {
    assertThatThrownBy(() -> FrameSchema.parse(Map.of("v", "interval")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "Column 'v': Unknown type 'interval'. Valid types: int8, int16, int32, int64,");
    assertThatThrownBy(() -> FrameSchema.parse(Map.of("bad name", "int64")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Column name 'bad name' contains ' '; column names may not contain spaces, control"
                + " characters or any of ,;{}()=");
    assertThatThrownBy(() -> ColumnType.parse("decimal(40,2)"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("decimal precision must be between 1 and 38, got 40");
    assertThatThrownBy(() -> Identifiers.normalize("frame", "9lives"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The frame name '9lives' must start with a letter or '_'");
    assertThatThrownBy(() -> Identifiers.normalize("hive", "_system"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The hive name '_system' starts with '_'; such names are reserved for Apiary");
    assertThat(Identifiers.normalize("box", "Sales_EU")).isEqualTo("sales_eu");
  }
}
