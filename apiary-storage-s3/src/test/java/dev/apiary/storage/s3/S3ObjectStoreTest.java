package dev.apiary.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStoreContractTest;
import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.ObjectStores;
import dev.apiary.storage.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The ObjectStore contract against a real S3 server (s3proxy on 127.0.0.1), and S3 specifics. */
class S3ObjectStoreTest extends ObjectStoreContractTest {
  private static S3TestServer server;

  @BeforeAll
  static void startServer() {
    server = S3TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected ObjectStore newStore() {
    return server.newStore("contract-" + UUID.randomUUID());
  }

  @Test
  void keysWithCharactersThatNeedEncodingReadBackThroughEveryPath() {
    // Whole-object GET and HEAD at a custom endpoint are signed and sent without the SDK's
    // pipeline (LeanReads); ranged GETs, lists and writes go through the SDK: both must agree.
    try (S3ObjectStore store = server.newStore("odd-" + UUID.randomUUID())) {
      List<String> keys =
          List.of(
              "frame/day=2024-01-01/part-1.parquet",
              "frame/tag=a b%2Fc/x+y=z.parquet",
              "frame/été/ü~ñ (1).json",
              "frame/_delta_log/00000000000000000001.json",
              "frame/quote'\"star*[brackets]^{}.bin");
      for (String key : keys) {
        store.put(key, bytes("content of " + key));
      }
      for (String key : keys) {
        assertThat(store.get(key)).as(key).contains(bytes("content of " + key));
        assertThat(store.head(key).orElseThrow().size())
            .as(key)
            .isEqualTo(bytes("content of " + key).length);
        assertThat(store.getRange(key, 0, 7)).as(key).isEqualTo(bytes("content"));
        assertThat(store.get(key + ".missing")).as(key).isEmpty();
        assertThat(store.head(key + ".missing")).as(key).isEmpty();
      }
      assertThat(store.list("frame/", "").stream().map(ObjectInfo::key).sorted())
          .containsExactlyElementsOf(keys.stream().sorted().toList());
      assertThat(store.head(keys.get(0)).orElseThrow().lastModified())
          .isAfter(java.time.Instant.now().minus(Duration.ofHours(1)));
    }
  }

  @Test
  void storesUnderTheirPrefixSeeOnlyTheirOwnKeys() {
    try (S3ObjectStore other = server.newStore("other-" + UUID.randomUUID())) {
      store.put("k/a", bytes("mine"));
      other.put("k/b", bytes("theirs"));
      assertThat(keys(store.list("k/"))).containsExactly("k/a");
      assertThat(keys(other.list(""))).containsExactly("k/b");
      assertThat(other.get("k/a")).isEmpty();
    }
  }

  @Test
  void largeFilesAreUploadedInPartsAndReadBackExactly(@TempDir Path files) throws Exception {
    long part = S3Settings.MIN_PART_SIZE;
    Path file = files.resolve("big.parquet");
    byte[] content = new byte[(int) (2 * part + 12345)];
    new Random(11).nextBytes(content);
    Files.write(file, content);
    try (S3ObjectStore multipart =
        server.newStore(
            "multipart-" + UUID.randomUUID(), S3Settings.defaults().withMultipart(part, part))) {
      multipart.putFile("cells/big.parquet", file);
      assertThat(multipart.head("cells/big.parquet").orElseThrow().size())
          .isEqualTo(content.length);
      assertThat(multipart.get("cells/big.parquet").orElseThrow()).isEqualTo(content);
      assertThat(multipart.getRange("cells/big.parquet", part - 3, 6))
          .isEqualTo(java.util.Arrays.copyOfRange(content, (int) part - 3, (int) part + 3));
      assertThat(multipart.localFile("cells/big.parquet")).isEmpty();
    }
  }

  @Test
  void s3UrisOpenThroughTheProviderWithTheDefaultCredentialChain() {
    String prefix = "provider-" + UUID.randomUUID();
    try (ObjectStore opened = ObjectStores.open(server.uri(prefix))) {
      assertThat(opened).isInstanceOf(S3ObjectStore.class);
      assertThat(opened.describe())
          .isEqualTo("s3://apiary-test/" + prefix + " (endpoint " + server.endpoint() + ")");
      opened.put("x", bytes("via uri"));
      try (S3ObjectStore direct = server.newStore(prefix)) {
        assertThat(direct.get("x").orElseThrow()).isEqualTo(bytes("via uri"));
      }
    }
  }

  @Test
  void aMissingBucketIsReportedWithTheFix() {
    try (ObjectStore missing =
        ObjectStores.open("s3://no-such-bucket/p?endpoint=" + server.endpoint())) {
      assertThatThrownBy(() -> missing.put("k", bytes("x")))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith(
              "put 'k' failed in s3://no-such-bucket/p (endpoint "
                  + server.endpoint()
                  + "): HTTP 404 NoSuchBucket")
          .hasMessageEndingWith(
              "(create the bucket first, or fix the bucket name in the storage URI)");
    }
  }

  @Test
  void anUnreachableEndpointIsReportedWithTheFix() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    S3Location nowhere =
        S3Location.parse("apiary-test/p?endpoint=http://127.0.0.1:" + closedPort, Map.of());
    try (S3ObjectStore store =
        S3ObjectStore.open(
            nowhere,
            S3Settings.defaults().withAttempts(2, Duration.ofMillis(1), Duration.ofMillis(2)),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))) {
      assertThatThrownBy(() -> store.putIfAbsent("k", bytes("x")))
          .isInstanceOf(ObjectStoreException.class)
          .isNotInstanceOf(dev.apiary.storage.OutcomeUnknownException.class)
          .hasMessageStartingWith(
              "putIfAbsent 'k' failed in " + nowhere.describe() + " after 2 attempts:")
          .hasMessageEndingWith(
              "(check the endpoint in the storage URI or AWS_ENDPOINT_URL, and that the server is"
                  + " running)");
      // Whole-object reads take the lean path (LeanReads): retried and reported the same way.
      for (Runnable read : List.<Runnable>of(() -> store.get("k"), () -> store.head("k"))) {
        assertThatThrownBy(read::run)
            .isInstanceOf(ObjectStoreException.class)
            .hasMessageContaining("failed in " + nowhere.describe() + " after 2 attempts:")
            .hasMessageEndingWith(
                "(check the endpoint in the storage URI or AWS_ENDPOINT_URL, and that the server"
                    + " is running)");
      }
    }
  }

  @Test
  void missingCredentialsAreReportedAtOpenWithTheFix() {
    S3Location location = server.location("creds");
    assertThatThrownBy(
            () ->
                S3ObjectStore.open(
                    location,
                    S3Settings.defaults(),
                    () -> {
                      throw software.amazon.awssdk.core.exception.SdkClientException.create(
                          "Unable to load credentials from any of the providers in the chain");
                    }))
        .isInstanceOf(dev.apiary.error.InvalidInputException.class)
        .hasMessage(
            "No AWS credentials for "
                + location.describe()
                + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for"
                + " temporary credentials), or AWS_PROFILE for a profile in ~/.aws/credentials");
  }

  @Test
  void wrongCredentialsAreReportedWithTheFix() {
    S3Location location = server.location("creds");
    try (S3ObjectStore wrong =
        S3ObjectStore.open(
            location,
            S3Settings.defaults(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "wrong")))) {
      assertThatThrownBy(() -> wrong.get("k"))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith("get 'k' failed in " + location.describe() + ": HTTP 403")
          .hasMessageEndingWith(
              "(check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the AWS profile, and that they"
                  + " may read and write this bucket)");
    }
  }
}
