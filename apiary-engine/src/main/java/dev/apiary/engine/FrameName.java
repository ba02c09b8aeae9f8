package dev.apiary.engine;

import java.util.Objects;

/** A fully resolved frame name, lower-case as the catalog stores it. */
public record FrameName(String hive, String box, String frame) {
  public FrameName {
    Objects.requireNonNull(hive, "hive");
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(frame, "frame");
  }

  @Override
  public String toString() {
    return hive + "." + box + "." + frame;
  }
}
