package dev.apiary.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to commit: the cells it adds, whether it replaces the frame's contents or rearranges
 * some of its cells, and an optional idempotency token.
 *
 * @param replaces for {@link Mode#COMPACT}, the paths of the cells the added ones replace (empty
 *     otherwise)
 */
public record WriteOperation(
    Mode mode,
    List<DataFile> adds,
    List<String> replaces,
    Optional<AppTransaction> appTransaction) {

  /** How the added cells relate to what is already in the frame. */
  public enum Mode {
    /** Add cells; everything already in the frame stays. */
    APPEND,
    /**
     * Replace everything live at the version this commit lands at (including cells appended
     * concurrently before that version) with the added cells.
     */
    OVERWRITE,
    /**
     * Replace the listed cells with added cells holding the same rows (Delta {@code
     * dataChange=false}): concurrent appends survive; if another commit removed any listed cell
     * first, the compaction fails and changes nothing.
     */
    COMPACT
  }

  public WriteOperation {
    Objects.requireNonNull(mode, "mode");
    adds = List.copyOf(adds);
    replaces = List.copyOf(replaces);
    Objects.requireNonNull(appTransaction, "appTransaction");
    if ((mode == Mode.COMPACT) == replaces.isEmpty()) {
      throw new IllegalArgumentException(
          "A compaction lists the cells it replaces, and only a compaction does: "
              + mode
              + " with "
              + replaces.size()
              + " replaced cells");
    }
  }

  /** An append or overwrite. */
  public WriteOperation(Mode mode, List<DataFile> adds, Optional<AppTransaction> appTransaction) {
    this(mode, adds, List.of(), appTransaction);
  }

  public static WriteOperation append(List<DataFile> adds) {
    return new WriteOperation(Mode.APPEND, adds, Optional.empty());
  }

  public static WriteOperation overwrite(List<DataFile> adds) {
    return new WriteOperation(Mode.OVERWRITE, adds, Optional.empty());
  }

  /**
   * Replaces the cells at {@code replaces} with {@code adds}, which must hold exactly their rows.
   * The added cells are committed with {@code dataChange=false} whatever their flag says.
   */
  public static WriteOperation compact(List<String> replaces, List<DataFile> adds) {
    List<DataFile> rearranged = new java.util.ArrayList<>(adds.size());
    for (DataFile add : adds) {
      rearranged.add(
          new DataFile(
              add.path(),
              add.partitionValues(),
              add.size(),
              add.modificationTime(),
              false,
              add.stats()));
    }
    return new WriteOperation(Mode.COMPACT, rearranged, replaces, Optional.empty());
  }

  /** The same operation, applied at most once for this application id and sequence number. */
  public WriteOperation idempotent(String appId, long sequence) {
    return new WriteOperation(
        mode, adds, replaces, Optional.of(new AppTransaction(appId, sequence)));
  }
}
