package dev.apiary.catalog;

import static dev.apiary.catalog.CatalogFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import dev.apiary.table.FrameSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameDefinitionTest {
  private final FrameSchema schema =
      schema(
          "Id", "int64", "Day", "date", "price", "float64", "raw", "binary", "d", "decimal(5,1)");

  @Test
  void partitionColumnsTakeTheSchemaSpellingAndDefaultsAreFilledIn() {
    FrameDefinition definition = new FrameDefinition(schema, List.of("DAY", "id"), Map.of());

    assertThat(definition.partitionBy()).containsExactly("Day", "Id");
    assertThat(definition.properties()).containsExactly(Map.entry("codec", "lz4_raw"));
    assertThat(definition.codec()).isEqualTo("lz4_raw");
    assertThat(FrameDefinition.of(schema).partitionBy()).isEmpty();
  }

  @Test
  void codecIsCaseInsensitive() {
    assertThat(new FrameDefinition(schema, List.of(), Map.of("Codec", " ZSTD ")).codec())
        .isEqualTo("zstd");
  }

  @Test
  void unknownPartitionColumnIsNamedWithTheColumnsThatExist() {
    assertThatThrownBy(() -> new FrameDefinition(schema, List.of("month"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Partition column 'month' is not a column of the frame; columns are Id, Day, price,"
                + " raw, d");
  }

  @Test
  void duplicatePartitionColumnIsRejected() {
    assertThatThrownBy(() -> new FrameDefinition(schema, List.of("day", "DAY"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Partition column 'Day' is listed more than once in partition_by");
  }

  @Test
  void floatBinaryAndDecimalColumnsCannotPartition() {
    assertThatThrownBy(() -> new FrameDefinition(schema, List.of("price"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Partition column 'price' has type float64; frames cannot be partitioned by float32,"
                + " float64, decimal or binary columns (use an integer, string, boolean, date or"
                + " timestamp column)");
    assertThatThrownBy(() -> new FrameDefinition(schema, List.of("raw"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Partition column 'raw' has type binary;");
    assertThatThrownBy(() -> new FrameDefinition(schema, List.of("d"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Partition column 'd' has type decimal(5,1);");
  }

  @Test
  void atLeastOneColumnMustStayOutsidePartitionBy() {
    FrameSchema small = schema("a", "int32", "b", "string");

    assertThatThrownBy(() -> new FrameDefinition(small, List.of("a", "b"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Every column (a, b) is a partition column; at least one column must hold data"
                + " outside partition_by");
  }

  @Test
  void unknownPropertyListsTheValidOnes() {
    assertThatThrownBy(() -> new FrameDefinition(schema, List.of(), Map.of("compression", "zstd")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Unknown frame property 'compression'; valid properties are: codec");
  }

  @Test
  void unknownCodecListsTheValidOnes() {
    assertThatThrownBy(() -> new FrameDefinition(schema, List.of(), Map.of("codec", "gzip")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Unknown codec 'gzip' in property 'codec'; valid codecs are: lz4_raw, zstd, snappy");
  }

  @Test
  void unknownTypeInTheSchemaListsTheValidTypes() {
    assertThatThrownBy(() -> schema("id", "int64", "when", "datetime64"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Column 'when': Unknown type 'datetime64'. Valid types: int8, int16, int32, int64,"
                + " uint8, uint16, uint32, uint64, float32, float64, string, boolean, date,"
                + " timestamp, decimal(p,s), binary (aliases: int, integer, float, double, utf8,"
                + " text, bool, date32, datetime)");
  }
}
