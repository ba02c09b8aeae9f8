package dev.apiary.datagen.words;

import java.util.List;

/** The TPC-H order, line item and customer vocabularies. */
public final class OrderWords {
  /** o_orderpriority (and SSB lo_orderpriority) values. */
  public static final List<String> PRIORITIES =
      List.of("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW");

  /** l_shipmode (and SSB lo_shipmode) values. */
  public static final List<String> SHIP_MODES =
      List.of("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB");

  /** l_shipinstruct values. */
  public static final List<String> INSTRUCTIONS =
      List.of("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN");

  /** c_mktsegment values. */
  public static final List<String> SEGMENTS =
      List.of("AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD");

  private OrderWords() {}
}
