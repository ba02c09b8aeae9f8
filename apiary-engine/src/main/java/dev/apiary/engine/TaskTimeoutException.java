package dev.apiary.engine;

import dev.apiary.error.ErrorCategory;

/**
 * A task ran past its timeout: the engine was interrupted and the task's resources are free again.
 * Nothing of a timed-out write was committed.
 */
public class TaskTimeoutException extends EngineException {
  private static final long serialVersionUID = 1L;

  public TaskTimeoutException(String message, Throwable cause) {
    super(ErrorCategory.RESOURCE, message, cause);
  }
}
