package dev.apiary.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends ObjectStoreContractTest {
  @TempDir Path root;

  @Override
  protected ObjectStore newStore() {
    return new LocalObjectStore(root.resolve("store"));
  }
}
