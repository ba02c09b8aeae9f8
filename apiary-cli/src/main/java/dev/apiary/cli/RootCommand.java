package dev.apiary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code apiary}: a lakehouse for small compute, from the command line. */
@Command(
    name = "apiary",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Apiary: Delta Lake frames in object storage, SQL on DuckDB.",
    footer = {
      "",
      "Exit codes: 0 ok; 1 user error (bad input, missing frame, refused statement);",
      "            2 internal error.",
      "Run 'apiary COMMAND --help' for a command's options."
    },
    subcommands = {
      QuickstartCommand.class,
      StartCommand.class,
      SqlCommand.class,
      ShellCommand.class,
      LoadCommand.class,
      StatusCommand.class,
      SwarmCommand.class,
      DescribeCommand.class,
      CompactCommand.class,
      CommandLine.HelpCommand.class
    })
final class RootCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    commandLine.getErr().println("error: missing command");
    commandLine.usage(commandLine.getErr());
    return ExitCodes.USER_ERROR;
  }
}
