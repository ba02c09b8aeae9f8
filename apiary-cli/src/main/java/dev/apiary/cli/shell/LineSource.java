package dev.apiary.cli.shell;

/** Where the shell's input lines come from: a terminal with line editing, or a plain stream. */
public interface LineSource extends AutoCloseable {
  /** One line of input, or that the user cancelled the current input (Ctrl-C). */
  record Line(String text, boolean cancelled) {
    static Line of(String text) {
      return new Line(text, false);
    }

    static Line cancel() {
      return new Line("", true);
    }
  }

  /**
   * Reads the next line, showing the prompt where there is a terminal.
   *
   * @return the line, or null at the end of input (Ctrl-D, end of the stream)
   */
  Line read(String prompt);

  /** Whether a person is typing (prompts shown, errors do not change the exit code). */
  boolean interactive();

  @Override
  void close();
}
