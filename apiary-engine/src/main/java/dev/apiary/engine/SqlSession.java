package dev.apiary.engine;

import java.util.Optional;

/**
 * The USE context of one SQL session (a shell, a connection, a Python object): which hive and box
 * unqualified frame names refer to. Every session starts in {@code default.default}. Sessions are
 * never shared by the whole node. Thread-safe.
 */
public final class SqlSession {
  private String hive = "default";
  private String box = "default";

  public synchronized String hive() {
    return hive;
  }

  /** The current box, or empty after {@code USE hive} alone. */
  public synchronized Optional<String> box() {
    return Optional.ofNullable(box);
  }

  public synchronized void use(String newHive, String newBox) {
    this.hive = newHive;
    this.box = newBox;
  }
}
