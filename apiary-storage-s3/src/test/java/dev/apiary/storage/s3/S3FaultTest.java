package dev.apiary.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.ApiaryException;
import dev.apiary.storage.CreateOnlyProbe;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.OutcomeUnknownException;
import dev.apiary.storage.s3.testing.Faults;
import dev.apiary.storage.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 stores that misbehave: failing requests, slow requests, responses lost after the write took
 * effect, and a store that ignores conditional writes. Nothing committed is lost, no false success
 * or false loss is reported, and errors say what happened.
 */
class S3FaultTest {
  private static final S3Settings FAST_RETRIES =
      S3Settings.defaults().withAttempts(8, Duration.ofMillis(2), Duration.ofMillis(50));

  private final List<S3TestServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(S3TestServer::close);
  }

  private S3TestServer server(Faults faults) {
    S3TestServer server = S3TestServer.start(faults);
    servers.add(server);
    return server;
  }

  private static byte[] content(int writer, int key) {
    return ("writer " + writer + " key " + key + " " + UUID.randomUUID()).getBytes(UTF_8);
  }

  /**
   * Writers (each with its own client, like separate nodes) race create-only writes on shared keys
   * and report what they were told; the store is then checked against every report.
   */
  private void raceAndCheck(S3TestServer server, S3Settings settings, int writers, int keys)
      throws Exception {
    String prefix = "race-" + UUID.randomUUID();
    Map<String, byte[]> claimedWins = new ConcurrentHashMap<>();
    List<String> problems = new CopyOnWriteArrayList<>();
    Map<String, List<byte[]>> written = new ConcurrentHashMap<>();
    AtomicInteger unknown = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<S3ObjectStore> stores = new ArrayList<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        S3ObjectStore store = server.newStore(prefix, settings);
        stores.add(store);
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int k = 0; k < keys; k++) {
                    String key = "_delta_log/" + String.format("%020d.json", k);
                    byte[] mine = content(writer, k);
                    written.computeIfAbsent(key, x -> new CopyOnWriteArrayList<>()).add(mine);
                    try {
                      if (store.putIfAbsent(key, mine)
                          && claimedWins.putIfAbsent(key, mine) != null) {
                        problems.add(key + " claimed by two writers");
                      }
                    } catch (OutcomeUnknownException e) {
                      unknown.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(180, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    server.faults().none();
    try (S3ObjectStore checker = server.newStore(prefix)) {
      for (int k = 0; k < keys; k++) {
        String key = "_delta_log/" + String.format("%020d.json", k);
        Optional<byte[]> stored = checker.get(key);
        assertThat(stored).as("object %s", key).isPresent();
        byte[] claimed = claimedWins.get(key);
        if (claimed != null) {
          assertThat(stored.get())
              .as("the reported winner's content of %s", key)
              .isEqualTo(claimed);
        } else {
          assertThat(unknown.get())
              .as("a key nobody won must have an unknown outcome")
              .isPositive();
        }
        assertThat(written.get(key)).anyMatch(c -> java.util.Arrays.equals(c, stored.get()));
      }
    } finally {
      stores.forEach(S3ObjectStore::close);
    }
    assertThat(problems).isEmpty();
    assertThat(claimedWins).hasSize(keys);
  }

  @Test
  void tenPercentOfRequestsFailingLosesNothingAndReportsNoFalseOutcome() throws Exception {
    S3TestServer server = server(new Faults(42).failing(0.10));
    raceAndCheck(server, FAST_RETRIES, 4, 60);
  }

  @Test
  void writesWhoseResponseIsLostAreStillReportedAsWon() throws Exception {
    S3TestServer server = server(new Faults(7).hangingAfterWrites(0.3, Duration.ofMillis(1500)));
    S3Settings settings = FAST_RETRIES.withAttemptTimeout(Duration.ofMillis(500));
    try (S3ObjectStore store = server.newStore("lost-" + UUID.randomUUID(), settings)) {
      for (int k = 0; k < 12; k++) {
        byte[] mine = content(0, k);
        assertThat(store.putIfAbsent("commits/" + k, mine)).as("create of key %s", k).isTrue();
        assertThat(store.putIfAbsent("commits/" + k, content(1, k))).isFalse();
        server.faults().none();
        assertThat(store.get("commits/" + k).orElseThrow()).isEqualTo(mine);
        server.faults().hangingAfterWrites(0.3, Duration.ofMillis(1500));
      }
    }
  }

  @Test
  void slowRequestsAndLostResponsesDuringARaceStillGiveOneWinnerPerKey() throws Exception {
    S3TestServer server =
        server(
            new Faults(9)
                .delaying(Duration.ofMillis(20))
                .hangingAfterWrites(0.1, Duration.ofMillis(1200)));
    raceAndCheck(server, FAST_RETRIES.withAttemptTimeout(Duration.ofMillis(600)), 3, 20);
  }

  @Test
  void aMultipartUploadWhoseCompletionResponseIsLostIsStillASuccess(@TempDir Path files)
      throws Exception {
    S3TestServer server = server(new Faults(4));
    long part = S3Settings.MIN_PART_SIZE;
    Path file = files.resolve("cell.parquet");
    byte[] content = new byte[(int) (part + 4321)];
    new Random(5).nextBytes(content);
    Files.write(file, content);
    S3Settings settings =
        FAST_RETRIES.withAttemptTimeout(Duration.ofMillis(800)).withMultipart(part, part);
    try (S3ObjectStore store = server.newStore("mpu-" + UUID.randomUUID(), settings)) {
      server.faults().hangingAfterCompletes(1, Duration.ofMillis(2000));
      store.putFile("cells/cell.parquet", file);
      server.faults().none();
      assertThat(store.get("cells/cell.parquet").orElseThrow()).isEqualTo(content);
    }
  }

  @Test
  void aMultipartUploadFailingOnEveryRequestIsReportedAndAborted(@TempDir Path files)
      throws Exception {
    S3TestServer server = server(new Faults(6));
    long part = S3Settings.MIN_PART_SIZE;
    Path file = files.resolve("cell.parquet");
    Files.write(file, new byte[(int) (part + 1)]);
    S3Settings settings =
        S3Settings.defaults()
            .withAttempts(2, Duration.ofMillis(1), Duration.ofMillis(2))
            .withMultipart(part, part);
    try (S3ObjectStore store = server.newStore("mpu-fail", settings)) {
      server.faults().failing(1.0);
      assertThatThrownBy(() -> store.putFile("cells/cell.parquet", file))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith("putFile (")
          .hasMessageContaining(
              "'cells/cell.parquet' failed in "
                  + store.describe()
                  + " after 2 attempts: HTTP 500 InternalError");
      server.faults().none();
      assertThat(store.head("cells/cell.parquet")).isEmpty();
    }
  }

  @Test
  void aStoreThatFailsEveryRequestSaysSoAfterItsRetries() {
    S3TestServer server = server(new Faults(1).failing(1.0));
    S3Settings three =
        S3Settings.defaults().withAttempts(3, Duration.ofMillis(1), Duration.ofMillis(2));
    try (S3ObjectStore store = server.newStore("down", three)) {
      assertThatThrownBy(() -> store.put("k", new byte[] {1}))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith(
              "put 'k' failed in " + store.describe() + " after 3 attempts: HTTP 500");
      assertThatThrownBy(() -> store.putIfAbsent("fresh", new byte[] {1}))
          .isInstanceOf(OutcomeUnknownException.class)
          .hasMessageStartingWith(
              "putIfAbsent 'fresh' in " + store.describe() + " has an unknown outcome after")
          .hasMessageContaining("reading it back failed too: get 'fresh' failed")
          .hasMessageEndingWith("read the key back before deciding whether this write won");
    }
  }

  @Test
  void aStoreThatIgnoresConditionalWritesIsCaughtByTheProbe() {
    S3TestServer server = server(new Faults(1).ignoringConditionalWrites());
    try (S3ObjectStore store = server.newStore("ignoring-" + UUID.randomUUID())) {
      assertThat(store.putIfAbsent("k", new byte[] {1})).isTrue();
      assertThat(store.putIfAbsent("k", new byte[] {2})).as("the store lies").isTrue();
      assertThatThrownBy(() -> CreateOnlyProbe.requireForMultipleWriters(store, Map.of()))
          .isInstanceOf(ApiaryException.class)
          .hasMessageStartingWith(
              "Storage "
                  + store.describe()
                  + " does not honour create-only writes: a second create of probe key")
          .hasMessageContaining("set APIARY_SINGLE_WRITER=1");
      assertThat(store.list("_probes/")).isEmpty();
    }
    try (S3ObjectStore honest = server(new Faults(2)).newStore("honest")) {
      assertThat(CreateOnlyProbe.violation(honest)).isEmpty();
    }
  }
}
