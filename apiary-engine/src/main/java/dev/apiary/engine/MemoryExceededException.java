package dev.apiary.engine;

import dev.apiary.error.ErrorCategory;

/**
 * A task needed more memory than its budget even after spilling to its scratch directory. Only that
 * task failed; its chamber is closed and its bees are free again.
 */
public class MemoryExceededException extends EngineException {
  private static final long serialVersionUID = 1L;

  public MemoryExceededException(String message, Throwable cause) {
    super(ErrorCategory.RESOURCE, message, cause);
  }
}
