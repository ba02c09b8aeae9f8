package dev.apiary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.datagen.ResultRows;
import dev.apiary.engine.QueryResult;
import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.s3.testing.Faults;
import dev.apiary.storage.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole node on S3 storage, and the refusal to start on a store without create-only. */
class ApiaryS3Test {
  @TempDir Path dir;

  private Apiary node(String uri, String name) {
    return new Apiary(
        ApiaryConfig.named("s3")
            .withStorage(uri)
            .withNodeDirectory(dir.resolve(name))
            .withResources(2, 1L << 30));
  }

  private static List<List<String>> rows(Apiary node, String sql) {
    try (QueryResult result = node.sql(sql)) {
      return ResultRows.of(result.reader());
    }
  }

  @Test
  void twoNodesShareCatalogFramesAndCellsThroughTheBucket() throws Exception {
    try (S3TestServer server = S3TestServer.start()) {
      String uri = server.uri("shared");
      Apiary a = node(uri, "node-a").start();
      Apiary b = node(uri, "node-b").start();
      try {
        assertThat(a.status().storage()).isEqualTo("s3");
        a.createHive("shared");
        a.createBox("shared", "b");
        Map<String, String> schema = new LinkedHashMap<>();
        schema.put("id", "int64");
        schema.put("city", "string");
        a.createFrame("shared", "b", "t", schema, List.of("city"));
        assertThat(b.listFrames("shared", "b")).containsExactly("t");
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "id,city\n1,ams\n2,ber\n3,ams\n");
        b.load(csv, "shared", "b", "t", Optional.empty(), n -> {});
        assertThat(rows(a, "SELECT city, count(*) FROM shared.b.t GROUP BY city ORDER BY city"))
            .containsExactly(List.of("ams", "2"), List.of("ber", "1"));
        assertThat(a.getFrame("shared", "b", "t").rowCount()).isEqualTo(3);
      } finally {
        a.shutdown();
        b.shutdown();
      }
      try (ObjectStore store = server.newStore("shared")) {
        assertThat(store.list("shared/b/t/"))
            .anyMatch(info -> info.key().startsWith("shared/b/t/city=ams/"))
            .anyMatch(info -> info.key().startsWith("shared/b/t/_delta_log/"));
        assertThat(store.list("_probes/")).isEmpty();
      }
    }
  }

  @Test
  void aNodeRefusesToStartOnAStoreThatIgnoresCreateOnlyWrites() {
    try (S3TestServer server = S3TestServer.start(new Faults(3).ignoringConditionalWrites())) {
      Apiary node = node(server.uri("ignoring"), "node");
      assertThatThrownBy(node::start)
          .isInstanceOf(ApiaryException.class)
          .satisfies(
              e -> assertThat(((ApiaryException) e).category()).isEqualTo(ErrorCategory.USER))
          .hasMessageStartingWith(
              "Storage s3://apiary-test/ignoring (endpoint "
                  + server.endpoint()
                  + ") does not honour create-only writes: a second create of probe key")
          .hasMessageContaining("so this node refuses to start")
          .hasMessageEndingWith("set APIARY_SINGLE_WRITER=1");
      assertThat(node.status().state()).isEqualTo("stopped");
      try (ObjectStore store = server.newStore("ignoring")) {
        assertThat(store.list("")).isEmpty();
      }
    }
  }
}
