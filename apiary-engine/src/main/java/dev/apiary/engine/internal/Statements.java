package dev.apiary.engine.internal;

import dev.apiary.engine.AccessDeniedException;
import dev.apiary.error.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts a statement by its leading keyword: Apiary commands, queries, and what is refused (data
 * changes name the API call to use; host access is a permission error).
 */
public final class Statements {
  /** What kind of statement a text is. */
  public enum Kind {
    QUERY,
    USE,
    SHOW,
    DESCRIBE,
    EXPLAIN
  }

  private static final Pattern LEADING_COMMENTS =
      Pattern.compile("^(\\s+|--[^\\n]*(\\n|$)|/\\*.*?\\*/)*", Pattern.DOTALL);
  private static final Pattern FIRST_WORD = Pattern.compile("^([A-Za-z_]+)");
  private static final Map<String, String> DATA_CHANGES =
      Map.of(
          "INSERT",
          "INSERT is not supported in SQL: add rows with write_to_frame (Python), Apiary.write"
              + " (Java) or `apiary load FILE --into hive.box.frame`",
          "UPDATE",
          "UPDATE is not supported yet: rewrite the frame with overwrite_frame (Python) or"
              + " Apiary.overwrite (Java)",
          "DELETE",
          "DELETE is not supported yet: rewrite the frame with overwrite_frame (Python) or"
              + " Apiary.overwrite (Java)",
          "MERGE",
          "MERGE is not supported yet: write the new rows with write_to_frame or rewrite the frame"
              + " with overwrite_frame",
          "CREATE",
          "CREATE is not supported in SQL yet: use create_hive / create_box / create_frame"
              + " (Python), the Apiary Java API, or `apiary load ... --create`",
          "ALTER",
          "ALTER is not supported yet: a frame's schema is fixed at create_frame; create a new"
              + " frame and overwrite it",
          "DROP",
          "DROP is not supported in SQL yet: use the API's drop calls",
          "TRUNCATE",
          "TRUNCATE is not supported: overwrite the frame with an empty table instead");
  private static final Set<String> HOST_ACCESS =
      Set.of(
          "COPY",
          "ATTACH",
          "DETACH",
          "INSTALL",
          "LOAD",
          "FORCE",
          "SET",
          "RESET",
          "PRAGMA",
          "CALL",
          "EXPORT",
          "IMPORT",
          "CHECKPOINT",
          "VACUUM",
          "BEGIN",
          "COMMIT",
          "ROLLBACK",
          "START",
          "ABORT",
          "PREPARE",
          "EXECUTE",
          "DEALLOCATE",
          "SUMMARIZE",
          "UPDATE_EXTENSIONS");

  private Statements() {}

  /** The statement without leading whitespace and comments. */
  public static String strip(String sql) {
    Matcher m = LEADING_COMMENTS.matcher(sql);
    String rest = m.find() ? sql.substring(m.end()) : sql;
    rest = rest.strip();
    while (rest.endsWith(";")) {
      rest = rest.substring(0, rest.length() - 1).strip();
    }
    return rest;
  }

  /**
   * Classifies a statement.
   *
   * @throws InvalidInputException for data-changing statements (naming the API call to use)
   * @throws AccessDeniedException for statements that would reach the host or change settings
   */
  public static Kind classify(String stripped) {
    if (stripped.isEmpty()) {
      throw new InvalidInputException("The SQL statement is empty");
    }
    if (stripped.startsWith("(")) {
      return Kind.QUERY;
    }
    Matcher m = FIRST_WORD.matcher(stripped);
    String word = m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
    switch (word) {
      case "USE":
        return Kind.USE;
      case "SHOW":
        return Kind.SHOW;
      case "DESCRIBE":
      case "DESC":
        return Kind.DESCRIBE;
      case "EXPLAIN":
        return Kind.EXPLAIN;
      default:
        break;
    }
    String refusal = DATA_CHANGES.get(word);
    if (refusal != null) {
      throw new InvalidInputException(refusal);
    }
    if (HOST_ACCESS.contains(word)) {
      throw new AccessDeniedException(
          word
              + " is not allowed: SQL in Apiary reads frames; it cannot reach the host's files,"
              + " the network, extensions, transactions or engine settings");
    }
    // Anything else goes to the engine's parser, which explains typos best; statements that
    // parse but are not queries are refused there.
    return Kind.QUERY;
  }
}
