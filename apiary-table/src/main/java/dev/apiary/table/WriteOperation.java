package dev.apiary.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One data change to commit: the cells it adds, whether it replaces the frame's contents, and an
 * optional idempotency token.
 */
public record WriteOperation(
    Mode mode, List<DataFile> adds, Optional<AppTransaction> appTransaction) {

  /** How the added cells relate to what is already in the frame. */
  public enum Mode {
    /** Add cells; everything already in the frame stays. */
    APPEND,
    /**
     * Replace everything live at the version this commit lands at (including cells appended
     * concurrently before that version) with the added cells.
     */
    OVERWRITE
  }

  public WriteOperation {
    Objects.requireNonNull(mode, "mode");
    adds = List.copyOf(adds);
    Objects.requireNonNull(appTransaction, "appTransaction");
  }

  public static WriteOperation append(List<DataFile> adds) {
    return new WriteOperation(Mode.APPEND, adds, Optional.empty());
  }

  public static WriteOperation overwrite(List<DataFile> adds) {
    return new WriteOperation(Mode.OVERWRITE, adds, Optional.empty());
  }

  /** The same operation, applied at most once for this application id and sequence number. */
  public WriteOperation idempotent(String appId, long sequence) {
    return new WriteOperation(mode, adds, Optional.of(new AppTransaction(appId, sequence)));
  }
}
