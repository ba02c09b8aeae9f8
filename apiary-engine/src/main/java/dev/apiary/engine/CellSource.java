package dev.apiary.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the engine gets local files for cells. The engine reads cells only as local files, and it
 * opens them lazily while a statement runs, so files are handed out under a {@link CellLease}: a
 * file stays in place until its lease is closed. Implementations are safe to use from many threads.
 */
public interface CellSource {

  /**
   * Local files for the given cells, held until the returned lease is closed. Either every cell
   * gets a file or none does: on failure nothing stays held.
   *
   * @throws dev.apiary.storage.ObjectNotFoundException if a cell is missing from storage
   * @throws dev.apiary.error.ApiaryException with category RESOURCE if there is no room for the
   *     cells locally (the message names the directory and what to change)
   */
  CellLease lease(List<CellRequest> cells);

  /**
   * Offers cells this node has just written and committed (write-through), keyed by their storage
   * key. Called after the commit succeeded and before the staged files are deleted; an
   * implementation may link, copy or move the files. Never throws: the data is safely in storage
   * whatever happens here. The default keeps nothing.
   */
  default void written(Map<String, Path> stagedFiles) {}

  /**
   * Directories under which every file this source hands out lies, so an engine can be allowed to
   * read them once for many statements. A file outside them is still readable by a statement, which
   * then gets an engine allowed into its directory. The default names none.
   */
  default List<Path> directories() {
    return List.of();
  }
}
