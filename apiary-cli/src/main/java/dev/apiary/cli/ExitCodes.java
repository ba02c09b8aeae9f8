package dev.apiary.cli;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/** The process exit codes: 0 ok, 1 user error, 2 anything else. */
final class ExitCodes {
  static final int OK = 0;

  /** The input was wrong: usage errors and {@link ErrorCategory#USER} failures. */
  static final int USER_ERROR = 1;

  /** Everything else: internal, storage, resource and conflict failures, bugs. */
  static final int INTERNAL_ERROR = 2;

  private ExitCodes() {}

  static int of(Throwable error) {
    return error instanceof ApiaryException
            && ((ApiaryException) error).category() == ErrorCategory.USER
        ? USER_ERROR
        : INTERNAL_ERROR;
  }

  /** The one line printed for an error, without the {@code error: } prefix. */
  static String message(Throwable error) {
    String message = error.getMessage();
    if (error instanceof ApiaryException) {
      return message == null ? error.getClass().getSimpleName() : message.strip();
    }
    return error.getClass().getName()
        + (message == null || message.isBlank() ? "" : ": " + message.strip());
  }
}
