package dev.apiary.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;

/** Prints generation throughput; asserts nothing about time. */
class GenerationSpeedTest {

  @Test
  void lineitemAtScaleOneTenthStreamsAllItsRows() throws IOException {
    TableGenerator lineitem =
        Tpch.tables(0.1).stream()
            .filter(t -> t.name().equals("lineitem"))
            .findFirst()
            .orElseThrow();
    long rows = 0;
    long started = System.nanoTime();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowReader reader = lineitem.open(allocator, 65_536)) {
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "lineitem SF 0.1: %,d rows in %.2f s = %,.0f rows/s%n", rows, seconds, rows / seconds);
    assertThat(rows).isEqualTo(lineitem.rowCount());
  }
}
