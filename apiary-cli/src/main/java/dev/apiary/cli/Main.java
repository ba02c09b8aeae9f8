package dev.apiary.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** The {@code apiary} command's entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code. */
  static int run(String[] args) {
    // JLine and others log through JUL; their warnings are not for users (kept by this reference).
    Logger root = Logger.getLogger("");
    root.setLevel(Level.OFF);
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new RootCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(
        (error, args) -> {
          CommandLine failed = error.getCommandLine();
          PrintWriter stream = failed.getErr();
          stream.println("error: " + error.getMessage());
          stream.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
          stream.flush();
          return ExitCodes.USER_ERROR;
        });
    commandLine.setExecutionExceptionHandler(
        (error, failed, parseResult) -> {
          PrintWriter stream = failed.getErr();
          boolean debug =
              failed.getCommand() instanceof ApiaryCommand
                  && ((ApiaryCommand) failed.getCommand()).debug();
          stream.println("error: " + ExitCodes.message(error));
          int code = ExitCodes.of(error);
          if (debug) {
            error.printStackTrace(stream);
          } else if (code == ExitCodes.INTERNAL_ERROR) {
            stream.println("(run with --debug for the stack trace)");
          }
          stream.flush();
          return code;
        });
    return commandLine;
  }
}
