package dev.apiary.table;

import java.util.Objects;

/**
 * An idempotency token for writes (the Delta {@code txn} action): an application id and a sequence
 * number. A write carrying a version that is not greater than the last one committed for its
 * application is not applied again.
 */
public record AppTransaction(String appId, long version) {
  public AppTransaction {
    Objects.requireNonNull(appId, "appId");
    if (appId.isBlank()) {
      throw new IllegalArgumentException("appId must not be blank");
    }
    if (version < 0) {
      throw new IllegalArgumentException("txn version must be >= 0: " + version);
    }
  }
}
