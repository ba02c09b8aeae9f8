package dev.apiary.catalog.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * One catalog version as stored in {@code _registry/state_<version>.json}.
 *
 * @param version the version number, equal to the number in the file name (0 = the implicit initial
 *     catalog, never stored)
 * @param commitId a random id unique to the change that wrote this version; a writer whose
 *     create-only put had an unknown outcome reads the file back and compares it
 * @param committedAt the writer's clock when it wrote the version
 * @param operation a short description of the change, for people reading the file
 * @param tree the full catalog
 */
public record StateRecord(
    long version, String commitId, Instant committedAt, String operation, CatalogTree tree) {
  public static final StateRecord INITIAL =
      new StateRecord(0, "", Instant.EPOCH, "initial", CatalogTree.INITIAL);

  public StateRecord {
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(committedAt, "committedAt");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tree, "tree");
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0: " + version);
    }
  }
}
