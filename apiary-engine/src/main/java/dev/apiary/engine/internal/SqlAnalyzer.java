package dev.apiary.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiary.engine.FrameName;
import dev.apiary.engine.SqlSession;
import dev.apiary.error.InvalidInputException;
import dev.apiary.table.Column;
import dev.apiary.table.FrameSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the frames a SELECT statement reads in DuckDB's own syntax tree ({@code
 * json_serialize_sql}), so that what Apiary analyses is exactly what the engine executes. Names
 * resolve like the engine resolves them after {@code USE hive.box}: {@code hive.box.frame}, {@code
 * box.frame} in the current hive, {@code frame} in the current box. CTE names are not frames.
 */
public final class SqlAnalyzer {
  private static final Set<String> ENGINE_SCHEMAS = Set.of("information_schema", "pg_catalog");

  private final SqlSession session;
  private final Function<FrameName, Optional<FrameSchema>> schemas;
  private final Set<String> cteNames = new HashSet<>();
  private final Set<JsonNode> handled = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<FrameReference> references = new ArrayList<>();

  private SqlAnalyzer(SqlSession session, Function<FrameName, Optional<FrameSchema>> schemas) {
    this.session = session;
    this.schemas = schemas;
  }

  /**
   * @param statement one entry of {@code statements} from {@code json_serialize_sql}
   * @param schemas the schema of a frame, or empty if there is no such frame; called once per cell
   *     and reference during pruning, so it must be cheap (memoised by the caller)
   */
  public static List<FrameReference> analyze(
      JsonNode statement, SqlSession session, Function<FrameName, Optional<FrameSchema>> schemas) {
    SqlAnalyzer analyzer = new SqlAnalyzer(session, schemas);
    analyzer.collectCteNames(statement);
    analyzer.walk(statement);
    return analyzer.references;
  }

  /**
   * The frames a statement reads at their latest version (no time travel), from its syntax tree
   * alone: no catalog is needed, so their logs can be probed while the catalog is read.
   *
   * @throws InvalidInputException as {@link #analyze} does for the same statement
   */
  public static List<FrameName> latestFrames(JsonNode statement, SqlSession session) {
    Set<FrameName> names = new LinkedHashSet<>();
    for (FrameReference reference : analyze(statement, session, name -> Optional.empty())) {
      if (reference.travel().isEmpty()) {
        names.add(reference.name());
      }
    }
    return List.copyOf(names);
  }

  private void collectCteNames(JsonNode node) {
    if (node.isObject()) {
      JsonNode map = node.path("cte_map").path("map");
      for (JsonNode entry : map) {
        cteNames.add(entry.path("key").asText().toLowerCase(Locale.ROOT));
      }
    }
    for (JsonNode child : node) {
      collectCteNames(child);
    }
  }

  private void walk(JsonNode node) {
    if (node.isObject()) {
      String type = node.path("type").asText();
      if (type.equals("SELECT_NODE")) {
        selectNode(node);
      } else if (type.equals("BASE_TABLE") && !handled.contains(node)) {
        // A table reference outside a FROM we understand: read it, but never prune it.
        baseTable(node).ifPresent(name -> references.add(unprunable(name, node)));
        handled.add(node);
      }
    }
    for (JsonNode child : node) {
      walk(child);
    }
  }

  /** A FROM item of a select node: a frame (with its alias) or something opaque. */
  private record FromItem(
      JsonNode node, Optional<FrameName> frame, String alias, boolean preserved) {}

  private void selectNode(JsonNode node) {
    List<FromItem> items = new ArrayList<>();
    fromItems(node.path("from_table"), true, items);
    JsonNode where = node.get("where_clause");
    for (FromItem item : items) {
      if (item.frame().isEmpty()) {
        continue;
      }
      handled.add(item.node());
      FrameName name = item.frame().get();
      Optional<FrameSchema> schema = schemas.apply(name);
      if (where == null || where.isNull() || !item.preserved() || schema.isEmpty()) {
        references.add(unprunable(name, item.node()));
        continue;
      }
      references.add(
          new FrameReference(
              name,
              Optional.of(where),
              columnResolver(item, items, schema.get()),
              travel(item.node())));
    }
  }

