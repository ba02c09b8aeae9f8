package dev.apiary.cli;

import dev.apiary.cli.output.ArrowRows;
import dev.apiary.cli.shell.LineSource;
import dev.apiary.cli.shell.StreamLineSource;
import dev.apiary.cli.shell.TerminalLineSource;
import dev.apiary.engine.QueryResult;
import dev.apiary.engine.SqlSession;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apiary shell}: interactive SQL. Statements end with {@code ;} and may span lines; each
 * statement's error is printed and the shell goes on. With standard input not a terminal, the
 * statements are read from it (no prompts) and the exit code is that of the worst failure.
 */
@Command(
    name = "shell",
    description =
        "Interactive SQL with history ($APIARY_HOME/history, default ~/.apiary/history) and multi-line statements ending in ';'."
            + " Reads statements from standard input when it is not a terminal.",
    footer = {
      "",
      "Shell commands: .help, .timing (toggle timings), .exit or .quit (or Ctrl-D).",
      "",
      "Examples:",
      "  apiary shell --storage ~/.apiary/data/quickstart",
      "  echo 'USE demo.ssb; SELECT count(*) FROM lineorder;' | apiary shell --format csv --storage ~/.apiary/data/quickstart"
    })
final class ShellCommand extends ApiaryCommand {
  static final String HELP =
      String.join(
          "\n",
          "Enter SQL statements ending with ';' (they may span lines). Frames are hive.box.frame,",
          "or box.frame after USE hive, or frame after USE hive.box.",
          "  SHOW HIVES;  SHOW BOXES IN demo;  SHOW FRAMES IN demo.ssb;  DESCRIBE demo.ssb.date;",
          "  .help     this text",
          "  .timing   print timings after each statement (on/off)",
          "  .exit     leave the shell (also .quit or Ctrl-D); Ctrl-C cancels the current input");

  @Option(names = "--timing", description = "Print each statement's timings to stderr.")
  boolean timing;

  private int worst = ExitCodes.OK;

  @Override
  public Integer call() {
    timing |= Timings.requestedByEnvironment();
    try (Apiary apiary = common.start("default");
        LineSource lines =
            System.console() != null
                ? TerminalLineSource.open(ApiaryConfig.apiaryHome().resolve("history"))
                : new StreamLineSource(System.in)) {
      if (lines.interactive()) {
        out().println("Apiary shell on " + apiary.status().storageUri() + ". Type .help for help.");
      }
      loop(apiary, apiary.newSession(), lines);
      return lines.interactive() ? ExitCodes.OK : worst;
    }
  }

  private void loop(Apiary apiary, SqlSession session, LineSource lines) {
    StringBuilder buffer = new StringBuilder();
    while (true) {
      String prompt = prompt(session);
      LineSource.Line line =
          lines.read(buffer.length() == 0 ? prompt : " ".repeat(prompt.length() - 5) + "...> ");
      if (line == null) {
        if (!lines.interactive()) {
          run(apiary, session, buffer.toString());
        }
        return;
      }
      if (line.cancelled()) {
        buffer.setLength(0);
        continue;
      }
      String text = line.text();
      if (buffer.length() == 0 && text.strip().startsWith(".")) {
        if (!command(text.strip())) {
          return;
        }
        continue;
      }
      if (buffer.length() == 0 && text.isBlank()) {
        continue;
      }
      buffer.append(text).append('\n');
      if (Statements.complete(buffer.toString())) {
        run(apiary, session, buffer.toString());
        buffer.setLength(0);
      }
    }
  }

  /** Runs a dot command; false to leave the shell. */
  private boolean command(String text) {
    switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case ".exit":
      case ".quit":
        return false;
      case ".help":
        out().println(HELP);
        break;
      case ".timing":
        timing = !timing;
        out().println("timing " + (timing ? "on" : "off"));
        break;
      default:
        err().println("error: unknown shell command '" + text + "'; type .help");
        worst = Math.max(worst, ExitCodes.USER_ERROR);
    }
    out().flush();
    return true;
  }

  private void run(Apiary apiary, SqlSession session, String text) {
    List<String> statements = Statements.split(text);
    for (String statement : statements) {
      long started = System.nanoTime();
      try (QueryResult result = apiary.sql(statement, session)) {
        ArrowRows.copy(result.reader(), sink());
        if (timing) {
          err().println(Timings.format(result.timingsMicros(), System.nanoTime() - started));
        }
      } catch (RuntimeException e) {
        report(e);
      }
    }
  }

  private void report(RuntimeException e) {
    PrintWriter err = err();
    out().flush();
    err.println("error: " + ExitCodes.message(e));
    if (debug()) {
      e.printStackTrace(err);
    }
    err.flush();
    worst = Math.max(worst, ExitCodes.of(e));
  }

  private static String prompt(SqlSession session) {
    return "apiary " + session.hive() + session.box().map(b -> "." + b).orElse("") + "> ";
  }
}
