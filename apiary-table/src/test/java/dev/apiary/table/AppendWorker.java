package dev.apiary.table;

import dev.apiary.storage.LocalObjectStore;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for multi-process log tests: appends {@code count} cells (forever if count is -1)
 * to the frame at {@code root}/t/, printing {@code committed <version> <path>} after each commit
 * returns.
 *
 * <p>Arguments: root directory, worker name, count.
 */
public final class AppendWorker {
  private AppendWorker() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String worker = args[1];
    long count = Long.parseLong(args[2]);
    LogOptions options =
        LogOptions.defaults()
            .withScratchDirectory(root.resolve("scratch-" + worker))
            .withMaxCommitAttempts(500);
    try (FrameLogs logs = new FrameLogs(new LocalObjectStore(root.resolve("store")), options)) {
      FrameLog log = logs.forTable("t/");
      for (long i = 0; count < 0 || i < count; i++) {
        String path = worker + "-" + i + ".parquet";
        CommitResult result = log.commit(WriteOperation.append(List.of(TestFrames.cell(path, i))));
        System.out.println("committed " + result.version() + " " + path);
        System.out.flush();
      }
    }
  }
}