  /**
   * Flattens the FROM tree. {@code preserved} is false for items on the null-supplying side of an
   * outer join: pruning them could turn matched rows into null-extended ones that pass the WHERE.
   */
  private void fromItems(JsonNode from, boolean preserved, List<FromItem> items) {
    if (from == null || from.isNull() || from.isMissingNode()) {
      return;
    }
    String type = from.path("type").asText();
    if (type.equals("BASE_TABLE")) {
      String alias = from.path("alias").asText("");
      Optional<FrameName> frame = baseTable(from);
      items.add(
          new FromItem(
              from, frame, alias.isEmpty() ? from.path("table_name").asText() : alias, preserved));
      if (frame.isEmpty()) {
        handled.add(from);
      }
    } else if (type.equals("JOIN")) {
      String join = from.path("join_type").asText("INNER");
      String reference = from.path("ref_type").asText("");
      if (reference.equals("POSITIONAL") || reference.equals("ASOF")) {
        // Which rows pair up depends on every row of both sides: never prune either.
        fromItems(from.get("left"), false, items);
        fromItems(from.get("right"), false, items);
        return;
      }
      boolean leftPreserved =
          preserved
              && (join.equals("INNER")
                  || join.equals("LEFT")
                  || join.equals("SEMI")
                  || join.equals("ANTI"));
      boolean rightPreserved = preserved && (join.equals("INNER") || join.equals("RIGHT"));
      fromItems(from.get("left"), leftPreserved, items);
      fromItems(from.get("right"), rightPreserved, items);
    } else if (!type.equals("EMPTY")) {
      items.add(new FromItem(from, Optional.empty(), from.path("alias").asText(""), preserved));
    }
  }

  private Function<JsonNode, Optional<Column>> columnResolver(
      FromItem item, List<FromItem> items, FrameSchema schema) {
    return columnRef -> {
      JsonNode names = columnRef.path("column_names");
      if (names.size() == 2) {
        return names.get(0).asText().equalsIgnoreCase(item.alias())
            ? schema.column(names.get(1).asText())
            : Optional.empty();
      }
      if (names.size() != 1) {
        return Optional.empty();
      }
      String column = names.get(0).asText();
      Optional<Column> own = schema.column(column);
      if (own.isEmpty()) {
        return Optional.empty();
      }
      for (FromItem other : items) {
        if (other == item) {
          continue;
        }
        // Another FROM item could own an unqualified name unless it is a frame without it.
        Optional<FrameSchema> otherSchema = other.frame().flatMap(schemas);
        if (otherSchema.isEmpty() || otherSchema.get().column(column).isPresent()) {
          return Optional.empty();
        }
      }
      return own;
    };
  }

  private static FrameReference unprunable(FrameName name, JsonNode node) {
    return new FrameReference(name, Optional.empty(), ref -> Optional.empty(), travel(node));
  }

  /** The {@code AT (VERSION => n | TIMESTAMP => t)} clause of a table reference, if any. */
  private static Optional<FrameReference.TimeTravel> travel(JsonNode node) {
    JsonNode at = node.get("at_clause");
    if (at == null || at.isNull()) {
      return Optional.empty();
    }
    String unit = at.path("unit").asText().toUpperCase(Locale.ROOT);
    JsonNode expression = at.path("expr");
    if (expression.path("type").asText().equals("OPERATOR_CAST")) {
      expression = expression.path("child");
    }
    String text = expression.path("literal").path("text").asText(null);
    String alias = node.path("alias").asText("");
    FrameReference.TimeTravel travel;
    try {
      int offset = node.path("query_location").asInt();
      int length = node.path("query_location_length").asInt();
      String name = alias.isEmpty() ? node.path("table_name").asText() : alias;
      if (unit.equals("VERSION") && text != null) {
        travel =
            new FrameReference.TimeTravel(
                Optional.of(Long.parseLong(text.strip())), Optional.empty(), offset, length, name);
      } else if (unit.equals("TIMESTAMP") && text != null) {
        travel =
            new FrameReference.TimeTravel(
                Optional.empty(),
                Optional.of(CellPruner.parseTimestamp(text.strip())),
                offset,
                length,
                name);
      } else {
        throw new IllegalArgumentException(unit);
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "Time travel takes a literal version or timestamp: AT (VERSION => 3), AT (TIMESTAMP =>"
              + " '2024-01-01 10:00:00'), VERSION AS OF 3 or TIMESTAMP AS OF '2024-01-01'");
    }
    return Optional.of(travel);
  }

  /** The frame a BASE_TABLE names, or empty for CTEs and the engine's own catalog tables. */
  private Optional<FrameName> baseTable(JsonNode node) {
    String catalog = node.path("catalog_name").asText("").toLowerCase(Locale.ROOT);
    String schema = node.path("schema_name").asText("").toLowerCase(Locale.ROOT);
    String table = node.path("table_name").asText("").toLowerCase(Locale.ROOT);
    if (catalog.isEmpty() && schema.isEmpty() && cteNames.contains(table)) {
      return Optional.empty();
    }
    if (ENGINE_SCHEMAS.contains(schema) || catalog.equals("system") || catalog.equals("temp")) {
      return Optional.empty();
    }
    if (!catalog.isEmpty()) {
      return Optional.of(new FrameName(catalog, schema, table));
    }
    if (!schema.isEmpty()) {
      return Optional.of(new FrameName(session.hive(), schema, table));
    }
    String box =
        session
            .box()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "Frame '"
                            + table
                            + "' has no box: after USE "
                            + session.hive()
                            + " name frames as box.frame, or USE "
                            + session.hive()
                            + ".<box> first"));
    return Optional.of(new FrameName(session.hive(), box, table));
  }
}
