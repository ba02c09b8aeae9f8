package dev.apiary.catalog;

import static dev.apiary.catalog.CatalogFixtures.CLOCK;
import static dev.apiary.catalog.CatalogFixtures.FAST;
import static dev.apiary.catalog.CatalogFixtures.orders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.storage.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Guards the stored format of catalog versions: other nodes and versions must read it. */
class StateFormatTest {
  @Test
  void stateFileHoldsTheFullCatalogAsVersionedJson() {
    MemoryObjectStore memory = new MemoryObjectStore();
    Catalog catalog = Catalog.open(memory, CLOCK, new SplittableRandom(42), FAST);
    catalog.createHive("sales");
    catalog.createBox("sales", "eu");
    FrameEntry entry = catalog.createFrame("sales", "eu", "orders", orders());
    assertThat(entry.tableId()).isEqualTo("09bc585a-2448-43f2-9e44-31fa3c80db06");

    String json =
        new String(memory.get("_registry/state_000003.json").orElseThrow(), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"format_version\":1,\"version\":3,\"commit_id\":\"37e9671c-4537-4d5d-8cf6-35ee9e9e2fa4\","
                + "\"committed_at\":\"2025-01-02T03:04:05Z\","
                + "\"operation\":\"create_frame sales.eu.orders\",\"hives\":{"
                + "\"default\":{\"boxes\":{\"default\":{\"frames\":{}}}},"
                + "\"sales\":{\"boxes\":{\"eu\":{\"frames\":{\"orders\":{"
                + "\"table_id\":\"09bc585a-2448-43f2-9e44-31fa3c80db06\",\"created_at\":\"2025-01-02T03:04:05Z\",\"schema\":["
                + "{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false},"
                + "{\"name\":\"day\",\"type\":\"date\",\"nullable\":true},"
                + "{\"name\":\"amount\",\"type\":\"decimal(10,2)\",\"nullable\":true}],"
                + "\"partition_by\":[\"day\"],\"properties\":{\"codec\":\"lz4_raw\"}}}}}}}}");
    assertThat(
            new String(memory.get("_registry/latest.json").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"version\":3}");
  }
}
