package dev.apiary.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiary.datagen.tpch.TpchScale;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TpchDataTest {
  private static List<TableGenerator> tables;
  private static DuckDbSink duckDb;

  @BeforeAll
  static void load() throws SQLException {
    tables = Tpch.tables(0.01);
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
        .containsExactly(
            "region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem");
    long[] expected = {5, 25, 100, 2_000, 8_000, 1_500, 15_000};
    for (int i = 0; i < expected.length; i++) {
      assertThat(tables.get(i).rowCount()).as(tables.get(i).name()).isEqualTo(expected[i]);
    }
    for (TableGenerator table : tables) {
      assertThat(duckDb.scalar("SELECT count(*) FROM " + table.name()))
          .as(table.name())
          .isEqualTo(table.rowCount());
    }
    assertThat(tables.get(7).rowCount()).isBetween(57_000L, 63_000L);
  }

  @Test
  void sizesScaleLinearlyWithFloorsForTinyFactors() {
    TpchScale one = new TpchScale(1);
    assertThat(List.of(one.suppliers(), one.parts(), one.customers(), one.orders(), one.clerks()))
        .containsExactly(10_000L, 200_000L, 150_000L, 1_500_000L, 1_000L);
    TpchScale tiny = new TpchScale(1e-6);
    assertThat(List.of(tiny.suppliers(), tiny.parts(), tiny.customers(), tiny.orders()))
        .containsExactly(10L, 20L, 30L, 150L);
  }

  @Test
  void keysAreUniqueAndEveryForeignKeyResolves() throws SQLException {
    List<String> zeroes =
        List.of(
            "SELECT count(*) - count(DISTINCT o_orderkey) FROM orders",
            "SELECT count(*) FROM (SELECT l_orderkey, l_linenumber FROM lineitem"
                + " GROUP BY ALL HAVING count(*) > 1)",
            "SELECT count(*) FROM (SELECT ps_partkey, ps_suppkey FROM partsupp"
                + " GROUP BY ALL HAVING count(*) > 1)",
            "SELECT count(*) FROM lineitem ANTI JOIN orders ON l_orderkey = o_orderkey",
            "SELECT count(*) FROM lineitem ANTI JOIN partsupp"
                + " ON l_partkey = ps_partkey AND l_suppkey = ps_suppkey",
            "SELECT count(*) FROM orders ANTI JOIN lineitem ON l_orderkey = o_orderkey",
            "SELECT count(*) FROM orders ANTI JOIN customer ON o_custkey = c_custkey",
            "SELECT count(*) FROM partsupp ANTI JOIN part ON ps_partkey = p_partkey",
            "SELECT count(*) FROM partsupp ANTI JOIN supplier ON ps_suppkey = s_suppkey",
            "SELECT count(*) FROM customer ANTI JOIN nation ON c_nationkey = n_nationkey",
            "SELECT count(*) FROM supplier ANTI JOIN nation ON s_nationkey = n_nationkey",
            "SELECT count(*) FROM nation ANTI JOIN region ON n_regionkey = r_regionkey",
            "SELECT count(*) FROM orders WHERE o_custkey % 3 = 0",
            "SELECT count(*) FROM (SELECT p_partkey FROM part LEFT JOIN partsupp"
                + " ON ps_partkey = p_partkey GROUP BY ALL HAVING count(ps_suppkey) <> 4)",
            "SELECT 8 - count(*) FROM (SELECT o_orderkey FROM orders ORDER BY o_orderkey LIMIT 8)"
                + " WHERE o_orderkey <= 8",
            "SELECT count(*) FROM orders WHERE o_orderkey % 32 NOT BETWEEN 1 AND 8");
    for (String sql : zeroes) {
      assertThat(duckDb.scalar("SELECT coalesce((" + sql + "), 0)")).as(sql).isZero();
    }
    assertThat(duckDb.scalar("SELECT count(DISTINCT ps_partkey) FROM partsupp")).isEqualTo(2_000);
    assertThat(duckDb.scalar("SELECT max(o_orderkey) FROM orders")).isGreaterThan(15_000 * 3);
  }

  @Test
  void valuesStayInTheirDomainsAndDerivationsHold() throws SQLException {
    List<String> zeroes =
        List.of(
            "SELECT count(*) FROM orders WHERE o_orderdate NOT BETWEEN DATE '1992-01-01'"
                + " AND DATE '1998-12-31' - INTERVAL 151 DAY",
            "SELECT count(*) FROM lineitem JOIN orders ON l_orderkey = o_orderkey"
                + " WHERE l_shipdate - o_orderdate NOT BETWEEN 1 AND 121"
                + " OR l_commitdate - o_orderdate NOT BETWEEN 30 AND 90"
                + " OR l_receiptdate - l_shipdate NOT BETWEEN 1 AND 30",
            "SELECT count(*) FROM lineitem WHERE l_receiptdate > DATE '1998-12-31'",
            "SELECT count(*) FROM lineitem WHERE l_linestatus <> CASE WHEN l_shipdate >"
                + " DATE '1995-06-17' THEN 'O' ELSE 'F' END",
            "SELECT count(*) FROM lineitem WHERE CASE WHEN l_receiptdate <= DATE '1995-06-17'"
                + " THEN l_returnflag NOT IN ('R', 'A') ELSE l_returnflag <> 'N' END",
            "SELECT count(*) FROM lineitem WHERE l_quantity NOT BETWEEN 1 AND 50"
                + " OR l_discount NOT BETWEEN 0 AND 0.10 OR l_tax NOT BETWEEN 0 AND 0.08"
                + " OR l_linenumber NOT BETWEEN 1 AND 7",
            "SELECT count(*) FROM lineitem JOIN part ON l_partkey = p_partkey"
                + " WHERE l_extendedprice <> l_quantity * p_retailprice",
            "SELECT count(*) FROM orders JOIN (SELECT l_orderkey, sum(round(l_extendedprice"
                + " * (1 + l_tax) * (1 - l_discount), 2)) AS total,"
                + " CASE WHEN bool_and(l_linestatus = 'F') THEN 'F'"
                + " WHEN bool_and(l_linestatus = 'O') THEN 'O' ELSE 'P' END AS status"
                + " FROM lineitem GROUP BY l_orderkey) ON l_orderkey = o_orderkey"
                + " WHERE o_totalprice <> total OR o_orderstatus <> status",
            "SELECT count(*) FROM lineitem WHERE l_shipmode NOT IN"
                + " ('REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB')"
                + " OR l_shipinstruct NOT IN"
                + " ('DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN')",
            "SELECT count(*) FROM orders WHERE o_orderpriority NOT IN"
                + " ('1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW')",
            "SELECT count(*) FROM customer WHERE c_mktsegment NOT IN"
                + " ('AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD')"
                + " OR c_acctbal NOT BETWEEN -999.99 AND 9999.99"
                + " OR substring(c_phone, 1, 2)::INT <> c_nationkey + 10",
            "SELECT count(*) FROM part WHERE p_size NOT BETWEEN 1 AND 50"
                + " OR p_brand NOT SIMILAR TO 'Brand#[1-5][1-5]'"
                + " OR substring(p_brand, 7, 1) <> substring(p_mfgr, 14, 1)"
                + " OR len(string_split(p_name, ' ')) <> 5"
                + " OR p_retailprice <> (90000 + (p_partkey // 10) % 20001"
                + " + 100 * (p_partkey % 1000)) / 100.0",
            "SELECT count(*) FROM partsupp WHERE ps_availqty NOT BETWEEN 1 AND 9999"
                + " OR ps_supplycost NOT BETWEEN 1 AND 1000");
    for (String sql : zeroes) {
      assertThat(duckDb.scalar(sql)).as(sql).isZero();
    }
    assertThat(duckDb.rows("SELECT DISTINCT o_orderstatus FROM orders ORDER BY 1"))
        .containsExactly(List.of("F"), List.of("O"), List.of("P"));
    assertThat(duckDb.rows("SELECT DISTINCT l_returnflag FROM lineitem ORDER BY 1"))
        .containsExactly(List.of("A"), List.of("N"), List.of("R"));
    assertThat(duckDb.scalar("SELECT count(DISTINCT p_type) FROM part")).isEqualTo(150);
    assertThat(duckDb.scalar("SELECT count(DISTINCT p_container) FROM part")).isEqualTo(40);
    assertThat(
            duckDb.rows(
                "SELECT n_nationkey, n_name, r_name FROM nation JOIN region"
                    + " ON n_regionkey = r_regionkey WHERE n_nationkey IN (0, 7, 23, 24)"
                    + " ORDER BY n_nationkey"))
        .containsExactly(
            List.of("0", "ALGERIA", "AFRICA"),
            List.of("7", "GERMANY", "EUROPE"),
            List.of("23", "UNITED KINGDOM", "EUROPE"),
            List.of("24", "UNITED STATES", "AMERICA"));
    assertThat(duckDb.rows("SELECT r_name FROM region ORDER BY r_regionkey"))
        .containsExactly(
            List.of("AFRICA"),
            List.of("AMERICA"),
            List.of("ASIA"),
            List.of("EUROPE"),
            List.of("MIDDLE EAST"));
  }
}
