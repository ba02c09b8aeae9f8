package dev.apiary.runtime.bees;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/** No bees could be had for a task: the wait ran out, or the pool is shutting down. */
public class BeesUnavailableException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public BeesUnavailableException(String message) {
    super(ErrorCategory.RESOURCE, message);
  }
}
