package dev.apiary.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiary.engine.FrameName;
import dev.apiary.table.Column;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One place a statement reads a frame, with what pruning may use: the WHERE clause that filters it
 * (absent if it must not be pruned there, e.g. on the null-supplying side of an outer join), how
 * column references in that clause map to the frame's columns, and an optional time travel clause
 * ({@code AT (VERSION => n)}) with the place of the reference in the statement text.
 */
public record FrameReference(
    FrameName name,
    Optional<JsonNode> filter,
    Function<JsonNode, Optional<Column>> columns,
    Optional<TimeTravel> travel) {

  /**
   * A time travel clause.
   *
   * @param version the version asked for, or empty when a timestamp was
   * @param offset byte offset of the whole table reference (name, alias, clause) in the UTF-8 text
   * @param length its length in bytes
   * @param alias the name the statement knows the reference by (its alias, or the frame name)
   */
  public record TimeTravel(
      Optional<Long> version, Optional<Instant> timestamp, int offset, int length, String alias) {}
}
