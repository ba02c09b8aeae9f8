package dev.apiary.runtime.colony;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/** Work refused because the colony is too hot; nothing of it was done. */
public class BackpressureException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public BackpressureException(String message) {
    super(ErrorCategory.RESOURCE, message);
  }
}
