package dev.apiary.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.datagen.ssb.SsbScale;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SsbDataTest {
  private static List<TableGenerator> tables;
  private static DuckDbSink duckDb;

  @BeforeAll
  static void load() throws SQLException {
    tables = Ssb.tables(0.01);
    duckDb = new DuckDbSink();
    duckDb.load(tables);
  }

  @AfterAll
  static void close() throws SQLException {
    duckDb.close();
  }

  @Test
  void rowCountsFollowTheSpecAtScaleOneHundredth() throws SQLException {
    assertThat(tables.stream().map(TableGenerator::name))
        .containsExactly("date", "customer", "supplier", "part", "lineorder");
    long[] expected = {2_556, 300, 25, 200_000};
    for (int i = 0; i < expected.length; i++) {
      assertThat(tables.get(i).rowCount()).as(tables.get(i).name()).isEqualTo(expected[i]);
    }
    assertThat(tables.get(4).rowCount()).isBetween(57_000L, 63_000L);
    for (TableGenerator table : tables) {
      assertThat(duckDb.scalar("SELECT count(*) FROM " + table.name()))
          .as(table.name())
          .isEqualTo(table.rowCount());
    }
  }

  @Test
  void sizesFollowTheSpecFormulas() {
    SsbScale one = new SsbScale(1);
    assertThat(List.of(one.customers(), one.suppliers(), one.parts(), one.orders()))
        .containsExactly(30_000L, 2_000L, 200_000L, 1_500_000L);
    SsbScale ten = new SsbScale(10);
    assertThat(List.of(ten.customers(), ten.suppliers(), ten.parts(), ten.orders()))
        .containsExactly(300_000L, 20_000L, 800_000L, 15_000_000L);
    SsbScale tiny = new SsbScale(1e-6);
    assertThat(List.of(tiny.customers(), tiny.suppliers(), tiny.parts(), tiny.orders()))
        .containsExactly(30L, 25L, 200_000L, 150L);
  }

  @Test
  void keysAreUniqueAndEveryForeignKeyResolves() throws SQLException {
    List<String> zeroes =
        List.of(
            "SELECT count(*) - count(DISTINCT d_datekey) FROM date",
            "SELECT count(*) FROM (SELECT lo_orderkey, lo_linenumber FROM lineorder"
                + " GROUP BY ALL HAVING count(*) > 1)",
            "SELECT count(*) FROM lineorder ANTI JOIN customer ON lo_custkey = c_custkey",
            "SELECT count(*) FROM lineorder ANTI JOIN supplier ON lo_suppkey = s_suppkey",
            "SELECT count(*) FROM lineorder ANTI JOIN part ON lo_partkey = p_partkey",
            "SELECT count(*) FROM lineorder ANTI JOIN date ON lo_orderdate = d_datekey",
            "SELECT count(*) FROM lineorder ANTI JOIN date ON lo_commitdate = d_datekey");
    for (String sql : zeroes) {
      assertThat(duckDb.scalar(sql)).as(sql).isZero();
    }
  }

  @Test
  void valuesStayInTheirDomains() throws SQLException {
    List<String> zeroes =
        List.of(
            "SELECT count(*) FROM lineorder WHERE lo_orderdate NOT BETWEEN 19920101 AND 19980802"
                + " OR lo_quantity NOT BETWEEN 1 AND 50 OR lo_discount NOT BETWEEN 0 AND 10"
                + " OR lo_tax NOT BETWEEN 0 AND 8 OR lo_linenumber NOT BETWEEN 1 AND 7",
            "SELECT count(*) FROM lineorder"
                + " WHERE lo_revenue <> floor(lo_extendedprice * (100 - lo_discount)) / 100",
            "SELECT count(*) FROM lineorder WHERE lo_ordtotalprice < lo_revenue",
            "SELECT count(*) FROM customer WHERE length(c_city) <> 10"
                + " OR c_city[1:9] <> rpad(c_nation[1:9], 9, ' ')",
            "SELECT count(*) FROM supplier WHERE length(s_city) <> 10"
                + " OR s_city[1:9] <> rpad(s_nation[1:9], 9, ' ')",
            "SELECT count(*) FROM part WHERE p_mfgr NOT SIMILAR TO 'MFGR#[1-5]'"
                + " OR p_category NOT SIMILAR TO 'MFGR#[1-5][1-5]'"
                + " OR NOT starts_with(p_category, p_mfgr) OR NOT starts_with(p_brand1, p_category)"
                + " OR p_brand1[8:]::INT NOT BETWEEN 1 AND 40",
            "SELECT count(*) FROM date"
                + " WHERE d_datekey <> strftime(strptime(d_date, '%B %-d, %Y'), '%Y%m%d')::INT"
                + " OR d_year <> d_datekey // 10000 OR d_yearmonthnum <> d_datekey // 100");
    for (String sql : zeroes) {
      assertThat(duckDb.scalar(sql)).as(sql).isZero();
    }
    assertThat(duckDb.rows("SELECT min(d_datekey), max(d_datekey) FROM date"))
        .containsExactly(List.of("19920101", "19981230"));
    assertThat(duckDb.scalar("SELECT count(DISTINCT p_brand1) FROM part")).isEqualTo(1_000);
    assertThat(duckDb.scalar("SELECT count(DISTINCT s_nation) FROM supplier")).isEqualTo(25);
    assertThat(
            duckDb.rows(
                "SELECT d_date, d_dayofweek, d_month, d_yearmonth, d_daynuminweek,"
                    + " d_weeknuminyear, d_sellingseason, d_lastdayinmonthfl FROM date"
                    + " WHERE d_datekey = 19940131"))
        .containsExactly(
            List.of("January 31, 1994", "Monday", "January", "Jan1994", "2", "5", "Winter", "1"));
    assertThat(
            duckDb.rows(
                "SELECT DISTINCT c_region FROM customer WHERE c_nation = 'UNITED KINGDOM'"
                    + " UNION ALL SELECT DISTINCT c_city[1:9] FROM customer"
                    + " WHERE c_nation = 'UNITED KINGDOM'"))
        .containsExactly(List.of("EUROPE"), List.of("UNITED KI"));
  }
}
