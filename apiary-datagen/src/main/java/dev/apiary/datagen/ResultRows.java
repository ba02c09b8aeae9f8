package dev.apiary.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Query results as rows of strings, and a comparison that tolerates float rounding only: how the
 * tests and the benchmark check that Apiary and DuckDB return the same answers.
 */
public final class ResultRows {
  private ResultRows() {}

  public static List<List<String>> of(ArrowReader reader) {
    List<List<String>> rows = new ArrayList<>();
    try {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int r = 0; r < root.getRowCount(); r++) {
          List<String> row = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            Object value = vector.getObject(r);
            row.add(value == null ? null : value.toString());
          }
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Reads the stream to its end without converting values; returns the row count. */
  public static long drain(ArrowReader reader) {
    long rows = 0;
    try {
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The first difference between two results, or null if they are equal. */
  public static String difference(List<List<String>> actual, List<List<String>> expected) {
    if (actual.size() != expected.size()) {
      return "row count " + actual.size() + " vs " + expected.size();
    }
    for (int i = 0; i < actual.size(); i++) {
      if (!equal(actual.get(i), expected.get(i))) {
        return "row " + i + ": " + actual.get(i) + " vs " + expected.get(i);
      }
    }
    return null;
  }

  /** Equal, except that floating point values may differ in the last bits (summation order). */
  public static boolean equal(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (x == null || y == null) {
        if (x != y) {
          return false;
        }
        continue;
      }
      if (x.equals(y)) {
        continue;
      }
      try {
        double dx = Double.parseDouble(x);
        double dy = Double.parseDouble(y);
        if (Math.abs(dx - dy) > 1e-9 * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)))) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }
}
