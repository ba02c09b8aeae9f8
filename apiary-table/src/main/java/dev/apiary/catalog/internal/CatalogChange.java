package dev.apiary.catalog.internal;

/**
 * One DDL operation as a function of the current catalog. A commit applies it to the latest state
 * and applies it again, from scratch, after every lost race, so it must not have side effects.
 *
 * @param <T> what the operation returns to its caller
 */
@FunctionalInterface
public interface CatalogChange<T> {
  /**
   * Computes the new catalog. Returning a tree equal to {@code current} means "nothing to do": no
   * version is written. Throwing (not found, conflicting definition) aborts the operation.
   */
  Outcome<T> apply(CatalogTree current);

  /** The catalog after the change, and the operation's result. */
  record Outcome<T>(CatalogTree tree, T value) {}
}
