package dev.apiary.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiary.engine.FrameName;
import dev.apiary.table.Column;
import java.util.Optional;
import java.util.function.Function;

/**
 * One place a statement reads a frame, with what pruning may use: the WHERE clause that filters it
 * (absent if it must not be pruned there, e.g. on the null-supplying side of an outer join) and how
 * column references in that clause map to the frame's columns.
 */
public record FrameReference(
    FrameName name, Optional<JsonNode> filter, Function<JsonNode, Optional<Column>> columns) {}
