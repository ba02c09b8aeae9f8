package dev.apiary.runtime.bees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.engine.TaskBudgets;
import org.junit.jupiter.api.Test;

class LeafcutterTest {
  private static final long MIB = 1L << 20;

  @Test
  void aTaskGetsOneBeePerEightMebibytesOfInputBetweenOneAndThePool() {
    Leafcutter sizing = Leafcutter.forNode(128 * MIB, 4);
    assertThat(sizing.bees(0, 4)).isEqualTo(1);
    assertThat(sizing.bees(8 * MIB, 4)).isEqualTo(1);
    assertThat(sizing.bees(8 * MIB + 1, 4)).isEqualTo(2);
    assertThat(sizing.bees(24 * MIB, 4)).isEqualTo(3);
    assertThat(sizing.bees(10_000 * MIB, 4)).isEqualTo(4);
    // Input sizing does not depend on what is idle: the task waits for its bees.
    assertThat(sizing.bees(10_000 * MIB, 0)).isEqualTo(4);
  }

  @Test
  void aTaskOfUnknownSizeTakesTheIdleBeesAndAtLeastOne() {
    Leafcutter sizing = Leafcutter.forNode(128 * MIB, 4);
    assertThat(sizing.bees(TaskBudgets.UNKNOWN_SIZE, 4)).isEqualTo(4);
    assertThat(sizing.bees(TaskBudgets.UNKNOWN_SIZE, 3)).isEqualTo(3);
    assertThat(sizing.bees(TaskBudgets.UNKNOWN_SIZE, 0)).isEqualTo(1);
  }

  @Test
  void smallCellsMakeSmallerShares() {
    assertThat(Leafcutter.forNode(4 * MIB, 2).bytesPerBee()).isEqualTo(4 * MIB);
    assertThatThrownBy(() -> new Leafcutter(0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid leafcutter sizing: 0 bytes per bee, 2 bees");
  }
}
