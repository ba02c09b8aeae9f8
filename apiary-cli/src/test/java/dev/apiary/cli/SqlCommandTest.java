package dev.apiary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
  static final String VALUES =
      "SELECT * FROM (VALUES (1, 'a,b', NULL, 2.50::DECIMAL(10,2)),"
          + " (22, 'say \"hi\"', DATE '2024-02-29', -1.00::DECIMAL(10,2))) t(id, name, day, price)"
          + " ORDER BY id";

  @TempDir Path dir;
  Cli cli;
  String storage;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
    storage = dir.resolve("store").toString();
  }

  @Test
  void sqlPrintsAnAlignedTableWithNullsAndARowCount() {
    Cli.Result result = cli.run("sql", "--storage", storage, VALUES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
    assertThat(result.out())
        .isEqualTo(
            "id | name     | day        | price\n"
                + "---+----------+------------+------\n"
                + " 1 | a,b      | NULL       |  2.50\n"
                + "22 | say \"hi\" | 2024-02-29 | -1.00\n"
                + "2 rows\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void sqlPrintsCsvWithRfc4180Quoting() {
    Cli.Result result = cli.run("sql", "--storage", storage, "--format", "csv", VALUES + ";");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
    assertThat(result.out())
        .isEqualTo(
            "id,name,day,price\n"
                + "1,\"a,b\",,2.50\n"
                + "22,\"say \"\"hi\"\"\",2024-02-29,-1.00\n");
  }

  @Test
  void sqlPrintsOneJsonObjectPerRow() {
    Cli.Result result = cli.run("sql", "--storage", storage, "--format", "JSON", VALUES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
    assertThat(result.out())
        .isEqualTo(
            "{\"id\":1,\"name\":\"a,b\",\"day\":null,\"price\":2.50}\n"
                + "{\"id\":22,\"name\":\"say \\\"hi\\\"\",\"day\":\"2024-02-29\",\"price\":-1.00}\n");
  }

  @Test
  void emptyResultStillPrintsItsHeader() {
    Cli.Result result = cli.run("sql", "--storage", storage, "SELECT 1 AS one WHERE false");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
    assertThat(result.out()).isEqualTo("one\n---\n0 rows\n");
  }

  @Test
  void timingGoesToStderrWhenAskedForByFlagOrEnvironment() {
    Cli.Result flag = cli.run("sql", "--storage", storage, "--timing", "SELECT 42 AS answer");
    Cli.Result env =
        cli.runWithEnvironment(
            Map.of("APIARY_TIMING", "1"), "sql", "--storage", storage, "SELECT 42 AS answer");

    for (Cli.Result result : new Cli.Result[] {flag, env}) {
      assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
      assertThat(result.out()).isEqualTo("answer\n------\n    42\n1 row\n");
      assertThat(result.err()).startsWith("timing: parse ").contains("execute ", "wall ");
    }
  }

  @Test
  void missingFrameIsAUserErrorWithOneLineOnStderr() {
    Cli.Result result = cli.run("sql", "--storage", storage, "SELECT * FROM nope.nada.nothing");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("error: Hive 'nope' does not exist; create it with create_hive('nope')\n");
  }

  @Test
  void insertIsRefusedWithTheApiToUseInstead() {
    Cli.Result result =
        cli.run("sql", "--storage", storage, "INSERT INTO default.default.t VALUES (1)");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.err())
        .startsWith("error: INSERT is not supported in SQL")
        .contains("apiary load FILE --into hive.box.frame")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void debugAddsTheStackTrace() {
    Cli.Result result =
        cli.run("sql", "--storage", storage, "--debug", "SELECT * FROM nope.nada.nothing");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.err())
        .startsWith("error: Hive 'nope' does not exist")
        .contains("NotFoundException", "\tat ");
  }

  @Test
  void usageErrorsExitWithOne() {
    Cli.Result missing = cli.run("sql", "--storage", storage);
    Cli.Result unknown = cli.run("sql", "--bogus", "SELECT 1");
    Cli.Result badFormat = cli.run("sql", "--format", "xml", "SELECT 1");
    Cli.Result noCommand = cli.run();

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo(
            "error: Missing required parameter: 'SQL'\nRun 'apiary sql --help' for usage.\n");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("error: Unknown option: '--bogus'");
    assertThat(badFormat.exitCode()).isEqualTo(1);
    assertThat(badFormat.err()).startsWith("error: Invalid value for option '--format'");
    assertThat(noCommand.exitCode()).isEqualTo(1);
    assertThat(noCommand.err()).startsWith("error: missing command\nUsage: apiary");
  }

  @Test
  void statusShowsTheNode() {
    Cli.Result table = cli.run("status", "--storage", storage);
    Cli.Result json = cli.run("status", "--storage", storage, "--format", "json");

    assertThat(table.exitCode()).as("%s", table).isEqualTo(0);
    assertThat(table.out())
        .startsWith("property               | value\n")
        .contains("name                   | default\n", "cores                  | 2\n")
        .contains("storage_uri            | local://" + storage + "\n")
        .contains("cache_size_bytes       | 0\n", "cache_downloads        | 0\n")
        .contains("swarm_alive            | 1\n", "swarm_bees             | 2\n")
        .contains("bees_busy              | 0\n", "bees_idle              | 2\n")
        .contains("bee_states             | bee-0 idle, bee-1 idle\n")
        .contains("colony_temperature     | 0.0\n", "colony_regulation      | cold\n")
        .endsWith("33 rows\n");
    assertThat(json.exitCode()).as("%s", json).isEqualTo(0);
    assertThat(json.out())
        .startsWith("{\"name\":\"default\",\"node_id\":\"")
        .contains("\"cores\":2,", "\"storage\":\"local\"", "\"state\":\"running\"")
        .contains("\"cache_capacity_bytes\":", "\"cache_frames\":0")
        .contains(
            "\"colony_temperature\":0.0,\"colony_regulation\":\"cold\",\"colony_setpoint\":0.5")
        .contains("\"swarm_nodes\":1,\"swarm_alive\":1,\"swarm_bees\":2,\"swarm_idle_bees\":2");
  }

  @Test
  void coresAndMemoryFlagsOverrideDetection() {
    Cli.Result status =
        cli.run(
            "status", "--storage", storage, "--cores", "1", "--memory", "1GB", "--format", "json");
    Cli.Result bad = cli.run("status", "--storage", storage, "--memory", "lots");

    assertThat(status.exitCode()).as("%s", status).isEqualTo(0);
    assertThat(status.out()).contains("\"cores\":1,", "\"memory_bytes\":1073741824,");
    assertThat(status.out()).contains("\"bees\":1,");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).startsWith("error: ").contains("lots");
  }

  @Test
  void describeNeedsAThreePartNameAndAnExistingFrame() {
    Cli.Result shortName = cli.run("describe", "--storage", storage, "a.b");
    Cli.Result missing = cli.run("describe", "--storage", storage, "default.default.nothing");

    assertThat(shortName.exitCode()).isEqualTo(1);
    assertThat(shortName.err())
        .isEqualTo(
            "error: describe must name a frame as hive.box.frame (e.g. demo.ssb.lineorder), got"
                + " 'a.b'\n");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: ").contains("nothing");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {
          "sql", "load", "status", "describe", "shell", "quickstart", "start", "swarm"
        }) {
      Cli.Result result = cli.run(command, "--help");
      assertThat(result.exitCode()).as("%s --help: %s", command, result).isEqualTo(0);
      assertThat(result.out()).startsWith("Usage: apiary " + command).contains("--storage=URI");
    }
    Cli.Result root = cli.run("--help");
    assertThat(root.exitCode()).isEqualTo(0);
    assertThat(root.out()).startsWith("Usage: apiary").contains("quickstart", "shell", "load");
    Cli.Result version = cli.run("--version");
    assertThat(version.exitCode()).isEqualTo(0);
    assertThat(version.out()).startsWith("apiary 0.1.0");
  }
}
