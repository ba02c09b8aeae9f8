"""Python SDK throughput against delta-rs on the same machine, same table, interleaved runs.

Writes: Apiary ``write_to_frame`` vs ``deltalake.write_deltalake`` of one in-memory pyarrow
table (int64, float64, string, date, timestamp). Reads: a table of ``--read-rows`` rows back as a
``pyarrow.Table`` through ``Apiary.query`` and ``read_from_frame`` vs
``DeltaTable.to_pyarrow_table``. Prints medians and rows/s; both sides fsync nothing extra
beyond what they do by default (Apiary fsyncs cells before committing; delta-rs does not).
"""

import argparse
import datetime
import shutil
import statistics
import tempfile
import time

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable, write_deltalake

from apiary import Apiary

SCHEMA = {"id": "int64", "x": "float64", "s": "string", "d": "date", "ts": "timestamp"}


def make_table(rows):
    ids = pa.array(range(rows), pa.int64())
    x = pc.multiply(pc.cast(ids, pa.float64()), 0.5)
    s = pc.binary_join_element_wise("name-", pc.cast(pc.bit_wise_and(ids, 65535), pa.string()), "")
    d = pc.cast(pc.cast(pc.bit_wise_and(ids, 16383), pa.int32()), pa.date32())
    base = int(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc).timestamp() * 1e6)
    ts = pc.cast(pc.add(ids, base), pa.timestamp("us", tz="UTC"))
    return pa.table({"id": ids, "x": x, "s": s, "d": d, "ts": ts})


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--read-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default=None, help="scratch directory (default: a temp dir)")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="apiary-pybench-", dir=args.dir)
    try:
        table = make_table(args.rows)
        small = table.slice(0, args.read_rows)
        mb = table.nbytes / 1e6
        print(f"table: {args.rows:,} rows, {mb:,.0f} MB in memory; runs: {args.runs} (+1 warm-up)")
        apiary_writes, delta_writes, apiary_queries, apiary_reads, delta_reads = [], [], [], [], []
        with Apiary("pybench", storage=f"{scratch}/apiary") as ap:
            ap.create_frame("default", "default", "small", SCHEMA)
            ap.write_to_frame("default", "default", "small", small)
            write_deltalake(f"{scratch}/delta-small", small)
            for run in range(args.runs + 1):
                frame = f"t{run}"
                ap.create_frame("default", "default", frame, SCHEMA)
                a = timed(lambda: ap.write_to_frame("default", "default", frame, table))
                d = timed(lambda: write_deltalake(f"{scratch}/delta-{run}", table))
                q = timed(lambda: ap.query('SELECT * FROM "default"."default".small'))
                r = timed(lambda: pa.ipc.open_stream(
                    ap.read_from_frame("default", "default", "small")).read_all())
                t = timed(lambda: DeltaTable(f"{scratch}/delta-small").to_pyarrow_table())
                if run > 0:
                    apiary_writes.append(a)
                    delta_writes.append(d)
                    apiary_queries.append(q)
                    apiary_reads.append(r)
                    delta_reads.append(t)
                shutil.rmtree(f"{scratch}/delta-{run}", ignore_errors=True)

        def line(label, samples, rows):
            median = statistics.median(samples)
            print(f"  {label:<44} {median * 1000:9.1f} ms  {rows / median / 1e6:7.2f} M rows/s")
            return median

        print(f"write {args.rows:,} rows")
        aw = line("apiary write_to_frame", apiary_writes, args.rows)
        dw = line("deltalake write_deltalake", delta_writes, args.rows)
        print(f"  ratio apiary/deltalake time: {aw / dw:.2f}")
        print(f"read {args.read_rows:,} rows as pyarrow")
        aq = line("apiary query('SELECT *')", apiary_queries, args.read_rows)
        line("apiary read_from_frame (IPC bytes) + decode", apiary_reads, args.read_rows)
        dr = line("deltalake DeltaTable.to_pyarrow_table", delta_reads, args.read_rows)
        print(f"  ratio apiary query/deltalake time: {aq / dr:.2f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
