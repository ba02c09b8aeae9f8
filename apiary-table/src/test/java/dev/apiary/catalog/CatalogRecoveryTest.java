package dev.apiary.catalog;

import static dev.apiary.catalog.CatalogFixtures.CLOCK;
import static dev.apiary.catalog.CatalogFixtures.open;
import static dev.apiary.catalog.CatalogFixtures.orders;
import static dev.apiary.catalog.CatalogFixtures.stateKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.storage.MemoryObjectStore;
import dev.apiary.storage.ObjectStore;
import dev.apiary.storage.OutcomeUnknownException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding the newest version cheaply, surviving corrupt versions and ambiguous writes. */
class CatalogRecoveryTest {
  private static final String HINT = "_registry/latest.json";
  private final MemoryObjectStore memory = new MemoryObjectStore();
  private final ScriptedStore store = new ScriptedStore(memory);

  @Test
  void newestOfManyVersionsIsFoundWithoutListingAndWithFewReads() {
    Catalog writer = open(memory);
    for (int i = 0; i < 300; i++) {
      writer.createHive("hive_" + i);
    }
    assertThat(memory.get(HINT)).isPresent();

    store.resetCounts();
    Catalog hinted = open(store);
    assertThat(hinted.version()).isEqualTo(300);
    assertThat(store.lists.get()).isZero();
    assertThat(store.reads()).isLessThanOrEqualTo(6);

    memory.delete(HINT);
    store.resetCounts();
    Catalog unhinted = open(store);
    assertThat(unhinted.version()).isEqualTo(300);
    assertThat(unhinted.listHives()).hasSize(301);
    assertThat(store.lists.get()).isZero();
    assertThat(store.reads()).isLessThan(40);
  }

  @Test
  void refreshProbesForwardFromTheCachedVersion() {
    Catalog reader = open(store);
    Catalog writer = open(memory);
    for (int i = 0; i < 100; i++) {
      writer.createHive("hive_" + i);
    }

    store.resetCounts();
    assertThat(reader.listHives()).hasSize(101);
    assertThat(store.lists.get()).isZero();
    assertThat(store.reads()).isLessThan(20);

    store.resetCounts();
    assertThat(reader.version()).isEqualTo(100);
    assertThat(store.reads()).isEqualTo(1);
  }

