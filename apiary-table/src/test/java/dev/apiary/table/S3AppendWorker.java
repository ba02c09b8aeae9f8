package dev.apiary.table;

import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStores;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for multi-process log tests on S3: opens the store of a storage URI (such as
 * {@code s3://bucket/prefix?endpoint=...}, credentials from the environment), appends {@code count}
 * cells to the frame at {@code t/} and prints {@code committed <version> <path>} after each commit
 * returns.
 *
 * <p>Arguments: storage URI, scratch directory, worker name, count.
 */
public final class S3AppendWorker {
  private S3AppendWorker() {}

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    Path scratch = Path.of(args[1]);
    String worker = args[2];
    long count = Long.parseLong(args[3]);
    LogOptions options =
        LogOptions.defaults()
            .withScratchDirectory(scratch.resolve("scratch-" + worker))
            .withMaxCommitAttempts(500);
    try (ObjectStore store = ObjectStores.open(uri);
        FrameLogs logs = new FrameLogs(store, options)) {
      FrameLog log = logs.forTable("t/");
      for (long i = 0; i < count; i++) {
        String path = worker + "-" + i + ".parquet";
        CommitResult result = log.commit(WriteOperation.append(List.of(TestFrames.cell(path, i))));
        System.out.println("committed " + result.version() + " " + path);
        System.out.flush();
      }
    }
  }
}
