package dev.apiary.error;

import java.util.Objects;

/**
 * The root of every exception Apiary throws on purpose. Messages say what went wrong, with the
 * values involved, and how to fix it.
 */
public class ApiaryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCategory category;

  public ApiaryException(ErrorCategory category, String message) {
    super(message);
    this.category = Objects.requireNonNull(category, "category");
  }

  public ApiaryException(ErrorCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = Objects.requireNonNull(category, "category");
  }

  public ErrorCategory category() {
    return category;
  }
}
