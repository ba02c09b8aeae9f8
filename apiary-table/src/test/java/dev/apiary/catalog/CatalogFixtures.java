package dev.apiary.catalog;

import dev.apiary.storage.ObjectStore;
import dev.apiary.table.FrameSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared helpers for catalog tests. */
final class CatalogFixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  /** Fast retries: tests must not sleep much, but real jitter still spreads racing threads. */
  static final RetryPolicy FAST = new RetryPolicy(25, Duration.ofNanos(1000), Duration.ofMillis(2));

  private CatalogFixtures() {}

  static Catalog open(ObjectStore store) {
    return Catalog.open(store, CLOCK, new SplittableRandom(), FAST);
  }

  /** An ordered schema from alternating name, type arguments. */
  static FrameSchema schema(String... nameTypePairs) {
    Map<String, String> declaration = new LinkedHashMap<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      declaration.put(nameTypePairs[i], nameTypePairs[i + 1]);
    }
    return FrameSchema.parse(declaration);
  }

  static FrameDefinition orders() {
    return new FrameDefinition(
        schema("id", "int64 not null", "day", "date", "amount", "decimal(10,2)"),
        List.of("day"),
        Map.of());
  }

  static List<String> stateKeys(ObjectStore store) {
    return store.list("_registry/").stream()
        .map(info -> info.key())
        .filter(key -> key.startsWith("_registry/state_"))
        .toList();
  }
}
