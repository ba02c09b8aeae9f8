package dev.apiary.runtime;

import dev.apiary.table.Identifiers;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a node.
 *
 * @param name the apiary's name (default storage {@code ~/.apiary/data/<name>})
 * @param storageUri where data lives ({@code local:///...}, a path, {@code memory://})
 * @param nodeDirectory local state of this node: id, staging, spill, downloaded cells
 * @param cores cores to use, or null to detect
 * @param memoryBytes memory to use, or null to detect
 */
public record ApiaryConfig(
    String name, String storageUri, Path nodeDirectory, Integer cores, Long memoryBytes) {
  public ApiaryConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(storageUri, "storageUri");
    Objects.requireNonNull(nodeDirectory, "nodeDirectory");
  }

  /** The defaults for a named apiary: storage and node state under {@code ~/.apiary}. */
  public static ApiaryConfig named(String name) {
    String valid = Identifiers.normalize("apiary", name);
    Path home = apiaryHome();
    return new ApiaryConfig(
        valid,
        home.resolve("data").resolve(valid).toString(),
        home.resolve("nodes").resolve(valid),
        null,
        null);
  }

  /** The same apiary on other storage; the node directory follows the storage location. */
  public ApiaryConfig withStorage(String uri) {
    Path nodes = apiaryHome().resolve("nodes");
    // Keyed on the parsed location, so "/tmp/x" and "local:///tmp/x" share one node directory.
    String key =
        Integer.toHexString(dev.apiary.storage.StorageUri.parse(uri).toString().hashCode());
    return new ApiaryConfig(name, uri, nodes.resolve(name + "-" + key), cores, memoryBytes);
  }

  public ApiaryConfig withNodeDirectory(Path directory) {
    return new ApiaryConfig(name, storageUri, directory, cores, memoryBytes);
  }

  public ApiaryConfig withResources(Integer newCores, Long newMemoryBytes) {
    return new ApiaryConfig(name, storageUri, nodeDirectory, newCores, newMemoryBytes);
  }

  /** {@code $APIARY_HOME}, or {@code ~/.apiary}. */
  public static Path apiaryHome() {
    String home = System.getenv("APIARY_HOME");
    return home != null && !home.isBlank()
        ? Path.of(home)
        : Path.of(System.getProperty("user.home"), ".apiary");
  }
}
