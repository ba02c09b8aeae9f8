package dev.apiary.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a query chamber's statements have set up and left in place: attached catalogs (hives), their
 * schemas (boxes) and views (frames over cells). The next statement changes only what differs, so a
 * frame read again over the same cells keeps its view instead of the engine binding it anew. Every
 * catalog, schema and view a statement does not name is removed first, so a statement sees exactly
 * what it names, as in a fresh chamber. Not thread-safe: a chamber serves one statement at a time.
 */
final class ChamberCatalog {
  private final Set<String> hives = new LinkedHashSet<>();
  private final Set<String> schemas = new LinkedHashSet<>();
  private final Map<String, String> views = new HashMap<>();

  /**
   * The statements that turn what is set up into what a statement needs, ending with {@code USE}.
   * Call {@link #applied} once they all succeeded.
   *
   * @param wantedHives quoted catalog names
   * @param wantedSchemas quoted {@code "hive"."box"} names, each in a wanted hive
   * @param wantedViews quoted {@code "hive"."box"."frame"} names and their bodies
   * @param use the quoted catalog or schema to use
   */
  Change change(
      Set<String> wantedHives,
      Set<String> wantedSchemas,
      Map<String, String> wantedViews,
      String use) {
    List<String> sql = new ArrayList<>();
    Set<String> keptHives = new LinkedHashSet<>(hives);
    keptHives.retainAll(wantedHives);
    Set<String> keptSchemas = new LinkedHashSet<>();
    Set<String> droppedSchemas = new LinkedHashSet<>();
    for (String schema : schemas) {
      if (keptHives.contains(hiveOf(schema))) {
        // Every catalog has a "main" schema of its own, which cannot be dropped.
        if (wantedSchemas.contains(schema) || schema.endsWith(".\"main\"")) {
          keptSchemas.add(schema);
        } else {
          droppedSchemas.add(schema);
        }
      }
    }
    if (keptHives.size() < hives.size() || !droppedSchemas.isEmpty()) {
      sql.add("USE memory");
    }
    for (String schema : droppedSchemas) {
      sql.add("DROP SCHEMA " + schema + " CASCADE");
    }
    for (String hive : hives) {
      if (!wantedHives.contains(hive)) {
        sql.add("DETACH " + hive);
      }
    }
    for (String hive : wantedHives) {
      if (!hives.contains(hive)) {
        sql.add("ATTACH ':memory:' AS " + hive);
      }
    }
    for (String schema : wantedSchemas) {
      if (!keptSchemas.contains(schema)) {
        sql.add("CREATE SCHEMA IF NOT EXISTS " + schema);
      }
    }
    for (Map.Entry<String, String> view : views.entrySet()) {
      if (keptSchemas.contains(schemaOf(view.getKey()))
          && !wantedViews.containsKey(view.getKey())) {
        sql.add("DROP VIEW " + view.getKey());
      }
    }
    for (Map.Entry<String, String> view : wantedViews.entrySet()) {
      boolean kept =
          keptSchemas.contains(schemaOf(view.getKey()))
              && view.getValue().equals(views.get(view.getKey()));
      if (!kept) {
        sql.add("CREATE OR REPLACE VIEW " + view.getKey() + " AS " + view.getValue());
      }
    }
    sql.add("USE " + use);
    return new Change(
        String.join(";\n", sql),
        new LinkedHashSet<>(wantedHives),
        new LinkedHashSet<>(wantedSchemas),
        new LinkedHashMap<>(wantedViews));
  }

  /** Records that a change's statements all ran. */
  void applied(Change change) {
    hives.clear();
    hives.addAll(change.hives());
    schemas.clear();
    schemas.addAll(change.schemas());
    views.clear();
    views.putAll(change.views());
  }

  /** How many catalogs and views are set up, for checking the engine holds nothing else. */
  int hiveCount() {
    return hives.size();
  }

  int viewCount() {
    return views.size();
  }

  /** The statements of a change and the state they lead to. */
  record Change(String sql, Set<String> hives, Set<String> schemas, Map<String, String> views) {}

  /** The quoted {@code "hive"."box"} of a quoted view name (names hold no dots of their own). */
  private static String schemaOf(String view) {
    return view.substring(0, view.lastIndexOf('.'));
  }

  /** The quoted hive of a quoted {@code "hive"."..."} name. */
  private static String hiveOf(String qualified) {
    int end = 1;
    while (end < qualified.length()) {
      if (qualified.charAt(end) == '"') {
        if (end + 1 < qualified.length() && qualified.charAt(end + 1) == '"') {
          end += 2;
          continue;
        }
        break;
      }
      end++;
    }
    return qualified.substring(0, end + 1);
  }
}
