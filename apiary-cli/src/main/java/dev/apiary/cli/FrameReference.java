package dev.apiary.cli;

import dev.apiary.error.InvalidInputException;

/** A frame named on the command line as exactly {@code hive.box.frame}. */
record FrameReference(String hive, String box, String frame) {
  /**
   * @throws InvalidInputException unless the text has exactly three non-empty dot-separated parts
   */
  static FrameReference parse(String option, String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
      throw new InvalidInputException(
          option
              + " must name a frame as hive.box.frame (e.g. demo.ssb.lineorder), got '"
              + text
              + "'");
    }
    return new FrameReference(parts[0].strip(), parts[1].strip(), parts[2].strip());
  }

  @Override
  public String toString() {
    return hive + "." + box + "." + frame;
  }
}
