package dev.apiary.table.internal;

import dev.apiary.table.DataFile;
import dev.apiary.table.FrameMetadata;
import dev.apiary.table.RemovedFile;
import java.util.Map;
import java.util.Objects;

/** One line of a Delta commit file or one row of a checkpoint. */
public sealed interface LogAction {

  /** Provenance of a commit; {@code txnId} is what resolves an unknown commit outcome. */
  record CommitInfo(
      long timestamp,
      String operation,
      Map<String, String> operationParameters,
      String engineInfo,
      String txnId,
      long readVersion)
      implements LogAction {
    public CommitInfo {
      operationParameters = Map.copyOf(operationParameters);
    }
  }

  record Protocol(int minReaderVersion, int minWriterVersion) implements LogAction {}

  record Metadata(FrameMetadata metadata) implements LogAction {
    public Metadata {
      Objects.requireNonNull(metadata, "metadata");
    }
  }

  record Txn(String appId, long version, long lastUpdated) implements LogAction {}

  /** An add whose statistics are still JSON: they are typed once the schema is known. */
  record Add(DataFileWithoutStats file, String statsJson) implements LogAction {
    public static Add of(DataFile file, String statsJson) {
      return new Add(
          new DataFileWithoutStats(
              file.path(),
              file.partitionValues(),
              file.size(),
              file.modificationTime(),
              file.dataChange()),
          statsJson);
    }
  }

  record Remove(RemovedFile file) implements LogAction {}

  /** The fields of an add that do not depend on the schema. */
  record DataFileWithoutStats(
      String path,
      Map<String, String> partitionValues,
      long size,
      long modificationTime,
      boolean dataChange) {}
}
