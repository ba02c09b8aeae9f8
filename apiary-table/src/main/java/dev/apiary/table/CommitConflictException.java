package dev.apiary.table;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/**
 * A write did not commit: it lost the race too many times, or a concurrent commit changed something
 * it depends on (the schema). Nothing of the write is in the frame; its files have been removed.
 * Retrying the whole write may succeed.
 */
public class CommitConflictException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public CommitConflictException(String message) {
    super(ErrorCategory.CONFLICT, message);
  }
}
