package dev.apiary.catalog;

import dev.apiary.catalog.internal.CatalogTree;
import dev.apiary.error.NotFoundException;
import dev.apiary.table.Identifiers;
import java.util.List;
import java.util.Optional;

/** The catalog at one version: lookups that cost no storage requests. Immutable. */
public final class CatalogView {
  private final long version;
  private final CatalogTree tree;

  CatalogView(long version, CatalogTree tree) {
    this.version = version;
    this.tree = tree;
  }

  /**
   * The catalog version this view shows: two views of one catalog with the same version hold the
   * same hives, boxes and frames.
   */
  public long version() {
    return version;
  }

  /**
   * A frame.
   *
   * @throws NotFoundException naming the missing hive, box or frame
   */
  public FrameEntry frame(String hive, String box, String frame) {
    return requireFrame(
        tree,
        Identifiers.normalize("hive", hive),
        Identifiers.normalize("box", box),
        Identifiers.normalize("frame", frame));
  }

  /** A frame, or empty if it (or its hive or box) does not exist. */
  public Optional<FrameEntry> findFrame(String hive, String box, String frame) {
    return tree.frame(
        Identifiers.normalize("hive", hive),
        Identifiers.normalize("box", box),
        Identifiers.normalize("frame", frame));
  }

  static void requireHive(CatalogTree tree, String hive) {
    if (!tree.hasHive(hive)) {
      throw new NotFoundException(
          "Hive '" + hive + "' does not exist; create it with create_hive('" + hive + "')");
    }
  }

  static void requireBox(CatalogTree tree, String hive, String box) {
    requireHive(tree, hive);
    if (!tree.hasBox(hive, box)) {
      throw new NotFoundException(
          "Box '"
              + hive
              + "."
              + box
              + "' does not exist; create it with create_box('"
              + hive
              + "', '"
              + box
              + "')");
    }
  }

  static FrameEntry requireFrame(CatalogTree tree, String hive, String box, String frame) {
    requireBox(tree, hive, box);
    return tree.frame(hive, box, frame)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "Frame '"
                        + hive
                        + "."
                        + box
                        + "."
                        + frame
                        + "' does not exist; frames in '"
                        + hive
                        + "."
                        + box
                        + "': "
                        + describeNames(
                            tree.frames(hive, box).stream().map(FrameEntry::name).toList())));
  }

  private static String describeNames(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
