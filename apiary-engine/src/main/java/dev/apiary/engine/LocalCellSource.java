package dev.apiary.engine;

import dev.apiary.storage.ObjectNotFoundException;
import dev.apiary.storage.ObjectStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cells of a store whose objects are plain local files ({@link ObjectStore#localFile}): the store's
 * own files are read in place, so nothing is copied and nothing needs holding. Stores without local
 * files need a cache (the node's cell cache) instead.
 */
public final class LocalCellSource implements CellSource {
  private final ObjectStore store;

  public LocalCellSource(ObjectStore store) {
    this.store = store;
  }

  @Override
  public List<Path> directories() {
    return store.localDirectory().stream().toList();
  }

  /**
   * @throws ObjectNotFoundException if a cell has no local file: it is missing, or the store is
   *     remote
   */
  @Override
  public CellLease lease(List<CellRequest> cells) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (CellRequest cell : cells) {
      Path file =
          store
              .localFile(cell.key())
              .orElseThrow(
                  () ->
                      new ObjectNotFoundException(
                          "Cell '"
                              + cell.key()
                              + "' has no local file in "
                              + store.describe()
                              + "; it is missing, or the store is remote and needs the cell"
                              + " cache"));
      files.put(cell.key(), file);
    }
    return new CellLease(files, () -> {});
  }
}
