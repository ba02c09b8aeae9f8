package dev.apiary.cli.output;

import java.io.PrintWriter;

/** How results are written to standard output. */
public enum OutputFormat {
  /** Aligned columns with a header and a row-count footer, for people. */
  TABLE,
  /** RFC 4180 CSV with a header line, for scripts. */
  CSV,
  /** One JSON object per row (JSON Lines), for scripts. */
  JSON;

  /** A sink writing rows in this format; {@code maxRows} limits only the table format. */
  public RowSink sink(PrintWriter out, int maxRows) {
    switch (this) {
      case CSV:
        return new CsvSink(out);
      case JSON:
        return new JsonSink(out);
      case TABLE:
      default:
        return new TableSink(out, maxRows);
    }
  }

  /** A sink writing every row in this format. */
  public RowSink sink(PrintWriter out) {
    return sink(out, 0);
  }
}
