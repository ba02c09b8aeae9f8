package dev.apiary.engine;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/**
 * User SQL tried to reach the host (files, network, extensions, engine settings) or the catalog in
 * a way that is not allowed. Nothing was executed.
 */
public class AccessDeniedException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    super(ErrorCategory.USER, message);
  }
}
