package dev.apiary.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiary.catalog.Catalog;
import dev.apiary.catalog.FrameEntry;
import dev.apiary.engine.internal.StaticArrowReader;
import dev.apiary.error.InvalidInputException;
import dev.apiary.table.FrameTables;
import dev.apiary.table.Identifiers;
import dev.apiary.table.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Apiary's own SQL commands: {@code USE}, {@code SHOW HIVES / BOXES / FRAMES} (and {@code DATABASES
 * / SCHEMAS / TABLES}), {@code DESCRIBE}. Names follow SPEC §2 and §6.
 */
final class ApiaryCommands {
  private static final String NAME = "(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)";
  private static final Pattern USE =
      Pattern.compile(
          "(?i)^USE\\s+(?:(HIVE|DATABASE|BOX|SCHEMA)\\s+)?"
              + NAME
              + "(?:\\s*\\.\\s*"
              + NAME
              + ")?$");
  private static final Pattern SHOW =
      Pattern.compile(
          "(?i)^SHOW\\s+(HIVES|DATABASES|BOXES|SCHEMAS|FRAMES|TABLES)"
              + "(?:\\s+(?:IN|FROM)\\s+"
              + NAME
              + "(?:\\s*\\.\\s*"
              + NAME
              + ")?)?$");
  private static final Pattern DESCRIBE =
      Pattern.compile(
          "(?i)^(?:DESCRIBE|DESC)\\s+(?:FRAME\\s+|TABLE\\s+)?"
              + NAME
              + "(?:\\s*\\.\\s*"
              + NAME
              + ")?(?:\\s*\\.\\s*"
              + NAME
              + ")?$");

  private ApiaryCommands() {}

  private static String name(String kind, String raw) {
    String unquoted = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
    return Identifiers.normalize(kind, unquoted);
  }

  static QueryResult use(
      String sql, SqlSession session, Catalog catalog, BufferAllocator allocator) {
    Matcher m = USE.matcher(sql);
    if (!m.matches()) {
      throw new InvalidInputException(
          "Cannot read '" + sql + "': write USE hive, USE hive.box, USE HIVE h or USE BOX b");
    }
    String keyword = m.group(1) == null ? "" : m.group(1).toUpperCase(Locale.ROOT);
    String message;
    if (keyword.equals("BOX") || keyword.equals("SCHEMA")) {
      if (m.group(3) != null) {
        throw new InvalidInputException(
            "USE BOX takes one name; to switch hive too write USE hive.box");
      }
      String box = name("box", m.group(2));
      requireBox(catalog, session.hive(), box);
      session.use(session.hive(), box);
      message = "Using " + session.hive() + "." + box;
    } else {
      String hive = name("hive", m.group(2));
      if (m.group(3) != null) {
        if (!keyword.isEmpty()) {
          throw new InvalidInputException("USE HIVE takes one name; write USE hive.box for both");
        }
        String box = name("box", m.group(3));
        requireBox(catalog, hive, box);
        session.use(hive, box);
        message = "Using " + hive + "." + box;
      } else {
        catalog.listBoxes(hive); // Throws NotFoundException naming the hive if it is missing.
        session.use(hive, null);
        message = "Using hive " + hive + "; name frames as box.frame or USE BOX b";
      }
    }
    return rows(allocator, List.of("message"), List.of(List.of(message)));
  }

  private static void requireBox(Catalog catalog, String hive, String box) {
    catalog.listFrames(hive, box); // Throws NotFoundException naming the hive or box.
  }

  static QueryResult show(
      String sql, SqlSession session, Catalog catalog, BufferAllocator allocator) {
    Matcher m = SHOW.matcher(sql);
    if (!m.matches()) {
      throw new InvalidInputException(
          "Cannot read '"
              + sql
              + "': write SHOW HIVES, SHOW BOXES [IN hive], SHOW FRAMES [IN hive.box] (or"
              + " DATABASES / SCHEMAS / TABLES)");
    }
    String what = m.group(1).toUpperCase(Locale.ROOT);
    List<String> names;
    String column;
    switch (what) {
      case "HIVES", "DATABASES" -> {
        if (m.group(2) != null) {
          throw new InvalidInputException("SHOW " + what + " takes no IN clause");
        }
        names = catalog.listHives();
        column = what.equals("HIVES") ? "hive" : "database";
      }
      case "BOXES", "SCHEMAS" -> {
        if (m.group(3) != null) {
          throw new InvalidInputException("SHOW " + what + " IN takes a hive name");
        }
        String hive = m.group(2) == null ? session.hive() : name("hive", m.group(2));
        names = catalog.listBoxes(hive);
        column = what.equals("BOXES") ? "box" : "schema";
      }
      default -> {
        String hive;
        String box;
        if (m.group(3) != null) {
          hive = name("hive", m.group(2));
          box = name("box", m.group(3));
        } else if (m.group(2) != null) {
          hive = session.hive();
          box = name("box", m.group(2));
        } else {
          hive = session.hive();
          box =
              session
                  .box()
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              "No box in use: write SHOW "
                                  + what
                                  + " IN hive.box, or USE hive.box"));
        }
        names = catalog.listFrames(hive, box);
        column = what.equals("FRAMES") ? "frame" : "table";
      }
    }
    List<List<String>> rows = new ArrayList<>();
    names.forEach(n -> rows.add(List.of(n)));
    return rows(allocator, List.of(column), rows);
  }

  static QueryResult describe(
      String sql,
      SqlSession session,
      Catalog catalog,
      FrameTables tables,
      BufferAllocator allocator) {
    Matcher m = DESCRIBE.matcher(sql);
    if (!m.matches()) {
      throw new InvalidInputException("Cannot read '" + sql + "': write DESCRIBE hive.box.frame");
    }
    FrameEntry entry = resolve(m.group(1), m.group(2), m.group(3), session, catalog);
    Snapshot snapshot = tables.snapshot(entry);
    String schema;
    try {
      schema = new ObjectMapper().writeValueAsString(entry.definition().schema().declaration());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    List<String> partitionBy = entry.definition().partitionBy();
    List<List<String>> rows =
        List.of(
            List.of("schema", schema),
            List.of(
                "partition_by", partitionBy.isEmpty() ? "(none)" : String.join(",", partitionBy)),
            List.of("cells", Integer.toString(snapshot.fileCount())),
            List.of("total_rows", Long.toString(snapshot.rowCount())),
            List.of("total_bytes", Long.toString(snapshot.totalBytes())),
            List.of("version", Long.toString(snapshot.version())),
            List.of("codec", entry.definition().codec()));
    return rows(allocator, List.of("property", "value"), rows);
  }

  /** Resolves a 1-, 2- or 3-part frame name in the session. */
  static FrameEntry resolve(String a, String b, String c, SqlSession session, Catalog catalog) {
    if (c != null) {
      return catalog.frame(name("hive", a), name("box", b), name("frame", c));
    }
    if (b != null) {
      return catalog.frame(session.hive(), name("box", a), name("frame", b));
    }
    String box =
        session
            .box()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "No box in use: name the frame as box.frame or hive.box.frame"));
    return catalog.frame(session.hive(), box, name("frame", a));
  }

  private static QueryResult rows(
      BufferAllocator allocator, List<String> columns, List<List<String>> rows) {
    return new QueryResult(
        new StaticArrowReader(allocator, columns, rows), List.of(), Map.of(), null);
  }
}
