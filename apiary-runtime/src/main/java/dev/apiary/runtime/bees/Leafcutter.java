package dev.apiary.runtime.bees;

import dev.apiary.engine.TaskBudgets;

/**
 * Leafcutter sizing: how many bees a task gets from the bytes it reads. One bee per {@code
 * bytesPerBee} of input, at least one, at most the pool. A task of unknown size (a stream being
 * written) takes the bees that are idle when it starts, at least one: alone on a node it gets every
 * core, on a busy node it does not wait for more than one bee.
 *
 * @param bytesPerBee input one bee works through
 * @param poolSize bees in the node
 */
public record Leafcutter(long bytesPerBee, int poolSize) {
  /**
   * Compressed input per bee for a node: 8 MiB, a few of DuckDB's Parquet row groups (its unit of
   * parallel scanning), so any query over more than a tiny frame uses several threads; at most the
   * target cell size.
   */
  public static final long NODE_BYTES_PER_BEE = 8L << 20;

  public Leafcutter {
    if (bytesPerBee < 1 || poolSize < 1) {
      throw new IllegalArgumentException(
          "Invalid leafcutter sizing: " + bytesPerBee + " bytes per bee, " + poolSize + " bees");
    }
  }

  /** Sizing for a node: {@link #NODE_BYTES_PER_BEE} per bee, at most a target cell. */
  public static Leafcutter forNode(long targetCellBytes, int bees) {
    return new Leafcutter(Math.min(targetCellBytes, NODE_BYTES_PER_BEE), bees);
  }

  /**
   * Bees for a task reading {@code inputBytes} ({@link TaskBudgets#UNKNOWN_SIZE} if unknown) when
   * {@code idleBees} are idle.
   */
  public int bees(long inputBytes, int idleBees) {
    if (inputBytes < 0) {
      return Math.max(1, Math.min(poolSize, idleBees));
    }
    long wanted = (inputBytes + bytesPerBee - 1) / bytesPerBee;
    return (int) Math.max(1, Math.min(poolSize, wanted));
  }
}