  @Test
  void staleOrCorruptHintIsOnlyAStartingPoint() {
    Catalog writer = open(memory);
    writer.createHive("a");
    writer.createHive("b");
    memory.put(HINT, "{\"version\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(open(memory).version()).isEqualTo(2);
    memory.put(HINT, "{\"version\":77}".getBytes(StandardCharsets.UTF_8));
    assertThat(open(memory).version()).isEqualTo(2);
    memory.put(HINT, "not json".getBytes(StandardCharsets.UTF_8));
    assertThat(open(memory).listHives()).containsExactly("a", "b", "default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "truncated", "empty", "unknown-format", "wrong-version"})
  void corruptNewestVersionFallsBackReportsAndIsNeverOverwritten(String damage) {
    Catalog writer = open(memory);
    writer.createHive("sales");
    writer.createBox("sales", "eu");
    byte[] second = memory.get("_registry/state_000002.json").orElseThrow();
    String text = new String(second, StandardCharsets.UTF_8);
    byte[] corrupt =
        switch (damage) {
          case "garbage" -> new byte[] {(byte) 0xff, 0x00, 0x13, 0x37};
          case "truncated" -> text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8);
          case "empty" -> new byte[0];
          case "unknown-format" ->
              text.replace("\"format_version\":1", "\"format_version\":0")
                  .replace("\"version\":2", "\"version\":3")
                  .getBytes(StandardCharsets.UTF_8);
          case "wrong-version" -> second;
          default -> throw new IllegalArgumentException(damage);
        };
    memory.putIfAbsent("_registry/state_000003.json", corrupt);

    Catalog reopened = open(memory);

    assertThat(reopened.version()).isEqualTo(3);
    assertThat(reopened.listBoxes("sales")).containsExactly("eu");
    assertThat(reopened.warnings())
        .singleElement()
        .asString()
        .startsWith(
            "Catalog version _registry/state_000003.json in "
                + memory.describe()
                + " is unreadable and was skipped: ")
        .endsWith("; the catalog uses the newest readable version before it");
    assertThat(writer.listHives()).containsExactly("default", "sales");
    assertThat(writer.warnings()).hasSize(1);

    reopened.createBox("sales", "us");

    assertThat(stateKeys(memory))
        .containsExactly(
            "_registry/state_000001.json",
            "_registry/state_000002.json",
            "_registry/state_000003.json",
            "_registry/state_000004.json");
    assertThat(memory.get("_registry/state_000003.json").orElseThrow()).isEqualTo(corrupt);
    assertThat(open(memory).listBoxes("sales")).containsExactly("eu", "us");
    assertThat(writer.listBoxes("sales")).containsExactly("eu", "us");
  }

  @Test
  void warningSaysWhatIsWrong() {
    open(memory).createHive("sales");
    memory.putIfAbsent("_registry/state_000002.json", new byte[0]);
    memory.putIfAbsent(
        "_registry/state_000003.json", "{\"format_version\":0}".getBytes(StandardCharsets.UTF_8));

    assertThat(open(memory).warnings())
        .containsExactly(
            "Catalog version _registry/state_000003.json in "
                + memory.describe()
                + " is unreadable and was skipped: it has format_version 0 but this Apiary reads"
                + " only format_version 1; the catalog uses the newest readable version before it",
            "Catalog version _registry/state_000002.json in "
                + memory.describe()
                + " is unreadable and was skipped: it is empty; the catalog uses the newest"
                + " readable version before it");
  }

  @Test
  void newerFormatIsRefusedInsteadOfSilentlyUndone() {
    open(memory).createHive("sales");
    byte[] newer =
        new String(memory.get("_registry/state_000001.json").orElseThrow(), StandardCharsets.UTF_8)
            .replace("\"format_version\":1", "\"format_version\":2")
            .replace("\"version\":1", "\"version\":2")
            .getBytes(StandardCharsets.UTF_8);
    memory.putIfAbsent("_registry/state_000002.json", newer);

    assertThatThrownBy(() -> open(memory).createHive("more"))
        .isInstanceOf(ApiaryException.class)
        .hasMessage(
            "Catalog state '_registry/state_000002.json' cannot be used: it was written by a newer"
                + " Apiary (format_version 2; this Apiary reads format_version 1). Upgrade Apiary"
                + " on this node to use this storage");
    assertThat(stateKeys(memory))
        .containsExactly("_registry/state_000001.json", "_registry/state_000002.json");
  }

  @Test
  void everyVersionCorruptStillOpensWithTheInitialCatalog() {
    memory.putIfAbsent("_registry/state_000001.json", "{".getBytes(StandardCharsets.UTF_8));

    Catalog catalog = open(memory);

    assertThat(catalog.listHives()).containsExactly("default");
    assertThat(catalog.warnings()).hasSize(1);
    catalog.createHive("sales");
    assertThat(memory.get("_registry/state_000002.json")).isPresent();
  }

  @Test
  void writeWhoseAnswerWasLostIsResolvedAsCommitted() {
    Catalog catalog = open(store);
    store.onNextPutIfAbsent(ScriptedStore.WRITE_THEN_LOSE_ANSWER);

    assertThat(catalog.createHive("sales")).isTrue();

    assertThat(stateKeys(memory)).containsExactly("_registry/state_000001.json");
    assertThat(store.putIfAbsents.get()).isEqualTo(1);
    assertThat(open(memory).listHives()).containsExactly("default", "sales");
  }

  @Test
  void dropWhoseAnswerWasLostIsReportedAsDoneNotAsMissing() {
    Catalog catalog = open(store);
    FrameEntry entry = catalog.createFrame("default", "default", "orders", orders());
    store.onNextPutIfAbsent(ScriptedStore.WRITE_THEN_LOSE_ANSWER);

    assertThat(catalog.dropFrame("default", "default", "orders")).isEqualTo(entry);

    assertThat(stateKeys(memory)).hasSize(2);
    assertThat(open(memory).listFrames("default", "default")).isEmpty();
  }

  @Test
  void writeThatNeverHappenedIsRetriedAtTheSameVersion() {
    Catalog catalog = open(store);
    store.onNextPutIfAbsent(ScriptedStore.LOSE_REQUEST);

    assertThat(catalog.createHive("sales")).isTrue();

    assertThat(stateKeys(memory)).containsExactly("_registry/state_000001.json");
    assertThat(store.putIfAbsents.get()).isEqualTo(2);
  }

  @Test
  void writeThatLandsAfterItsAnswerWasLostIsRecognisedAsOurs() {
    Catalog catalog = open(store);
    FrameEntry entry = catalog.createFrame("default", "default", "orders", orders());
    byte[][] delayed = new byte[1][];
    store.onEveryPutIfAbsent(
        new ScriptedStore.PutIfAbsentScript() {
          private int calls;

          @Override
          public boolean putIfAbsent(ObjectStore delegate, String key, byte[] content) {
            if (calls++ == 0) {
              delayed[0] = content;
              throw new OutcomeUnknownException("timeout on " + key, null);
            }
            // The first request arrives late, just before the retry.
            delegate.putIfAbsent(key, delayed[0]);
            return delegate.putIfAbsent(key, content);
          }
        });

    assertThat(catalog.dropFrame("default", "default", "orders")).isEqualTo(entry);
    assertThat(stateKeys(memory)).hasSize(2);
    assertThat(open(memory).listFrames("default", "default")).isEmpty();
  }

  @Test
  void storeWhereEveryWriteLosesGivesUpWithAConflictAfterBoundedAttempts() {
    Catalog catalog =
        Catalog.open(
            store,
            CLOCK,
            new SplittableRandom(1),
            new RetryPolicy(5, Duration.ofNanos(1000), Duration.ofNanos(4000)));
    store.onEveryPutIfAbsent(ScriptedStore.ALWAYS_LOSE);

    assertThatThrownBy(() -> catalog.createHive("sales"))
        .isInstanceOf(ApiaryException.class)
        .hasFieldOrPropertyWithValue("category", ErrorCategory.CONFLICT)
        .hasMessage(
            "The catalog change 'create_hive sales' was not committed in "
                + store.describe()
                + " after 5 attempts: another writer committed first every time; retry the"
                + " operation");
    assertThat(store.putIfAbsents.get()).isEqualTo(5);
    assertThat(memory.list("")).isEmpty();
  }

  @Test
  void failingHintWriteNeverFailsTheChange() {
    store.failPuts();
    Catalog catalog = open(store);

    assertThat(catalog.createHive("sales")).isTrue();

    assertThat(store.puts.get()).isEqualTo(1);
    assertThat(memory.get(HINT)).isEmpty();
    assertThat(open(memory).listHives()).containsExactly("default", "sales");
  }
}
