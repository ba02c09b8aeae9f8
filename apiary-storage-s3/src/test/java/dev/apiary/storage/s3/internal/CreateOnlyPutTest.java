package dev.apiary.storage.s3.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.storage.ObjectStoreException;
import dev.apiary.storage.OutcomeUnknownException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The decision table of create-only writes, with scripted answers instead of a server. */
class CreateOnlyPutTest {
  private static final byte[] MINE = "mine".getBytes(UTF_8);
  private static final byte[] THEIRS = "theirs".getBytes(UTF_8);

  private final List<Duration> sleeps = new ArrayList<>();
  private int readBacks;

  private static RuntimeException status(int status, String code) {
    return S3Exception.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
        .build();
  }

  private static RuntimeException network() {
    return SdkClientException.create("Connection reset");
  }

  /** Runs a create-only write whose attempts fail with {@code answers} in turn, then succeed. */
  private boolean run(Optional<byte[]> stored, RuntimeException... answers) {
    Deque<RuntimeException> script = new ArrayDeque<>(List.of(answers));
    Backoff backoff =
        new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), new Random(3), sleeps::add);
    CreateOnlyPut put = new CreateOnlyPut(new Retrying(4, backoff, "s3://b/p"));
    return put.run(
        "k",
        MINE,
        () -> {
          if (!script.isEmpty()) {
            throw script.removeFirst();
          }
        },
        () -> {
          readBacks++;
          return stored;
        });
  }

  @Test
  void successIsAWin() {
    assertThat(run(Optional.empty())).isTrue();
    assertThat(readBacks).isZero();
  }

  @Test
  void aFirst412IsALossWithoutReadingBack() {
    assertThat(run(Optional.of(MINE), status(412, "PreconditionFailed"))).isFalse();
    assertThat(readBacks).isZero();
  }

  @Test
  void a409IsRetriedAndIsNotAmbiguous() {
    assertThat(run(Optional.of(THEIRS), status(409, "ConditionalRequestConflict"))).isTrue();
    assertThat(run(Optional.of(MINE), status(409, "x"), status(412, "PreconditionFailed")))
        .isFalse();
    assertThat(readBacks).isZero();
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void a412AfterANetworkErrorIsResolvedByReadingBack() {
    assertThat(run(Optional.of(MINE), network(), status(412, "PreconditionFailed"))).isTrue();
    assertThat(run(Optional.of(THEIRS), network(), status(412, "PreconditionFailed"))).isFalse();
    assertThat(readBacks).isEqualTo(2);
  }

  @Test
  void a412AfterAServerErrorIsResolvedByReadingBack() {
    assertThat(run(Optional.of(MINE), status(500, "InternalError"), status(412, "x"))).isTrue();
    assertThat(run(Optional.of(THEIRS), status(503, "ServiceUnavailable"), status(412, "x")))
        .isFalse();
  }

  @Test
  void ambiguousAttemptsUntilTheEndAreResolvedByReadingBack() {
    assertThat(run(Optional.of(MINE), network(), network(), network(), network())).isTrue();
    assertThat(run(Optional.of(THEIRS), network(), network(), network(), network())).isFalse();
  }

  @Test
  void anAbsentKeyAfterAmbiguousAttemptsIsAnUnknownOutcome() {
    assertThatThrownBy(() -> run(Optional.empty(), network(), network(), network(), network()))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessage(
            "putIfAbsent 'k' in s3://b/p has an unknown outcome after 4 attempts"
                + " (SdkClientException: Connection reset); the key is still absent, but a delayed"
                + " attempt may land; read the key back before deciding whether this write won");
  }

  @Test
  void aFailingReadBackIsAnUnknownOutcome() {
    Backoff backoff = new Backoff(Duration.ZERO, Duration.ZERO, new Random(3), sleeps::add);
    CreateOnlyPut put = new CreateOnlyPut(new Retrying(2, backoff, "s3://b/p"));
    assertThatThrownBy(
            () ->
                put.run(
                    "k",
                    MINE,
                    () -> {
                      throw network();
                    },
                    () -> {
                      throw new ObjectStoreException("get 'k' failed in s3://b/p: down");
                    }))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("reading it back failed too: get 'k' failed in s3://b/p: down");
  }

  @Test
  void anUnreachableEndpointIsAPlainFailureWithTheFix() {
    RuntimeException refused =
        SdkClientException.create(
            "Unable to execute HTTP request", new java.net.ConnectException("Connection refused"));
    assertThatThrownBy(() -> run(Optional.empty(), refused, refused, refused, refused))
        .isInstanceOf(ObjectStoreException.class)
        .isNotInstanceOf(OutcomeUnknownException.class)
        .hasMessage(
            "putIfAbsent 'k' failed in s3://b/p after 4 attempts: SdkClientException: Unable to"
                + " execute HTTP request (check the endpoint in the storage URI or"
                + " AWS_ENDPOINT_URL, and that the server is running)");
    assertThat(readBacks).isZero();
    assertThat(run(Optional.of(THEIRS), refused, status(412, "PreconditionFailed"))).isFalse();
    assertThat(readBacks).isZero();
  }

  @Test
  void onlyConflictsUntilTheEndAreAPlainFailure() {
    RuntimeException conflict = status(409, "ConditionalRequestConflict");
    assertThatThrownBy(() -> run(Optional.empty(), conflict, conflict, conflict, conflict))
        .isInstanceOf(ObjectStoreException.class)
        .isNotInstanceOf(OutcomeUnknownException.class)
        .hasMessage(
            "putIfAbsent 'k' failed in s3://b/p after 4 attempts: HTTP 409"
                + " ConditionalRequestConflict: ConditionalRequestConflict");
    assertThat(readBacks).isZero();
  }

  @Test
  void aForbiddenWriteFailsAtOnceWithTheFix() {
    assertThatThrownBy(() -> run(Optional.empty(), status(403, "AccessDenied")))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage(
            "putIfAbsent 'k' failed in s3://b/p: HTTP 403 AccessDenied: AccessDenied (check"
                + " AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the AWS profile, and that they may"
                + " read and write this bucket)");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retriesBackOffExponentiallyWithJitterUpToTheCap() {
    Backoff backoff =
        new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), new Random(3), sleeps::add);
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(20));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(80));
    assertThat(backoff.ceiling(40)).isEqualTo(Duration.ofMillis(80));
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      delays.add(backoff.delay(3).toMillis());
    }
    assertThat(delays).allMatch(d -> d >= 0 && d <= 40);
    assertThat(delays.stream().distinct().count()).isGreaterThan(10);
  }

  @Test
  void anInterruptAfterAnAmbiguousAttemptIsAnUnknownOutcomeNotAFailure() {
    Backoff interrupted =
        new Backoff(
            Duration.ofMillis(10),
            Duration.ofMillis(80),
            new Random(3),
            d -> {
              throw new InterruptedException("shutting down");
            });
    CreateOnlyPut put = new CreateOnlyPut(new Retrying(4, interrupted, "s3://b/p"));
    try {
      assertThatThrownBy(
              () ->
                  put.run(
                      "k",
                      MINE,
                      () -> {
                        throw network();
                      },
                      Optional::empty))
          .isInstanceOf(OutcomeUnknownException.class)
          .hasMessageContaining("interrupted before it could be checked");
    } finally {
      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    }
  }
}
