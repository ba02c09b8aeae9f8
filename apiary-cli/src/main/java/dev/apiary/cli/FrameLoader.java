package dev.apiary.cli;

import dev.apiary.datagen.TableGenerator;
import dev.apiary.engine.WriteSummary;
import dev.apiary.runtime.Apiary;
import dev.apiary.runtime.FrameInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Loads generated tables into frames of one box for the quickstart, printing a line per frame. A
 * frame that already has the same definition and the generator's row count is left alone; one with
 * another row count is overwritten; one with another definition is dropped and created anew.
 */
final class FrameLoader {
  private final Apiary apiary;
  private final String hive;
  private final String box;
  private final int batchRows;
  private final PrintWriter out;

  FrameLoader(Apiary apiary, String hive, String box, int batchRows, PrintWriter out) {
    this.apiary = apiary;
    this.hive = hive;
    this.box = box;
    this.batchRows = batchRows;
    this.out = out;
  }

  void load(TableGenerator table, List<String> partitionBy) {
    String name = table.name();
    out.printf(Locale.ROOT, "  %-10s ", name);
    out.flush();
    LinkedHashMap<String, String> schema = table.columnTypes();
    String note = "";
    boolean overwrite = false;
    if (apiary.listFrames(hive, box).contains(name)) {
      FrameInfo existing = apiary.getFrame(hive, box, name);
      if (!sameDefinition(existing, schema, partitionBy)) {
        apiary.dropFrame(hive, box, name);
        apiary.createFrame(hive, box, name, schema, partitionBy);
        note = " (definition changed: recreated)";
      } else if (existing.rowCount() == table.rowCount()) {
        out.printf(
            Locale.ROOT,
            "%,13d rows %,5d cells   already loaded, skipped%n",
            existing.rowCount(),
            existing.cellCount());
        out.flush();
        return;
      } else {
        overwrite = true;
        note = String.format(Locale.ROOT, " (had %,d rows: overwritten)", existing.rowCount());
      }
    } else {
      apiary.createFrame(hive, box, name, schema, partitionBy);
    }
    long started = System.nanoTime();
    WriteSummary summary;
    try (ArrowReader reader = table.open(apiary.allocator(), batchRows)) {
      summary =
          overwrite
              ? apiary.overwrite(hive, box, name, reader)
              : apiary.write(hive, box, name, reader);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot close the generator of " + name, e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        Locale.ROOT,
        "%,13d rows %,5d cells %6.1f s%s%s%n",
        summary.rowsWritten(),
        summary.cellsWritten(),
        seconds,
        partitionBy.isEmpty() ? "" : "   partitioned by " + String.join(", ", partitionBy),
        note);
    out.flush();
  }

  static boolean sameDefinition(
      FrameInfo existing, Map<String, String> schema, List<String> partitionBy) {
    return normalized(existing.schema()).equals(normalized(schema))
        && existing.partitionBy().stream()
            .map(c -> c.toLowerCase(Locale.ROOT))
            .toList()
            .equals(partitionBy.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
  }

  private static List<String> normalized(Map<String, String> schema) {
    return schema.entrySet().stream()
        .map(
            e ->
                e.getKey().toLowerCase(Locale.ROOT)
                    + " "
                    + e.getValue().toLowerCase(Locale.ROOT).replace(" ", ""))
        .toList();
  }
}
