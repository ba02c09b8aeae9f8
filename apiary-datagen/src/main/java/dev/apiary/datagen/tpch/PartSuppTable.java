package dev.apiary.datagen.tpch;

import dev.apiary.datagen.rows.Column;
import dev.apiary.datagen.rows.ColumnType;
import dev.apiary.datagen.rows.IndexedRows;
import dev.apiary.datagen.rows.RowRandom;
import dev.apiary.datagen.rows.RowTable;
import dev.apiary.datagen.words.TextPool;
import java.util.List;
import java.util.SplittableRandom;

/** TPC-H partsupp: four suppliers per part, chosen by {@link TpchScale#supplierOfPart}. */
final class PartSuppTable {
  static final int SUPPLIERS_PER_PART = 4;

  private PartSuppTable() {}

  static RowTable table(TpchScale scale, long seed) {
    long stream = RowRandom.streamSeed(seed, "tpch.partsupp");
    List<Column> columns =
        List.of(
            new Column("ps_partkey", ColumnType.INT32),
            new Column("ps_suppkey", ColumnType.INT32),
            new Column("ps_availqty", ColumnType.INT32),
            new Column("ps_supplycost", ColumnType.DECIMAL_15_2),
            new Column("ps_comment", ColumnType.STRING));
    long count = scale.parts() * SUPPLIERS_PER_PART;
    return new RowTable(
        "partsupp",
        columns,
        count,
        () ->
            new IndexedRows(
                count,
                (index, out, row) -> {
                  SplittableRandom random = RowRandom.forRow(stream, index);
                  long partKey = index / SUPPLIERS_PER_PART + 1;
                  int i = (int) (index % SUPPLIERS_PER_PART);
                  out.int32(0, row, (int) partKey);
                  out.int32(1, row, (int) scale.supplierOfPart(partKey, i));
                  out.int32(2, row, random.nextInt(1, 10_000));
                  out.hundredths(3, row, random.nextLong(100, 100_001));
                  TextPool.write(random, 49, 198, out, 4, row);
                }));
  }
}
