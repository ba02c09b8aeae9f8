package dev.apiary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {
  @TempDir Path dir;
  Cli cli;
  String storage;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
    storage = dir.resolve("store").toString();
  }

  @Test
  void loadsACsvFileIntoANewPartitionedFrame() throws Exception {
    Path csv = dir.resolve("sales.csv");
    Files.writeString(csv, "id,city,amount\n1,Oslo,2.5\n2,Rome,3.0\n3,Oslo,\n4,Lima,1.25\n");

    Cli.Result load =
        cli.run(
            "load",
            csv.toString(),
            "--into",
            "shop.eu.sales",
            "--create",
            "--partition-by",
            "city",
            "--storage",
            storage);

    assertThat(load.exitCode()).as("%s", load).isEqualTo(0);
    assertThat(load.out())
        .matches("Loaded 4 rows into shop\\.eu\\.sales: 3 cells, .+, version 1, in .+ s\n");
    // Not a terminal: at most a few plain progress lines, never a carriage return.
    assertThat(load.err()).doesNotContain("\r", "error");

    Cli.Result counts =
        cli.run(
            "sql",
            "--storage",
            storage,
            "--format",
            "csv",
            "SELECT city, count(*) AS n, sum(amount) AS total FROM shop.eu.sales"
                + " GROUP BY city ORDER BY city");
    assertThat(counts.exitCode()).as("%s", counts).isEqualTo(0);
    assertThat(counts.out()).isEqualTo("city,n,total\nLima,1,1.25\nOslo,2,2.5\nRome,1,3.0\n");

    Cli.Result describe = cli.run("describe", "shop.eu.sales", "--storage", storage);
    assertThat(describe.exitCode()).as("%s", describe).isEqualTo(0);
    assertThat(describe.out())
        .startsWith("property     | value\n")
        .contains(
            "schema       | {\"id\":\"int64\",\"city\":\"string\",\"amount\":\"float64\"}\n",
            "partition_by | city\n",
            "cells        | 3\n",
            "total_rows   | 4\n",
            "version      | 1\n")
        .endsWith("7 rows\n");
  }

  @Test
  void loadsParquetTwiceAndPrintsJsonSummaries() throws Exception {
    Path parquet = dir.resolve("readings.parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT i AS id, i % 3 AS sensor, i * 0.5 AS temp FROM range(1000) t(i)) TO '"
              + parquet
              + "' (FORMAT parquet)");
    }

    Cli.Result first =
        cli.run(
            "load",
            parquet.toString(),
            "--into",
            "lab.room1.readings",
            "--create",
            "--partition-by",
            "sensor",
            "--format",
            "json",
            "--storage",
            storage);
    Cli.Result second =
        cli.run(
            "load",
            parquet.toString(),
            "--into",
            "lab.room1.readings",
            "--format",
            "json",
            "--storage",
            storage);

    assertThat(first.exitCode()).as("%s", first).isEqualTo(0);
    assertThat(first.out())
        .startsWith("{\"frame\":\"lab.room1.readings\",\"rows\":1000,\"cells\":3,")
        .contains("\"version\":1,");
    assertThat(second.exitCode()).as("%s", second).isEqualTo(0);
    assertThat(second.out())
        .startsWith("{\"frame\":\"lab.room1.readings\",\"rows\":1000,")
        .contains("\"version\":2,");
    Cli.Result count =
        cli.run(
            "sql",
            "--storage",
            storage,
            "SELECT sensor, count(*) AS n FROM lab.room1.readings WHERE sensor = 2 GROUP BY"
                + " sensor");
    assertThat(count.exitCode()).as("%s", count).isEqualTo(0);
    assertThat(count.out()).isEqualTo("sensor | n\n-------+----\n     2 | 666\n1 row\n");
    Cli.Result describe = cli.run("describe", "lab.room1.readings", "--storage", storage);
    assertThat(describe.out()).contains("partition_by | sensor\n", "total_rows   | 2000\n");

    // Two loads left two cells per sensor; compaction makes one of each and changes no answer.
    Cli.Result compact =
        cli.run("compact", "lab.room1.readings", "--format", "csv", "--storage", storage);
    assertThat(compact.exitCode()).as("%s", compact).isEqualTo(0);
    assertThat(compact.out())
        .isEqualTo(
            "frame,cells_before,cells_after,cells_replaced,cells_written,commits,groups_lost\n"
                + "lab.room1.readings,6,3,6,3,3,0\n");
    Cli.Result again =
        cli.run(
            "sql",
            "--storage",
            storage,
            "SELECT sensor, count(*) AS n FROM lab.room1.readings WHERE sensor = 2 GROUP BY"
                + " sensor");
    assertThat(again.out()).isEqualTo(count.out());
  }

  @Test
  void loadRejectsBadTargetsAndMissingFiles() throws Exception {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "x\n1\n");

    Cli.Result twoParts =
        cli.run("load", csv.toString(), "--into", "shop.eu", "--storage", storage);
    Cli.Result noFile =
        cli.run(
            "load", dir.resolve("nope.csv").toString(), "--into", "a.b.c", "--storage", storage);
    Cli.Result noFrame = cli.run("load", csv.toString(), "--into", "a.b.c", "--storage", storage);
    Cli.Result partitionWithoutCreate =
        cli.run(
            "load", csv.toString(), "--into", "a.b.c", "--partition-by", "x", "--storage", storage);
    Cli.Result noInto = cli.run("load", csv.toString(), "--storage", storage);

    assertThat(twoParts.exitCode()).isEqualTo(1);
    assertThat(twoParts.err())
        .isEqualTo(
            "error: --into must name a frame as hive.box.frame (e.g. demo.ssb.lineorder), got"
                + " 'shop.eu'\n");
    assertThat(noFile.exitCode()).isEqualTo(1);
    assertThat(noFile.err()).isEqualTo("error: No such file: " + dir.resolve("nope.csv") + "\n");
    assertThat(noFrame.exitCode()).isEqualTo(1);
    assertThat(noFrame.err()).startsWith("error: Hive 'a' does not exist");
    assertThat(partitionWithoutCreate.exitCode()).isEqualTo(1);
    assertThat(partitionWithoutCreate.err())
        .startsWith("error: --partition-by only applies to a frame that --create makes");
    assertThat(noInto.exitCode()).isEqualTo(1);
    assertThat(noInto.err()).startsWith("error: Missing required option: '--into=HIVE.BOX.FRAME'");
  }
}
