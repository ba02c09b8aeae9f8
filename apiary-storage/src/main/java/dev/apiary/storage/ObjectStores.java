package dev.apiary.storage;

import dev.apiary.error.InvalidInputException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Opens the {@link ObjectStore} a {@link StorageUri} names. */
public final class ObjectStores {
  private ObjectStores() {}

  /**
   * Parses {@code uri} (see {@link StorageUri#parse(String)}) and opens the store it names.
   *
   * @throws InvalidInputException if the URI is invalid or names a backend this build lacks
   * @throws ObjectStoreException if the store cannot be opened
   */
  public static ObjectStore open(String uri) {
    return open(StorageUri.parse(uri));
  }

  /**
   * Opens the store a parsed URI names: a {@link LocalObjectStore} (creating the directory if
   * needed) or a new, empty {@link MemoryObjectStore} (every open of {@code memory://} is a
   * different store), or, for {@code s3://}, the store of the {@link ObjectStoreProvider} found on
   * the class path (module {@code apiary-storage-s3}).
   *
   * @throws InvalidInputException for {@code s3://} when no provider is on the class path
   */
  public static ObjectStore open(StorageUri uri) {
    return switch (uri.scheme()) {
      case LOCAL -> new LocalObjectStore(Path.of(uri.location()));
      case MEMORY -> new MemoryObjectStore();
      case S3 -> provider(uri).open(uri);
    };
  }

  private static ObjectStoreProvider provider(StorageUri uri) {
    for (ObjectStoreProvider provider :
        ServiceLoader.load(ObjectStoreProvider.class, ObjectStores.class.getClassLoader())) {
      if (provider.scheme() == uri.scheme()) {
        return provider;
      }
    }
    throw new InvalidInputException(
        "Cannot open '"
            + uri
            + "': the S3 backend (module apiary-storage-s3) is not on the class path; add the"
            + " dependency dev.apiary:apiary-storage-s3, or use a local directory such as"
            + " local:///path");
  }
}
