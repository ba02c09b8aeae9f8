package dev.apiary.cli.output;

import java.util.List;

/**
 * Receives one result: its column names, then its rows, then the end. Values are plain Java values
 * as {@link ArrowValues} produces them (null for SQL NULL).
 */
public interface RowSink {
  void start(List<String> columns);

  void row(List<Object> values);

  /** Called once after the last row; flushes the output. */
  void end();
}
