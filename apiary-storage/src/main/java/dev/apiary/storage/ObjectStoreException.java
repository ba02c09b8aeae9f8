package dev.apiary.storage;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;

/** A store operation failed; the message names the operation, the store and the key. */
public class ObjectStoreException extends ApiaryException {
  private static final long serialVersionUID = 1L;

  public ObjectStoreException(String message, Throwable cause) {
    super(ErrorCategory.EXTERNAL, message, cause);
  }

  public ObjectStoreException(String message) {
    super(ErrorCategory.EXTERNAL, message);
  }
}
