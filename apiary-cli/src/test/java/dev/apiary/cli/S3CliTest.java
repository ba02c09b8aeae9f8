package dev.apiary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.storage.s3.testing.Faults;
import dev.apiary.storage.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a real process against s3://bucket/prefix?endpoint=... (s3proxy on 127.0.0.1). */
class S3CliTest {
  @TempDir Path dir;

  @Test
  void loadSqlAndDescribeWorkOnS3Storage() throws Exception {
    Cli cli = new Cli(dir);
    try (S3TestServer server = S3TestServer.start()) {
      String storage = server.uri("cli");
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
      assertThat(counts.err()).isEmpty();

      Cli.Result describe = cli.run("describe", "shop.eu.sales", "--storage", storage);
      assertThat(describe.exitCode()).as("%s", describe).isEqualTo(0);
      assertThat(describe.out()).contains("cells        | 3\n", "total_rows   | 4\n");
    }
  }

  @Test
  void aStoreThatIgnoresConditionalWritesIsRefusedUnlessASingleWriterIsDeclared() {
    Cli cli = new Cli(dir);
    try (S3TestServer server = S3TestServer.start(new Faults(5).ignoringConditionalWrites())) {
      String storage = server.uri("ignoring");
      Cli.Result refused = cli.run("sql", "--storage", storage, "SELECT 1 AS one");
      assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
      assertThat(refused.out()).isEmpty();
      assertThat(refused.err())
          .startsWith(
              "error: Storage s3://apiary-test/ignoring (endpoint "
                  + server.endpoint()
                  + ") does not honour create-only writes")
          .contains("set APIARY_SINGLE_WRITER=1");

      Cli.Result single =
          cli.runWithEnvironment(
              Map.of("APIARY_SINGLE_WRITER", "1"),
              "sql",
              "--storage",
              storage,
              "--format",
              "csv",
              "SELECT 1 AS one");
      assertThat(single.exitCode()).as("%s", single).isEqualTo(0);
      assertThat(single.out()).isEqualTo("one\n1\n");
    }
  }
}
