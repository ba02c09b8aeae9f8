package dev.apiary.error;

/**
 * What kind of failure an {@link ApiaryException} is. The category decides how a failure surfaces:
 * CLI exit codes, Python exception classes and whether a retry can help.
 */
public enum ErrorCategory {
  /** The caller asked for something invalid (bad name, bad type, missing frame); fix the input. */
  USER,
  /** Another writer won a race; retrying the operation may succeed. */
  CONFLICT,
  /** A budget was exhausted (memory, disk, time); retry with less work or more resources. */
  RESOURCE,
  /** Storage or another external system failed or answered unexpectedly. */
  EXTERNAL,
  /** A bug or a broken invariant inside Apiary. */
  INTERNAL
}
