package dev.apiary.catalog;

import static dev.apiary.catalog.CatalogFixtures.CLOCK;
import static dev.apiary.catalog.CatalogFixtures.open;
import static dev.apiary.catalog.CatalogFixtures.orders;
import static dev.apiary.catalog.CatalogFixtures.schema;
import static dev.apiary.catalog.CatalogFixtures.stateKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.ApiaryException;
import dev.apiary.error.ErrorCategory;
import dev.apiary.error.InvalidInputException;
import dev.apiary.error.NotFoundException;
import dev.apiary.storage.MemoryObjectStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final MemoryObjectStore memory = new MemoryObjectStore();
  private final Catalog catalog = open(memory);

  @Test
  void emptyStoreHasDefaultHiveAndBoxAndNothingIsWritten() {
    assertThat(catalog.listHives()).containsExactly("default");
    assertThat(catalog.listBoxes("default")).containsExactly("default");
    assertThat(catalog.listFrames("default", "default")).isEmpty();
    assertThat(catalog.version()).isZero();
    assertThat(catalog.warnings()).isEmpty();
    assertThat(memory.list("")).isEmpty();
  }

  @Test
  void frameCanBeCreatedInDefaultBoxWithoutCeremony() {
    FrameEntry entry = catalog.createFrame("default", "default", "events", orders());

    assertThat(entry.qualifiedName()).isEqualTo("default.default.events");
    assertThat(entry.location()).isEqualTo("default/default/events/");
    assertThat(catalog.version()).isEqualTo(1);
    assertThat(stateKeys(memory)).containsExactly("_registry/state_000001.json");
  }

  @Test
  void createListAndDropAtEveryLevel() {
    assertThat(catalog.createHive("Sales")).isTrue();
    assertThat(catalog.createBox("sales", "EU")).isTrue();
    assertThat(catalog.createBox("SALES", "us")).isTrue();
    FrameEntry orders = catalog.createFrame("sales", "eu", "Orders", orders());
    catalog.createFrame("sales", "eu", "returns", orders());

    assertThat(catalog.listHives()).containsExactly("default", "sales");
    assertThat(catalog.listBoxes("sales")).containsExactly("eu", "us");
    assertThat(catalog.listFrames("sales", "eu")).containsExactly("orders", "returns");
    assertThat(catalog.frame("SALES", "Eu", "ORDERS")).isEqualTo(orders);
    assertThat(orders.createdAt()).isEqualTo(CLOCK.instant());
    assertThat(UUID.fromString(orders.tableId()).version()).isEqualTo(4);
    assertThat(orders.location()).isEqualTo("sales/eu/orders/");
    assertThat(catalog.version()).isEqualTo(5);

    assertThat(catalog.dropFrame("sales", "eu", "returns").name()).isEqualTo("returns");
    assertThat(catalog.listFrames("sales", "eu")).containsExactly("orders");
    assertThat(catalog.dropBox("sales", "us", DropMode.RESTRICT)).isEmpty();
    assertThat(catalog.listBoxes("sales")).containsExactly("eu");
    assertThat(catalog.dropHive("sales", DropMode.CASCADE)).containsExactly(orders);
    assertThat(catalog.listHives()).containsExactly("default");
    assertThat(catalog.findFrame("sales", "eu", "orders")).isEmpty();
    assertThat(catalog.version()).isEqualTo(8);
  }

  @Test
  void recreatedFrameGetsANewTableId() {
    FrameEntry first = catalog.createFrame("default", "default", "f", orders());
    catalog.dropFrame("default", "default", "f");
    FrameEntry second = catalog.createFrame("default", "default", "f", orders());

    assertThat(second.tableId()).isNotEqualTo(first.tableId());
  }

  @Test
  void hiveNamesTheSqlEngineUsesForItsOwnCatalogsAreRefused() {
    long version = catalog.version();
    for (String name : List.of("System", "temp", "MEMORY", "main")) {
      assertThatThrownBy(() -> catalog.createHive(name))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              "The hive name '"
                  + name
                  + "' is reserved by the SQL engine (main, memory, system, temp): SQL would read"
                  + " the engine's own catalog instead. Choose another name");
    }
    assertThat(catalog.version()).isEqualTo(version);
    assertThat(catalog.createHive("systems")).isTrue();
  }

  @Test
  void creatingWhatExistsWithTheSameDefinitionWritesNothing() {
    catalog.createHive("sales");
    catalog.createBox("sales", "eu");
    FrameEntry created = catalog.createFrame("sales", "eu", "orders", orders());
    long version = catalog.version();

    assertThat(catalog.createHive("SALES")).isFalse();
    assertThat(catalog.createBox("sales", "eu")).isFalse();
    assertThat(catalog.createHive("default")).isFalse();
    FrameEntry again =
        catalog.createFrame(
            "sales",
            "eu",
            "orders",
            new FrameDefinition(orders().schema(), List.of("DAY"), Map.of("codec", "LZ4_RAW")));

    assertThat(again).isEqualTo(created);
    assertThat(catalog.version()).isEqualTo(version);
    assertThat(stateKeys(memory)).hasSize((int) version);
  }

  @Test
  void conflictingCreateShowsBothDefinitionsAndWritesNothing() {
    catalog.createFrame("default", "default", "orders", orders());
    FrameDefinition other =
        new FrameDefinition(
            schema("id", "int64", "name", "string"), List.of(), Map.of("codec", "zstd"));

    assertThatThrownBy(() -> catalog.createFrame("default", "default", "orders", other))
        .isInstanceOf(ApiaryException.class)
        .hasFieldOrPropertyWithValue("category", ErrorCategory.USER)
        .hasMessage(
            "Frame 'default.default.orders' already exists with a different definition."
                + " Existing: {\"schema\":{\"id\":\"int64 not null\",\"day\":\"date\","
                + "\"amount\":\"decimal(10,2)\"},\"partition_by\":[\"day\"],"
                + "\"properties\":{\"codec\":\"lz4_raw\"}};"
                + " requested: {\"schema\":{\"id\":\"int64\",\"name\":\"string\"},"
                + "\"partition_by\":[],\"properties\":{\"codec\":\"zstd\"}}."
                + " Create it with the existing definition, choose another name, or drop it first"
                + " with drop_frame('default', 'default', 'orders') (which deletes its data)");
    assertThat(catalog.version()).isEqualTo(1);
  }

  @Test
  void missingHiveIsNamed() {
    assertThatThrownBy(() -> catalog.createBox("sales", "eu"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Hive 'sales' does not exist; create it with create_hive('sales')");
    assertThatThrownBy(() -> catalog.createFrame("Sales", "eu", "orders", orders()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Hive 'sales' does not exist; create it with create_hive('sales')");
    assertThatThrownBy(() -> catalog.listBoxes("sales"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Hive 'sales' does not exist; create it with create_hive('sales')");
    assertThatThrownBy(() -> catalog.dropHive("sales", DropMode.CASCADE))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Hive 'sales' does not exist; create it with create_hive('sales')");
    assertThat(catalog.listHives()).containsExactly("default");
    assertThat(catalog.version()).isZero();
  }

  @Test
  void missingBoxIsNamed() {
    catalog.createHive("sales");

    assertThatThrownBy(() -> catalog.createFrame("sales", "EU", "orders", orders()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Box 'sales.eu' does not exist; create it with create_box('sales', 'eu')");
    assertThatThrownBy(() -> catalog.listFrames("sales", "eu"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Box 'sales.eu' does not exist; create it with create_box('sales', 'eu')");
    assertThatThrownBy(() -> catalog.dropBox("sales", "eu", DropMode.RESTRICT))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Box 'sales.eu' does not exist; create it with create_box('sales', 'eu')");
  }

  @Test
  void missingFrameIsNamedWithTheFramesThatExist() {
    catalog.createFrame("default", "default", "orders", orders());

    assertThatThrownBy(() -> catalog.frame("default", "default", "order"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(
            "Frame 'default.default.order' does not exist; frames in 'default.default': orders");
    assertThatThrownBy(() -> catalog.dropFrame("default", "default", "nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(
            "Frame 'default.default.nope' does not exist; frames in 'default.default': orders");
  }

  @Test
  void invalidNamesSayWhichRuleIsBroken() {
    assertThatThrownBy(() -> catalog.createHive(""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The hive name must not be empty");
    assertThatThrownBy(() -> catalog.createHive("_system"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The hive name '_system' starts with '_'; such names are reserved for Apiary");
    assertThatThrownBy(() -> catalog.createBox("default", "1st"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The box name '1st' must start with a letter or '_'");
    assertThatThrownBy(() -> catalog.createFrame("default", "default", "my-frame", orders()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("The frame name 'my-frame' may contain only letters a-z, digits 0-9 and '_'");
    String tooLong = "a".repeat(129);
    assertThatThrownBy(() -> catalog.createHive(tooLong))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "The hive name '" + tooLong + "' is 129 characters long; at most 128 are allowed");
    assertThat(catalog.version()).isZero();
  }

  @Test
  void restrictRefusesNonEmptyHiveAndBoxAndCascadeDropsEverything() {
    catalog.createHive("sales");
    catalog.createBox("sales", "eu");
    catalog.createBox("sales", "us");
    FrameEntry orders = catalog.createFrame("sales", "eu", "orders", orders());
    FrameEntry returns = catalog.createFrame("sales", "eu", "returns", orders());
    long version = catalog.version();

    assertThatThrownBy(() -> catalog.dropBox("sales", "eu", DropMode.RESTRICT))
        .isInstanceOf(ApiaryException.class)
        .hasFieldOrPropertyWithValue("category", ErrorCategory.USER)
        .hasMessage(
            "Box 'sales.eu' is not empty: it holds 2 frames (orders, returns); drop them first,"
                + " or drop the box with CASCADE to remove them too");
    assertThatThrownBy(() -> catalog.dropHive("sales", DropMode.RESTRICT))
        .isInstanceOf(ApiaryException.class)
        .hasFieldOrPropertyWithValue("category", ErrorCategory.USER)
        .hasMessage(
            "Hive 'sales' is not empty: it holds 2 boxes (eu, us) and 2 frames; drop them first,"
                + " or drop the hive with CASCADE to remove everything in it");
    assertThat(catalog.version()).isEqualTo(version);

    assertThat(catalog.dropBox("sales", "eu", DropMode.CASCADE)).containsExactly(orders, returns);
    assertThat(catalog.listBoxes("sales")).containsExactly("us");
    assertThatThrownBy(() -> catalog.dropHive("sales", DropMode.RESTRICT))
        .hasMessageStartingWith("Hive 'sales' is not empty: it holds 1 box (us) and 0 frames");
    catalog.dropBox("sales", "us", DropMode.RESTRICT);
    assertThat(catalog.dropHive("sales", DropMode.RESTRICT)).isEmpty();
    assertThat(catalog.listHives()).containsExactly("default");
  }

  @Test
  void defaultHiveCanBeDroppedAndStaysDropped() {
    catalog.dropHive("default", DropMode.CASCADE);

    assertThat(catalog.listHives()).isEmpty();
    assertThat(open(memory).listHives()).isEmpty();
  }

  @Test
  void twoInstancesOnOneStoreSeeEachOthersChanges() {
    Catalog other = open(memory);
    catalog.createHive("sales");
    assertThat(other.listHives()).containsExactly("default", "sales");
    other.createBox("sales", "eu");
    assertThat(catalog.listBoxes("sales")).containsExactly("eu");
    FrameEntry entry = catalog.createFrame("sales", "eu", "orders", orders());
    assertThat(other.frame("sales", "eu", "orders")).isEqualTo(entry);
    other.dropHive("sales", DropMode.CASCADE);
    assertThat(catalog.listHives()).containsExactly("default");
    assertThat(catalog.version()).isEqualTo(other.version()).isEqualTo(4);
  }
}
