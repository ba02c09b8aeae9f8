package dev.apiary.storage;

/**
 * Opens stores of one {@link StorageUri.Scheme} that live in another module (the S3 backend), found
 * by {@link java.util.ServiceLoader} so that this module needs none of their dependencies.
 *
 * <p>Implementations are listed in {@code META-INF/services/dev.apiary.storage.ObjectStoreProvider}
 * and need a public no-argument constructor.
 */
public interface ObjectStoreProvider {

  /** The scheme this provider opens. */
  StorageUri.Scheme scheme();

  /**
   * Opens the store {@code uri} names.
   *
   * @throws dev.apiary.error.InvalidInputException if the URI's location or options are invalid
   * @throws ObjectStoreException if the store cannot be reached
   */
  ObjectStore open(StorageUri uri);
}
