package dev.apiary.engine;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/** The SQL engine failed on a statement; the message carries the engine's explanation. */
public class EngineException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public EngineException(ErrorCategory category, String message, Throwable cause) {
    super(category, message, cause);
  }
}
