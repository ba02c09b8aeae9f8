package dev.apiary.cli;

import dev.apiary.cli.output.RowSink;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the common options and the output streams. */
abstract class ApiaryCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  RowSink sink() {
    return common.format().sink(out());
  }

  boolean debug() {
    return common != null && common.debug();
  }
}
