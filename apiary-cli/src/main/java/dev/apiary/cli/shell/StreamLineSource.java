package dev.apiary.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Lines from a stream (standard input that is not a terminal): no prompts, no history. */
public final class StreamLineSource implements LineSource {
  private final BufferedReader reader;

  public StreamLineSource(InputStream in) {
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  @Override
  public Line read(String prompt) {
    try {
      String line = reader.readLine();
      return line == null ? null : Line.of(line);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read standard input", e);
    }
  }

  @Override
  public boolean interactive() {
    return false;
  }

  @Override
  public void close() {
    // Standard input belongs to the process.
  }
}
