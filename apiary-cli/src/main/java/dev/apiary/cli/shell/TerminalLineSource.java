package dev.apiary.cli.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Lines typed at a terminal, with JLine's line editing and a persistent history file. */
public final class TerminalLineSource implements LineSource {
  private final Terminal terminal;
  private final LineReader reader;

  private TerminalLineSource(Terminal terminal, LineReader reader) {
    this.terminal = terminal;
    this.reader = reader;
  }

  /** Opens the system terminal; history is read from and appended to {@code historyFile}. */
  public static TerminalLineSource open(Path historyFile) {
    try {
      Files.createDirectories(historyFile.toAbsolutePath().getParent());
      Terminal terminal = TerminalBuilder.builder().system(true).name("apiary").build();
      LineReader reader =
          LineReaderBuilder.builder()
              .appName("apiary")
              .terminal(terminal)
              .variable(LineReader.HISTORY_FILE, historyFile)
              .variable(LineReader.HISTORY_SIZE, 10_000)
              // '!' is SQL (!=, ~~!), not a history reference.
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
              .build();
      return new TerminalLineSource(terminal, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the terminal", e);
    }
  }

  @Override
  public Line read(String prompt) {
    try {
      return Line.of(reader.readLine(prompt));
    } catch (UserInterruptException e) {
      return Line.cancel();
    } catch (EndOfFileException e) {
      return null;
    }
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void close() {
    try {
      reader.getHistory().save();
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the shell history", e);
    }
  }
}
