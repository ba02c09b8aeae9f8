package dev.apiary.table;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/**
 * A file of a frame's transaction log cannot be read: garbage, truncated, an unknown action, or a
 * protocol this version does not support. The message names the file and the problem.
 */
public class CorruptLogException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public CorruptLogException(String file, String problem) {
    super(ErrorCategory.EXTERNAL, "Cannot read Delta log file '" + file + "': " + problem);
  }

  public CorruptLogException(String file, String problem, Throwable cause) {
    super(ErrorCategory.EXTERNAL, "Cannot read Delta log file '" + file + "': " + problem, cause);
  }
}
