package dev.apiary.table;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/**
 * Storage failed in a way that leaves it unknown whether a write committed, and reading the log
 * back did not settle it. The write's files were kept (a committed version may reference them).
 * Read the frame to find out, or retry the write with the same idempotency token ({@link
 * AppTransaction}) so it is applied at most once.
 */
public class CommitStateUnknownException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public CommitStateUnknownException(String message, Throwable cause) {
    super(ErrorCategory.EXTERNAL, message, cause);
  }
}
