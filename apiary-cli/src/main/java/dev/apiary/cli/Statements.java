package dev.apiary.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are outside string literals, quoted
 * identifiers and comments.
 */
final class Statements {
  private Statements() {}

  /** The statement with trailing semicolons and whitespace removed. */
  static String withoutTrailingSemicolons(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  /** Whether the text ends with a statement terminator (a {@code ;} that is not quoted). */
  static boolean complete(String text) {
    Scan scan = scan(text);
    return scan.endsWithTerminator;
  }

  /** The non-blank statements of the text, without their semicolons. */
  static List<String> split(String text) {
    return scan(text).statements;
  }

  private static final class Scan {
    final List<String> statements = new ArrayList<>();
    boolean endsWithTerminator;
  }

  private static Scan scan(String text) {
    Scan scan = new Scan();
    StringBuilder current = new StringBuilder();
    int i = 0;
    boolean lastSignificantIsTerminator = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(text, i + 1, c);
        current.append(text, i, end);
        i = end;
        lastSignificantIsTerminator = false;
      } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        current.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        current.append(text, i, end);
        i = end;
      } else if (c == ';') {
        add(scan.statements, current);
        current.setLength(0);
        i++;
        lastSignificantIsTerminator = true;
      } else {
        current.append(c);
        i++;
        if (!Character.isWhitespace(c)) {
          lastSignificantIsTerminator = false;
        }
      }
    }
    add(scan.statements, current);
    scan.endsWithTerminator = lastSignificantIsTerminator;
    return scan;
  }

  /** The index just after the quote closing the one before {@code from} (doubled quotes escape). */
  private static int closing(String text, int from, char quote) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  private static void add(List<String> statements, StringBuilder statement) {
    String s = statement.toString().strip();
    if (!s.isEmpty() && !onlyComments(s)) {
      statements.add(s);
    }
  }

  private static boolean onlyComments(String s) {
    for (String line : s.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("--")) {
        return false;
      }
    }
    return true;
  }
}
