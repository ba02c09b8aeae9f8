package dev.apiary.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.ApiaryException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WorkGateTest {
  final WorkGate gate = new WorkGate();

  @Test
  void countsRunningWorkAndRefusesNewWorkOnceDraining() {
    WorkGate.Ticket a = gate.enter("a");
    WorkGate.Ticket b = gate.enter("b");
    assertThat(gate.running()).isEqualTo(2);
    a.close();
    a.close();
    assertThat(gate.running()).isEqualTo(1);
    assertThat(gate.drain(Duration.ZERO)).isEqualTo(1);
    assertThatThrownBy(() -> gate.enter("the statement"))
        .isInstanceOf(ApiaryException.class)
        .hasMessage(
            "The node is shutting down; the statement was not started. Run it on a running node");
    b.close();
    assertThat(gate.running()).isZero();
  }

  @Test
  void drainWaitsForRunningWorkToFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              WorkGate.Ticket ticket = gate.enter("work");
              try {
                started.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                ticket.close();
              }
            },
            "test-worker");
    worker.start();
    started.await();
    CompletableFuture<Integer> drained =
        CompletableFuture.supplyAsync(() -> gate.drain(Duration.ofMinutes(5)));
    assertThat(gate.running()).isEqualTo(1);
    release.countDown();
    assertThat(drained.get()).isZero();
    worker.join();
  }
}
