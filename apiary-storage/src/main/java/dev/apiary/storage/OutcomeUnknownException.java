package dev.apiary.storage;

/**
 * A create-only write may or may not have taken effect (the request was sent, then the connection
 * failed, or the store answered ambiguously). The caller must read the key back and compare the
 * content with what it wrote before deciding whether it won; it must never assume either outcome.
 */
public class OutcomeUnknownException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  public OutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
