package dev.apiary.catalog.internal;

import dev.apiary.catalog.FrameEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of one catalog version: hives, their boxes and the boxes' frames, all keyed by stored
 * (lower-case) name and sorted. Immutable; the {@code with}/{@code without} methods return modified
 * copies (the catalog is small, so copying the tree per change is cheap and keeps every version a
 * plain value).
 */
public record CatalogTree(Map<String, Map<String, Map<String, FrameEntry>>> hives) {
  /** Version 0: hive {@code default} holding box {@code default}, so frames need no ceremony. */
  public static final CatalogTree INITIAL =
      new CatalogTree(Map.of("default", Map.of("default", Map.of())));

  public CatalogTree {
    SortedMap<String, Map<String, Map<String, FrameEntry>>> copy = new TreeMap<>();
    hives.forEach(
        (hive, boxes) -> {
          SortedMap<String, Map<String, FrameEntry>> boxesCopy = new TreeMap<>();
          boxes.forEach(
              (box, frames) ->
                  boxesCopy.put(box, Collections.unmodifiableSortedMap(new TreeMap<>(frames))));
          copy.put(hive, Collections.unmodifiableSortedMap(boxesCopy));
        });
    hives = Collections.unmodifiableSortedMap(copy);
  }

  public List<String> hiveNames() {
    return List.copyOf(hives.keySet());
  }

  public boolean hasHive(String hive) {
    return hives.containsKey(hive);
  }

  public boolean hasBox(String hive, String box) {
    return hives.containsKey(hive) && hives.get(hive).containsKey(box);
  }

  /** Box names of an existing hive. */
  public List<String> boxNames(String hive) {
    return List.copyOf(hives.get(hive).keySet());
  }

  /** Frames of an existing box, sorted by name. */
  public List<FrameEntry> frames(String hive, String box) {
    return List.copyOf(hives.get(hive).get(box).values());
  }

  /** Every frame of an existing hive, sorted by box then name. */
  public List<FrameEntry> frames(String hive) {
    List<FrameEntry> result = new ArrayList<>();
    hives.get(hive).values().forEach(frames -> result.addAll(frames.values()));
    return List.copyOf(result);
  }

  public Optional<FrameEntry> frame(String hive, String box, String frame) {
    if (!hasBox(hive, box)) {
      return Optional.empty();
    }
    return Optional.ofNullable(hives.get(hive).get(box).get(frame));
  }

  public CatalogTree withHive(String hive) {
    Map<String, Map<String, Map<String, FrameEntry>>> copy = new TreeMap<>(hives);
    copy.putIfAbsent(hive, Map.of());
    return new CatalogTree(copy);
  }

  public CatalogTree withBox(String hive, String box) {
    Map<String, Map<String, FrameEntry>> boxes = new TreeMap<>(hives.get(hive));
    boxes.putIfAbsent(box, Map.of());
    return replaceHive(hive, boxes);
  }

  public CatalogTree withFrame(FrameEntry entry) {
    Map<String, Map<String, FrameEntry>> boxes = new TreeMap<>(hives.get(entry.hive()));
    Map<String, FrameEntry> frames = new TreeMap<>(boxes.get(entry.box()));
    frames.put(entry.name(), entry);
    boxes.put(entry.box(), frames);
    return replaceHive(entry.hive(), boxes);
  }

  public CatalogTree withoutHive(String hive) {
    Map<String, Map<String, Map<String, FrameEntry>>> copy = new TreeMap<>(hives);
    copy.remove(hive);
    return new CatalogTree(copy);
  }

  public CatalogTree withoutBox(String hive, String box) {
    Map<String, Map<String, FrameEntry>> boxes = new TreeMap<>(hives.get(hive));
    boxes.remove(box);
    return replaceHive(hive, boxes);
  }

  public CatalogTree withoutFrame(String hive, String box, String frame) {
    Map<String, Map<String, FrameEntry>> boxes = new TreeMap<>(hives.get(hive));
    Map<String, FrameEntry> frames = new TreeMap<>(boxes.get(box));
    frames.remove(frame);
    boxes.put(box, frames);
    return replaceHive(hive, boxes);
  }

  private CatalogTree replaceHive(String hive, Map<String, Map<String, FrameEntry>> boxes) {
    Map<String, Map<String, Map<String, FrameEntry>>> copy = new TreeMap<>(hives);
    copy.put(hive, boxes);
    return new CatalogTree(copy);
  }
}
