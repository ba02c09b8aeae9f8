package dev.apiary.error;

/** The caller passed something Apiary cannot accept: an invalid name, type, key or argument. */
public class InvalidInputException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(ErrorCategory.USER, message);
  }
}
