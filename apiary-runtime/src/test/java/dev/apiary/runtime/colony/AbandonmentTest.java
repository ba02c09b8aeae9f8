package dev.apiary.runtime.colony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.NotFoundException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AbandonmentTest {
  private final Abandonment abandonment = new Abandonment("n-1");

  @Test
  void passingFailureIsTriedAgainAndCounted() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        abandonment.run(
            "scan",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new ApiaryException(ErrorCategory.EXTERNAL, "storage timed out " + calls);
              }
              return "rows";
            });
    assertThat(result).isEqualTo("rows");
    assertThat(calls.get()).isEqualTo(3);
    assertThat(abandonment.abandonedTasks()).isEqualTo(2);
  }

  @Test
  void afterThreeTrialsTheTaskFailsWithEveryAttemptListed() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                abandonment.run(
                    "scan lineorder",
                    () -> {
                      throw new ApiaryException(
                          ErrorCategory.EXTERNAL, "GET failed #" + calls.incrementAndGet());
                    }))
        .isInstanceOf(ApiaryException.class)
        .hasMessage(
            "Task scan lineorder failed 3 times: attempt 1 on node n-1: GET failed #1; attempt 2"
                + " on node n-1: GET failed #2; attempt 3 on node n-1: GET failed #3")
        .satisfies(
            e -> assertThat(((ApiaryException) e).category()).isEqualTo(ErrorCategory.EXTERNAL));
    assertThat(abandonment.abandonedTasks()).isEqualTo(3);
  }

  @Test
  void failuresThatWouldRepeatAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                abandonment.run(
                    "q",
                    () -> {
                      calls.incrementAndGet();
                      throw new NotFoundException("Frame a.b.c does not exist");
                    }))
        .isInstanceOf(NotFoundException.class);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(abandonment.abandonedTasks()).isZero();
  }
}
