package dev.apiary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A started chamber takes its task's budget before it is sealed, and keeps it afterwards. */
class ChamberConfigurationTest {
  @TempDir Path dir;

  private static String setting(DuckDbChamber chamber, String name) throws Exception {
    try (Statement statement = chamber.connection().createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_setting('" + name + "')")) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void aSpareIsGivenItsBudgetBeforeSealingAndCannotChangeItAfter() throws Exception {
    try (DuckDbChamber chamber =
        DuckDbChamber.open(new ChamberSettings(1, 64L << 20, dir.resolve("spill"), List.of()))) {
      assertThat(setting(chamber, "threads")).isEqualTo("1");
      chamber.configure(3, 100L << 20);
      chamber.seal(List.of());
      assertThat(setting(chamber, "threads")).isEqualTo("3");
      assertThat(setting(chamber, "memory_limit")).isEqualTo("100.0 MiB");
      assertThat(setting(chamber, "temp_directory")).isEqualTo(dir.resolve("spill").toString());
      assertThatThrownBy(() -> chamber.execute("SET threads = 8"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> chamber.configure(0, 100L << 20))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "A chamber needs at least 1 thread and 16 MiB, got 0 threads and 104857600 bytes");
    }
  }

  @Test
  void theMemoryGaugeReportsWhatTheEngineHoldsAndNothingOnceClosed() throws Exception {
    DuckDbChamber chamber =
        DuckDbChamber.open(new ChamberSettings(1, 256L << 20, dir.resolve("spill"), List.of()));
    chamber.execute("CREATE TABLE held AS SELECT range AS i FROM range(2000000)");
    assertThat(chamber.memoryUsedBytes()).isGreaterThan(8L << 20);
    chamber.close();
    assertThat(chamber.memoryUsedBytes()).isZero();
  }
}
