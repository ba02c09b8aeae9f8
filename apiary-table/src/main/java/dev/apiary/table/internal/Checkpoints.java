package dev.apiary.table.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiary.storage.ObjectStore;
import dev.apiary.table.CorruptLogException;
import dev.apiary.table.DataFile;
import dev.apiary.table.RemovedFile;
import dev.apiary.table.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints of one table: writing {@code <v>.checkpoint.parquet} plus {@code _last_checkpoint},
 * and loading a snapshot from them. A checkpoint holds the protocol, the metadata, the last txn of
 * every application, every live add, and the tombstones still within the removed-file retention.
 */
public final class Checkpoints {
  private final ObjectStore store;
  private final String root;
  private final ActionCodec codec;
  private final StatsJson statsJson;
  private final CheckpointFiles files;
  private final ObjectMapper mapper = new ObjectMapper();

  public Checkpoints(
      ObjectStore store,
      String root,
      ActionCodec codec,
      StatsJson statsJson,
      CheckpointFiles files) {
    this.store = store;
    this.root = root;
    this.codec = codec;
    this.statsJson = statsJson;
    this.files = files;
  }

  /**
   * Writes the checkpoint of {@code snapshot}, then advances {@code _last_checkpoint} if it points
   * to an older version. Plain puts are enough: any two checkpoints of one version are equivalent.
   *
   * @param tombstonesAfter tombstones deleted at or before this time (ms) are left out
   */
  public void write(Snapshot snapshot, long tombstonesAfter) {
    List<ObjectNode> rows = new ArrayList<>();
    rows.add(
        codec.toNode(
            new LogAction.Protocol(snapshot.minReaderVersion(), snapshot.minWriterVersion())));
    rows.add(codec.toNode(new LogAction.Metadata(snapshot.metadata())));
    for (Map.Entry<String, Long> txn : snapshot.appTransactions().entrySet()) {
      rows.add(codec.toNode(new LogAction.Txn(txn.getKey(), txn.getValue(), snapshot.timestamp())));
    }
    for (DataFile file : snapshot.files()) {
      rows.add(codec.toNode(LogAction.Add.of(file, statsJson.toJson(file.stats()))));
    }
    for (RemovedFile tombstone : snapshot.tombstonesByPath().values()) {
      if (tombstone.deletionTimestamp() > tombstonesAfter) {
        rows.add(codec.toNode(new LogAction.Remove(tombstone)));
      }
    }
    byte[] parquet = files.write(rows);
    store.put(root + LogPaths.checkpoint(snapshot.version()), parquet);
    long previous = lastCheckpointVersion().orElse(-1L);
    if (previous < snapshot.version()) {
      ObjectNode last = mapper.createObjectNode();
      last.put("version", snapshot.version());
      last.put("size", rows.size());
      last.put("sizeInBytes", parquet.length);
      last.put("numOfAddFiles", snapshot.fileCount());
      store.put(root + LogPaths.LAST_CHECKPOINT, last.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The version {@code _last_checkpoint} names, if the file exists and is readable. */
  public Optional<Long> lastCheckpointVersion() {
    Optional<byte[]> content = store.get(root + LogPaths.LAST_CHECKPOINT);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = mapper.readTree(content.get());
      return node != null && node.path("version").isIntegralNumber()
          ? Optional.of(node.get("version").asLong())
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * Loads the checkpoint of {@code version} into a replay positioned at that version.
   *
   * @return empty if the checkpoint file does not exist
   * @throws CorruptLogException if it exists but cannot be read
   */
  public Optional<SnapshotReplay> load(long version, long commitTimestamp) {
    String key = root + LogPaths.checkpoint(version);
    Optional<byte[]> content = store.get(key);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    List<LogAction> actions = new ArrayList<>();
    int row = 0;
    for (JsonNode node : files.read(content.get(), key)) {
      row++;
      actions.add(codec.decodeNode(node, key + " row " + row));
    }
    SnapshotReplay replay = new SnapshotReplay(statsJson);
    replay.apply(version, commitTimestamp, actions, key);
    replay.build(key);
    return Optional.of(replay);
  }
}
