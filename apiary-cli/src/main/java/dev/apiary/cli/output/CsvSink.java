package dev.apiary.cli.output;

import java.io.PrintWriter;
import java.util.List;

/**
 * CSV for scripts: a header line, then one line per row, fields quoted per RFC 4180 when they hold
 * a comma, a double quote, CR or LF (quotes doubled). NULL is an empty field; lines end with LF.
 */
public final class CsvSink implements RowSink {
  private final PrintWriter out;

  public CsvSink(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void start(List<String> columns) {
    line(List.copyOf(columns));
  }

  @Override
  public void row(List<Object> values) {
    line(values);
  }

  private void line(List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      Object value = values.get(i);
      if (value != null) {
        line.append(field(ArrowValues.text(value)));
      }
    }
    out.print(line);
    out.print('\n');
  }

  /** A field, quoted if it needs to be. */
  public static String field(String text) {
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  @Override
  public void end() {
    out.flush();
  }
}
