package dev.apiary.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people: a header, a rule, the rows (numbers right-aligned, NULL for nulls)
 * and a footer with the row count. Rows are buffered to size the columns; with a row limit only the
 * first rows are kept and the footer still counts them all.
 */
public final class TableSink implements RowSink {
  private final PrintWriter out;
  private final int maxRows;
  private List<String> columns = List.of();
  private final List<String[]> rows = new ArrayList<>();
  private boolean[] numeric = new boolean[0];
  private long total;

  /**
   * @param maxRows rows to show, 0 for all
   */
  public TableSink(PrintWriter out, int maxRows) {
    this.out = out;
    this.maxRows = maxRows;
  }

  @Override
  public void start(List<String> columnNames) {
    columns = List.copyOf(columnNames);
    numeric = new boolean[columns.size()];
    java.util.Arrays.fill(numeric, true);
  }

  @Override
  public void row(List<Object> values) {
    total++;
    if (maxRows > 0 && rows.size() >= maxRows) {
      return;
    }
    String[] cells = new String[values.size()];
    for (int i = 0; i < cells.length; i++) {
      Object value = values.get(i);
      if (value == null) {
        cells[i] = "NULL";
      } else {
        cells[i] = printable(ArrowValues.text(value));
        if (!(value instanceof Number) && i < numeric.length) {
          numeric[i] = false;
        }
      }
    }
    rows.add(cells);
  }

  private static String printable(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  @Override
  public void end() {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder header = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        header.append(" | ");
        rule.append("-+-");
      }
      header.append(pad(columns.get(i), widths[i], false));
      rule.append("-".repeat(widths[i]));
    }
    out.println(header.toString().stripTrailing());
    out.println(rule);
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        if (i > 0) {
          line.append(" | ");
        }
        line.append(pad(row[i], widths[i], numeric[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    String footer = total == 1 ? "1 row" : String.format("%,d rows", total);
    if (total > rows.size()) {
      footer += String.format(" (first %,d shown)", rows.size());
    }
    out.println(footer);
    out.flush();
  }

  private static String pad(String text, int width, boolean right) {
    String fill = " ".repeat(width - text.length());
    return right ? fill + text : text + fill;
  }
}
