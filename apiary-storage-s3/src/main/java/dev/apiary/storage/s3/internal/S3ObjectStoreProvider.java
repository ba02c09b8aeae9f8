package dev.apiary.storage.s3.internal;

import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.ObjectStoreProvider;
import dev.apiary.storage.StorageUri;
import dev.apiary.storage.s3.S3Location;
import dev.apiary.storage.s3.S3ObjectStore;
import dev.apiary.storage.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Opens {@code s3://} URIs for {@link dev.apiary.storage.ObjectStores}: location from the URI and
 * the environment, credentials from the default AWS chain (environment variables, system
 * properties, profiles, container and instance roles).
 */
public final class S3ObjectStoreProvider implements ObjectStoreProvider {

  @Override
  public StorageUri.Scheme scheme() {
    return StorageUri.Scheme.S3;
  }

  @Override
  public ObjectStore open(StorageUri uri) {
    S3Location location = S3Location.parse(uri.location(), System.getenv());
    return S3ObjectStore.open(
        location, S3Settings.defaults(), DefaultCredentialsProvider.builder().build());
  }
}
