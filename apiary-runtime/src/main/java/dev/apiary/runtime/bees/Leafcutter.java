package dev.apiary.runtime.bees;

import dev.apiary.engine.TaskBudgets;

/**
 * Leafcutter sizing: how many bees a task gets from the bytes it reads. One bee per {@code
 * bytesPerBee} of input, at least one, at most the pool; a task of unknown size (a stream being
 * written) gets {@code unknownSizeBees}.
 *
 * @param bytesPerBee input one bee works through (the node's target cell size: a bee per cell)
 * @param poolSize bees in the node
 * @param unknownSizeBees bees for a task whose input size is not known in advance
 */
public record Leafcutter(long bytesPerBee, int poolSize, int unknownSizeBees) {
  public Leafcutter {
    if (bytesPerBee < 1 || poolSize < 1 || unknownSizeBees < 1 || unknownSizeBees > poolSize) {
      throw new IllegalArgumentException(
          "Invalid leafcutter sizing: "
              + bytesPerBee
              + " bytes per bee, "
              + poolSize
              + " bees, "
              + unknownSizeBees
              + " for unknown sizes");
    }
  }

  /**
   * Sizing for a node: a bee per target cell, and half the bees (rounded up) for a write of unknown
   * size, so a large write cannot hold every bee while queries wait.
   */
  public static Leafcutter forNode(long targetCellBytes, int bees) {
    return new Leafcutter(targetCellBytes, bees, Math.max(1, (bees + 1) / 2));
  }

  /** Bees for a task reading {@code inputBytes} ({@link TaskBudgets#UNKNOWN_SIZE} if unknown). */
  public int bees(long inputBytes) {
    if (inputBytes < 0) {
      return unknownSizeBees;
    }
    long wanted = (inputBytes + bytesPerBee - 1) / bytesPerBee;
    return (int) Math.max(1, Math.min(poolSize, wanted));
  }
}
