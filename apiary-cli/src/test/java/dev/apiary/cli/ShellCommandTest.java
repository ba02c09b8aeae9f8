package dev.apiary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandTest {
  @TempDir Path dir;
  Cli cli;
  String storage;

  @BeforeEach
  void loadAFrame() throws Exception {
    cli = new Cli(dir);
    storage = dir.resolve("store").toString();
    Path csv = dir.resolve("sales.csv");
    Files.writeString(csv, "id,city,amount\n1,Oslo,2.5\n2,Rome,3.0\n3,Oslo,4.0\n");
    Cli.Result load =
        cli.run(
            "load", csv.toString(), "--into", "shop.eu.sales", "--create", "--storage", storage);
    assertThat(load.exitCode()).as("%s", load).isEqualTo(0);
  }

  @Test
  void pipedStatementsRunInOneSessionWithUseAndMultiLineStatements() {
    String input =
        String.join(
            "\n",
            "-- a comment line",
            "USE shop.eu;",
            "SELECT city, count(*) AS n",
            "  FROM sales",
            "  WHERE amount > 1",
            "  GROUP BY city ORDER BY city;",
            "",
            "SELECT 'a;b' AS s; SELECT 2 AS two;",
            ".exit",
            "SELECT 'never' AS after_exit;");

    Cli.Result result = cli.runWithInput(input, Map.of(), "shell", "--storage", storage);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
    assertThat(result.out())
        .isEqualTo(
            "message\n"
                + "-------------\n"
                + "Using shop.eu\n"
                + "1 row\n"
                + "city | n\n"
                + "-----+--\n"
                + "Oslo | 2\n"
                + "Rome | 1\n"
                + "2 rows\n"
                + "s\n"
                + "---\n"
                + "a;b\n"
                + "1 row\n"
                + "two\n"
                + "---\n"
                + "  2\n"
                + "1 row\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void errorsArePrintedAndTheShellGoesOn() {
    String input =
        String.join(
            "\n",
            "SELECT * FROM shop.eu.nothing;",
            "INSERT INTO shop.eu.sales VALUES (9, 'Lima', 1.0);",
            ".bogus",
            "SELECT count(*) AS n FROM shop.eu.sales;",
            "SELECT 7 AS last_without_semicolon");

    Cli.Result result =
        cli.runWithInput(input, Map.of(), "shell", "--storage", storage, "--format", "csv");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.out()).isEqualTo("n\n3\nlast_without_semicolon\n7\n");
    assertThat(result.err())
        .startsWith(
            "error: Frame 'shop.eu.nothing' does not exist; frames in 'shop.eu': sales\n"
                + "error: INSERT is not supported in SQL")
        .endsWith("error: unknown shell command '.bogus'; type .help\n");
  }

  @Test
  void helpAndTimingCommands() {
    Cli.Result result =
        cli.runWithInput(
            ".help\n.timing\nSELECT 1 AS one;\n.quit\n", Map.of(), "shell", "--storage", storage);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
    assertThat(result.out())
        .startsWith("Enter SQL statements ending with ';'")
        .contains(".exit     leave the shell")
        .endsWith("timing on\none\n---\n  1\n1 row\n");
    assertThat(result.err()).startsWith("timing: parse ");
  }
}
