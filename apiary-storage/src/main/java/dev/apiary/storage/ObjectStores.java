package dev.apiary.storage;

import dev.apiary.error.InvalidInputException;
import java.nio.file.Path;

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
   * different store).
   *
   * @throws InvalidInputException for {@code s3://}: the S3 backend is not built yet
   */
  public static ObjectStore open(StorageUri uri) {
    return switch (uri.scheme()) {
      case LOCAL -> new LocalObjectStore(Path.of(uri.location()));
      case MEMORY -> new MemoryObjectStore();
      case S3 ->
          throw new InvalidInputException(
              "Cannot open '"
                  + uri
                  + "': the S3 backend is not built yet in this version of Apiary (it arrives in a"
                  + " later release); use a local directory such as local:///path for now");
    };
  }
}
