package dev.apiary.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Estimates the rows of a line-per-row file (uncompressed CSV, TSV, JSON lines) from samples of its
 * start, middle and end: the file's size over the mean line length there. What the engine reports
 * as progress is a fraction of the file; this turns it into rows for a progress line.
 */
final class RowEstimate {
  private static final int CHUNK_BYTES = 256 << 10;

  private RowEstimate() {}

  /** The estimate, or empty for other formats and files that cannot be read. */
  static OptionalLong of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean lines =
        name.endsWith(".csv")
            || name.endsWith(".tsv")
            || name.endsWith(".txt")
            || name.endsWith(".jsonl")
            || name.endsWith(".ndjson");
    if (!lines) {
      return OptionalLong.empty();
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      long newlines = 0;
      long sampled = 0;
      // Rows often grow along a file (ids get longer): sample its start, middle and end.
      for (long at : new long[] {0, size / 2, size - CHUNK_BYTES}) {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
        channel.position(Math.max(0, at));
        while (chunk.hasRemaining() && channel.read(chunk) > 0) {
          // Reads until the chunk is full or the file ends.
        }
        chunk.flip();
        sampled += chunk.remaining();
        while (chunk.hasRemaining()) {
          if (chunk.get() == '\n') {
            newlines++;
          }
        }
      }
      if (newlines == 0 || sampled == 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Math.max(1, Math.round(size * (double) newlines / sampled)));
    } catch (IOException e) {
      // No estimate: the engine reports what is wrong with the file when it reads it.
      return OptionalLong.empty();
    }
  }
}
