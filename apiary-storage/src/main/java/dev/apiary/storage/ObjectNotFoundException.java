package dev.apiary.storage;

/** A read of a key that does not exist (ranged reads; plain reads return an empty Optional). */
public class ObjectNotFoundException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(String message) {
    super(message);
  }
}
