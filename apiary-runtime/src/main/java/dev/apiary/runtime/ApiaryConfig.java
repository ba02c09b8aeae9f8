package dev.apiary.runtime;

import dev.apiary.runtime.swarm.SwarmSettings;
import dev.apiary.table.Identifiers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a node.
 *
 * @param name the apiary's name (default storage {@code ~/.apiary/data/<name>})
 * @param storageUri where data lives ({@code local:///...}, a path, {@code memory://})
 * @param nodeDirectory local state of this node: id, staging, spill, the cell cache ({@code
 *     cache/})
 * @param cores cores to use, or null to detect
 * @param memoryBytes memory to use, or null to detect
 * @param swarm heartbeat and world view timing (SPEC defaults; {@link #named} reads overrides from
 *     the environment, see {@link SwarmSettings#fromEnvironment})
 * @param cacheBytes capacity of the cell cache, or null for {@code APIARY_CACHE_SIZE} or else the
 *     default, min(2 GiB, 25 % of the free disk space)
 * @param compactionInterval how often background compaction looks at the frames this node wrote, or
 *     null for {@code APIARY_COMPACTION_INTERVAL} (e.g. {@code 5m}, {@code off}) or else 1 minute;
 *     zero turns it off
 * @param freshnessWindow how long a statement may reuse the catalog and frame versions this node
 *     read instead of checking storage, or null for {@code APIARY_FRESHNESS_WINDOW} (e.g. {@code
 *     2s}) or else zero: every statement checks, and sees every commit that returned before it
 *     started
 */
public record ApiaryConfig(
    String name,
    String storageUri,
    Path nodeDirectory,
    Integer cores,
    Long memoryBytes,
    SwarmSettings swarm,
    Long cacheBytes,
    Duration compactionInterval,
    Duration freshnessWindow) {
  public ApiaryConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(storageUri, "storageUri");
    Objects.requireNonNull(nodeDirectory, "nodeDirectory");
    Objects.requireNonNull(swarm, "swarm");
    if (compactionInterval != null && compactionInterval.isNegative()) {
      throw new dev.apiary.error.InvalidInputException(
          "The compaction interval must not be negative, got " + compactionInterval);
    }
    if (freshnessWindow != null && freshnessWindow.isNegative()) {
      throw new dev.apiary.error.InvalidInputException(
          "The freshness window must be zero (always check storage) or positive, got "
              + freshnessWindow);
    }
    if (cacheBytes != null && cacheBytes < 0) {
      throw new dev.apiary.error.InvalidInputException(
          "The cell cache size must be 0 or more bytes, got " + cacheBytes);
    }
  }

  /** A node with the SPEC's swarm timing and the default cell cache. */
  public ApiaryConfig(
      String name, String storageUri, Path nodeDirectory, Integer cores, Long memoryBytes) {
    this(
        name,
        storageUri,
        nodeDirectory,
        cores,
        memoryBytes,
        SwarmSettings.DEFAULTS,
        null,
        null,
        null);
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
        null,
        SwarmSettings.fromEnvironment(System::getenv),
        null,
        null,
        null);
  }

  /** The same apiary on other storage; the node directory follows the storage location. */
  public ApiaryConfig withStorage(String uri) {
    Path nodes = apiaryHome().resolve("nodes");
    // Keyed on the parsed location, so "/tmp/x" and "local:///tmp/x" share one node directory.
    String key =
        Integer.toHexString(dev.apiary.storage.StorageUri.parse(uri).toString().hashCode());
    return new ApiaryConfig(
        name,
        uri,
        nodes.resolve(name + "-" + key),
        cores,
        memoryBytes,
        swarm,
        cacheBytes,
        compactionInterval,
        freshnessWindow);
  }

  public ApiaryConfig withNodeDirectory(Path directory) {
    return new ApiaryConfig(
        name,
        storageUri,
        directory,
        cores,
        memoryBytes,
        swarm,
        cacheBytes,
        compactionInterval,
        freshnessWindow);
  }

  public ApiaryConfig withResources(Integer newCores, Long newMemoryBytes) {
    return new ApiaryConfig(
        name,
        storageUri,
        nodeDirectory,
        newCores,
        newMemoryBytes,
        swarm,
        cacheBytes,
        compactionInterval,
        freshnessWindow);
  }

  /** The same node with other swarm timing. */
  public ApiaryConfig withSwarm(SwarmSettings settings) {
    return new ApiaryConfig(
        name,
        storageUri,
        nodeDirectory,
        cores,
        memoryBytes,
        settings,
        cacheBytes,
        compactionInterval,
        freshnessWindow);
  }

  /** The same node with a cell cache of this capacity (null: the environment or the default). */
  public ApiaryConfig withCacheBytes(Long newCacheBytes) {
    return new ApiaryConfig(
        name,
        storageUri,
        nodeDirectory,
        cores,
        memoryBytes,
        swarm,
        newCacheBytes,
        compactionInterval,
        freshnessWindow);
  }

  /**
   * The cell cache's capacity: {@link #cacheBytes()}, else {@code APIARY_CACHE_SIZE} (e.g. {@code
   * 512MB}), else {@code -1} for the default.
   */
  public long cacheCapacity() {
    if (cacheBytes != null) {
      return cacheBytes;
    }
    String value = System.getenv("APIARY_CACHE_SIZE");
    return value == null || value.isBlank() ? -1 : NodeResources.parseBytes(value);
  }

  /**
   * The same node with background compaction every {@code interval} ({@link Duration#ZERO}: off).
   */
  public ApiaryConfig withCompactionInterval(Duration interval) {
    return new ApiaryConfig(
        name,
        storageUri,
        nodeDirectory,
        cores,
        memoryBytes,
        swarm,
        cacheBytes,
        interval,
        freshnessWindow);
  }

  /**
   * The same node with statements that reuse what they read for {@code window} ({@link
   * Duration#ZERO}: every statement checks storage). Opt-in: within the window a statement may miss
   * commits and catalog changes made by other nodes or other Delta writers.
   */
  public ApiaryConfig withFreshnessWindow(Duration window) {
    return new ApiaryConfig(
        name,
        storageUri,
        nodeDirectory,
        cores,
        memoryBytes,
        swarm,
        cacheBytes,
        compactionInterval,
        window);
  }

  /**
   * How long statements reuse what they read: {@link #freshnessWindow()}, else {@code
   * APIARY_FRESHNESS_WINDOW} (e.g. {@code 2s}, {@code 500ms}), else zero (always check storage).
   */
  public Duration freshness() {
    if (freshnessWindow != null) {
      return freshnessWindow;
    }
    String value = System.getenv("APIARY_FRESHNESS_WINDOW");
    if (value == null || value.isBlank() || value.strip().equals("0")) {
      return Duration.ZERO;
    }
    Duration window = SwarmSettings.parseDuration("APIARY_FRESHNESS_WINDOW", value);
    if (window.isNegative()) {
      throw new dev.apiary.error.InvalidInputException(
          "APIARY_FRESHNESS_WINDOW must be 0 (always check storage) or positive, got '"
              + value
              + "'");
    }
    return window;
  }

  /**
   * How often background compaction runs: {@link #compactionInterval()}, else {@code
   * APIARY_COMPACTION_INTERVAL} ({@code off} or {@code 0} turn it off), else 1 minute. Zero: off.
   */
  public Duration compaction() {
    if (compactionInterval != null) {
      return compactionInterval;
    }
    String value = System.getenv("APIARY_COMPACTION_INTERVAL");
    if (value == null || value.isBlank()) {
      return Duration.ofMinutes(1);
    }
    if (value.strip().equalsIgnoreCase("off") || value.strip().equals("0")) {
      return Duration.ZERO;
    }
    return SwarmSettings.parseDuration("APIARY_COMPACTION_INTERVAL", value);
  }

  /** The cell cache's directory. */
  public Path cacheDirectory() {
    return nodeDirectory.resolve("cache");
  }

  /** {@code $APIARY_HOME}, or {@code ~/.apiary}. */
  public static Path apiaryHome() {
    String home = System.getenv("APIARY_HOME");
    return home != null && !home.isBlank()
        ? Path.of(home)
        : Path.of(System.getProperty("user.home"), ".apiary");
  }
}
