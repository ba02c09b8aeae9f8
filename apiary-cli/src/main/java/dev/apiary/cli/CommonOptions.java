package dev.apiary.cli;

import dev.apiary.cli.output.OutputFormat;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import picocli.CommandLine.Option;

/** Options every command takes: where the data is, how to print results, whether to debug. */
public final class CommonOptions {
  @Option(
      names = "--storage",
      paramLabel = "URI",
      description =
          "Where the apiary's data lives: a path, local:///abs/path or memory://"
              + " (default: ~/.apiary/data/default; quickstart: ~/.apiary/data/quickstart).")
  String storage;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: table, csv or json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  OutputFormat format = OutputFormat.TABLE;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  /** The node configuration: the named apiary's defaults, on {@code --storage} if given. */
  ApiaryConfig config(String apiaryName) {
    ApiaryConfig config = ApiaryConfig.named(apiaryName);
    return storage == null ? config : config.withStorage(storage);
  }

  /** Starts a node of the named apiary on the chosen storage; the caller closes it. */
  Apiary start(String apiaryName) {
    return new Apiary(config(apiaryName)).start();
  }

  OutputFormat format() {
    return format;
  }

  boolean debug() {
    return debug;
  }
}
