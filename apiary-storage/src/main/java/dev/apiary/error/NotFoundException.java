package dev.apiary.error;

/** A named thing (hive, box, frame, version) does not exist. */
public class NotFoundException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorCategory.USER, message);
  }
}
