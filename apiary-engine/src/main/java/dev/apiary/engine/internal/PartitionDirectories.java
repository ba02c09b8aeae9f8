package dev.apiary.engine.internal;

import dev.apiary.engine.LocalCell;
import dev.apiary.table.Column;
import dev.apiary.table.PartitionPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the engine can take a frame's partition values from its cells' paths.
 *
 * <p>With {@code hive_partitioning} the engine makes a column of every {@code key=value} directory
 * in a file's absolute path, URL-decodes the value ({@code __HIVE_DEFAULT_PARTITION__} is null),
 * and the column replaces a column of the file with the same name; for a key that appears twice,
 * the directory nearer the root wins. So the paths are only used when, for every cell:
 *
 * <ul>
 *   <li>the {@code key=value} directories name the same keys, in the same order, as every other
 *       cell's (the engine requires it);
 *   <li>each partition column is named by exactly one directory, spelled as the frame spells it,
 *       and no other directory names a frame column (a storage root such as {@code /data/id=3/}
 *       would otherwise replace the frame's {@code id});
 *   <li>each directory's decoded value is the value the log records.
 * </ul>
 */
final class PartitionDirectories {
  private PartitionDirectories() {}

  /** A {@code key=value} directory, the value as written (escaped). */
  private record Segment(String key, String value) {}

  static boolean match(List<Column> columns, List<String> partitionBy, List<LocalCell> cells) {
    List<String> keys = null;
    for (LocalCell cell : cells) {
      List<Segment> segments = segments(cell.file());
      List<String> cellKeys = segments.stream().map(Segment::key).toList();
      if (keys == null) {
        keys = cellKeys;
      } else if (!keys.equals(cellKeys)) {
        return false;
      }
      int partitionsNamed = 0;
      for (Segment segment : segments) {
        if (!namesColumn(columns, segment.key())) {
          continue;
        }
        if (!partitionBy.contains(segment.key())
            || !spells(segment.value(), cell.partitionValues().get(segment.key()))) {
          return false;
        }
        partitionsNamed++;
      }
      if (partitionsNamed != partitionBy.size()) {
        return false;
      }
    }
    return true;
  }

  private static boolean namesColumn(List<Column> columns, String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return columns.stream().anyMatch(c -> c.name().toLowerCase(Locale.ROOT).equals(lower));
  }

  private static List<Segment> segments(Path file) {
    List<Segment> segments = new ArrayList<>();
    Path directory = file.getParent();
    if (directory == null) {
      return segments;
    }
    for (Path name : directory) {
      String text = name.toString();
      int equals = text.indexOf('=');
      if (equals > 0) {
        segments.add(new Segment(text.substring(0, equals), text.substring(equals + 1)));
      }
    }
    return segments;
  }

  /**
   * Whether the engine reads {@code value} (null for a null value) from a directory's escaped text:
   * the Hive null directory is null, anything else the percent-decoded UTF-8 text.
   */
  static boolean spells(String escaped, String value) {
    if (escaped.equals(PartitionPaths.NULL_VALUE)) {
      return value == null;
    }
    return value != null && !escaped.contains("=") && decode(escaped).equals(Optional.of(value));
  }

  /** The percent-decoded UTF-8 text; empty if it does not decode. */
  private static Optional<String> decode(String escaped) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
    byte[] raw = escaped.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%') {
        if (i + 2 >= raw.length) {
          return Optional.empty();
        }
        int high = Character.digit(raw[i + 1], 16);
        int low = Character.digit(raw[i + 2], 16);
        if (high < 0 || low < 0) {
          return Optional.empty();
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(raw[i]);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
