package dev.apiary.table;

import dev.apiary.storage.ObjectInfo;
import dev.apiary.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies a store's objects into a directory, for readers that want files (Delta Kernel). */
final class StoreDump {
  private StoreDump() {}

  static void copy(ObjectStore store, String prefix, Path directory) {
    try {
      for (ObjectInfo info : store.list(prefix)) {
        Path target = directory.resolve(info.key().substring(prefix.length()));
        Files.createDirectories(target.getParent());
        Files.write(target, store.get(info.key()).orElseThrow());
        Files.setLastModifiedTime(
            target, java.nio.file.attribute.FileTime.from(info.lastModified()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
