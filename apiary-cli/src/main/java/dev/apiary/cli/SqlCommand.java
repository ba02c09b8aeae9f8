package dev.apiary.cli;

import dev.apiary.cli.output.ArrowRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.runtime.Apiary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apiary sql "..."}: one statement, its result on stdout. */
@Command(
    name = "sql",
    description = "Run one SQL statement and print its result.",
    footer = {
      "",
      "Examples:",
      "  apiary sql \"SHOW HIVES\"",
      "  apiary sql --storage ~/.apiary/data/quickstart --format csv \"SELECT * FROM demo.ssb.date LIMIT 10\"",
      "  APIARY_TIMING=1 apiary sql --storage ~/.apiary/data/quickstart \"SELECT count(*) FROM demo.ssb.lineorder\""
    })
final class SqlCommand extends ApiaryCommand {
  @Parameters(paramLabel = "SQL", description = "The statement (DuckDB SQL plus Apiary commands).")
  String sql;

  @Option(
      names = "--timing",
      description = "Print the statement's timings to stderr (also: APIARY_TIMING=1).")
  boolean timing;

  @Override
  public Integer call() {
    String statement = Statements.withoutTrailingSemicolons(sql);
    try (Apiary apiary = common.start("default")) {
      long started = System.nanoTime();
      try (QueryResult result = apiary.sql(statement)) {
        ArrowRows.copy(result.reader(), sink());
        if (timing || Timings.requestedByEnvironment()) {
          err().println(Timings.format(result.timingsMicros(), System.nanoTime() - started));
        }
      }
    }
    return ExitCodes.OK;
  }
}
