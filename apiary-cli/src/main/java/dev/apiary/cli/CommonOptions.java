package dev.apiary.cli;

import dev.apiary.cli.output.OutputFormat;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.ApiaryConfig;
import dev.apiary.runtime.NodeResources;
import picocli.CommandLine.Option;

/** Options every command takes: where the data is, how to print results, whether to debug. */
public final class CommonOptions {
  @Option(
      names = "--storage",
      paramLabel = "URI",
      description =
          "Where the apiary's data lives: a path, local:///abs/path, s3://bucket/prefix or memory://"
              + " (default: ~/.apiary/data/default; quickstart: ~/.apiary/data/quickstart).")
  String storage;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: table, csv or json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  OutputFormat format = OutputFormat.TABLE;

  @Option(
      names = "--cores",
      paramLabel = "N",
      description =
          "Cores (bees) this node may use. Default: APIARY_CORES, else detected (container limits"
              + " respected).")
  Integer cores;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      description =
          "Memory this node may use in total, e.g. 2GB or 512MB. Default: APIARY_MEMORY, else"
              + " detected (container limits respected).")
  String memory;

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
    if (storage != null) {
      config = config.withStorage(storage);
    }
    if (cores != null || memory != null) {
      config =
          config.withResources(cores, memory == null ? null : NodeResources.parseBytes(memory));
    }
    return config;
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
