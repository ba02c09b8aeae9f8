package dev.apiary.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.storage.LocalObjectStore;
import dev.apiary.storage.ObjectInfo;
import dev.apiary.table.internal.LogPaths;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL in the middle of a loop of commits (and checkpoints) leaves a table
 * that opens, whose versions are contiguous, and whose contents equal its committed versions: every
 * commit the writer saw return is there, and nothing else.
 */
class KilledWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;

  @Test
  void sigkillInALoopOfCommitsLeavesAConsistentTable() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root.resolve("store"));
    try (FrameLogs logs =
        new FrameLogs(store, LogOptions.defaults().withScratchDirectory(root.resolve("s")))) {
      logs.forTable("t/").create(TestFrames.unpartitioned());
    }
    Random random = new Random(42);
    Set<String> acknowledged = new HashSet<>();
    for (int round = 0; round < 5; round++) {
      Process writer = ChildJvm.start(AppendWorker.class, root.toString(), "round" + round, "-1");
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
      // Let it commit for a while (the first line proves it is running), then kill it mid-loop.
      int target = 5 + random.nextInt(30);
      for (int i = 0; i < target; i++) {
        String line = out.readLine();
        assertThat(line).as("writer of round %d died early", round).isNotNull();
        acknowledged.add(line.split(" ")[2]);
      }
      Thread.sleep(random.nextInt(20));
      writer
          .toHandle()
          .destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it keeps our end of the
      // pipe readable
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String line;
      while ((line = out.readLine()) != null) {
        acknowledged.add(line.split(" ")[2]);
      }
      out.close();
    }
    Set<String> committed = new HashSet<>();
    long last = -1;
    for (ObjectInfo info : store.list("t/" + LogPaths.LOG_DIR)) {
      long version = LogPaths.commitVersion(info.key());
      if (version < 0) {
        continue;
      }
      assertThat(version).as("versions are contiguous").isEqualTo(last + 1);
      last = version;
      for (String text :
          new String(store.get(info.key()).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode node = JSON.readTree(text);
        if (node.has("add")) {
          assertThat(committed.add(node.get("add").get("path").asText())).isTrue();
        }
      }
    }
    assertThat(committed).containsAll(acknowledged);
    assertThat(committed.size()).isGreaterThanOrEqualTo(acknowledged.size());
    assertThat(last).isGreaterThanOrEqualTo(25);
    ConcurrentCommitTest.verifyLog(store, committed, last);
  }
}
