package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.catalog.FrameDefinition;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.table.FrameSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundCompactionTest {
  private final List<String> compacted = new ArrayList<>();
  private final AtomicBoolean cold = new AtomicBoolean(true);

  private static FrameEntry frame(String name) {
    return new FrameEntry(
        "h",
        "b",
        name,
        FrameDefinition.of(FrameSchema.parse(Map.of("id", "int64"))),
        UUID.randomUUID().toString(),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private BackgroundCompaction background() {
    return new BackgroundCompaction(
        entry -> {
          compacted.add(entry.name());
          // Pretend "b" gets busy while it is compacted: the next frame must wait.
          if (entry.name().equals("b")) {
            cold.set(false);
          }
          return new CompactionResult(entry.qualifiedName(), 10, 1, 10, 1, 1, 0);
        },
        cold::get,
        Duration.ofHours(1));
  }

  @Test
  void compactsOnlyWrittenFramesAndOnlyWhileCold() {
    try (BackgroundCompaction background = background()) {
      assertThat(background.runOnce()).isEmpty();
      FrameEntry a = frame("a");
      background.written(a);
      background.written(a);
      cold.set(false);
      assertThat(background.runOnce()).isEmpty();
      assertThat(compacted).isEmpty();
      cold.set(true);
      assertThat(background.runOnce()).extracting(CompactionResult::frame).containsExactly("h.b.a");
      assertThat(background.runOnce()).isEmpty();
      assertThat(compacted).containsExactly("a");
    }
  }

  @Test
  void framesLeftWhenTheColonyWarmsUpWaitForTheNextRound() {
    try (BackgroundCompaction background = background()) {
      background.written(frame("b"));
      background.written(frame("c"));
      assertThat(background.runOnce()).extracting(CompactionResult::frame).containsExactly("h.b.b");
      assertThat(compacted).containsExactly("b");
      cold.set(true);
      assertThat(background.runOnce()).extracting(CompactionResult::frame).containsExactly("h.b.c");
      assertThat(compacted).containsExactly("b", "c");
    }
  }

  @Test
  void aFrameThatFailsDoesNotCostTheOthersTheirTurn() {
    try (BackgroundCompaction background =
        new BackgroundCompaction(
            entry -> {
              compacted.add(entry.name());
              if (entry.name().equals("broken")) {
                throw new IllegalStateException("storage said no");
              }
              return new CompactionResult(entry.qualifiedName(), 10, 1, 10, 1, 1, 0);
            },
            cold::get,
            Duration.ofHours(1))) {
      background.written(frame("broken"));
      background.written(frame("fine"));
      assertThat(background.runOnce())
          .extracting(CompactionResult::frame)
          .containsExactly("h.b.fine");
      assertThat(compacted).containsExactly("broken", "fine");
    }
  }
}
