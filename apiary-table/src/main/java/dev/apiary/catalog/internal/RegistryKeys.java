package dev.apiary.catalog.internal;

import java.util.Locale;

/** Where the catalog keeps its objects in the store (SPEC 3.3). */
public final class RegistryKeys {
  /** The best-effort hint naming the newest version a writer committed. */
  public static final String LATEST_HINT = "_registry/latest.json";

  private RegistryKeys() {}

  /** {@code _registry/state_000042.json}; versions past 999999 simply get more digits. */
  public static String state(long version) {
    if (version < 1) {
      throw new IllegalArgumentException("catalog versions start at 1: " + version);
    }
    return String.format(Locale.ROOT, "_registry/state_%06d.json", version);
  }
}
