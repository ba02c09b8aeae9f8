package dev.apiary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineMessagesTest {
  @Test
  void javaStackTracesAreCutFromEngineMessages() {
    String message =
        "Invalid Input Error: arrow stream failed: java.lang.IllegalStateException: boom\n"
            + "\tat dev.apiary.Some.method(Some.java:10)\n"
            + "\tat dev.apiary.Other.call(Other.java:20)\n";
    assertThat(DuckDbChamber.withoutStackTrace(message))
        .isEqualTo(
            "Invalid Input Error: arrow stream failed: java.lang.IllegalStateException: boom");
    assertThat(DuckDbChamber.withoutStackTrace("Binder Error: x\n\nCandidate bindings: \"y\""))
        .isEqualTo("Binder Error: x\n\nCandidate bindings: \"y\"");
  }
}
