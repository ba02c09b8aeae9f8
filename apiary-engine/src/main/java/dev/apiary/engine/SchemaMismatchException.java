package dev.apiary.engine;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/** Data offered for a write does not fit the frame's schema; nothing was written. */
public class SchemaMismatchException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String message) {
    super(ErrorCategory.USER, message);
  }
}
