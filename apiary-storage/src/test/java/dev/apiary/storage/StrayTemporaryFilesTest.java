package dev.apiary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrayTemporaryFilesTest {
  @TempDir Path root;

  private Path stray(String directory, Instant modified) throws Exception {
    Path dir = Files.createDirectories(root.resolve(directory));
    Path file = dir.resolve(LocalObjectStore.TEMP_PREFIX + modified.toEpochMilli());
    Files.writeString(file, "half a cell");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  @Test
  void oldStrayFilesGoWhileObjectsAndRecentWritesStay() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root);
    store.put("h/b/f/part-1.parquet", "cell".getBytes(StandardCharsets.UTF_8));
    Instant now = Instant.parse("2026-11-23T12:00:00Z");
    Path old = stray("h/b/f", now.minus(Duration.ofHours(2)));
    Path oldInLog = stray("h/b/f/_delta_log", now.minus(Duration.ofDays(3)));
    Path inFlight = stray("h/b/f", now.minus(Duration.ofMinutes(5)));

    int deleted = StrayTemporaryFiles.sweep(store, Duration.ofHours(1), now);

    assertThat(deleted).isEqualTo(2);
    assertThat(old).doesNotExist();
    assertThat(oldInLog).doesNotExist();
    assertThat(inFlight).exists();
    assertThat(store.get("h/b/f/part-1.parquet")).isPresent();
    assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("h/b/f/part-1.parquet");
  }

  @Test
  void emptyStoreSweepsNothing() {
    assertThat(
            StrayTemporaryFiles.sweep(
                new LocalObjectStore(root), Duration.ofHours(1), Instant.now()))
        .isZero();
  }
}
