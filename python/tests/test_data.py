import datetime
import decimal

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from apiary import ApiaryError, InvalidInputError, SchemaError

SCHEMA = {
    "id": "int64",
    "x": "float64",
    "s": "string",
    "ok": "bool",
    "d": "date",
    "ts": "timestamp",
    "m": "decimal(10,2)",
}


def sample():
    return pa.table(
        {
            "id": pa.array([1, 2, None, 4], pa.int64()),
            "x": pa.array([1.5, None, -3.25, 1e300], pa.float64()),
            "s": pa.array(["a", None, "ünïcödé", ""], pa.string()),
            "ok": pa.array([True, None, False, True], pa.bool_()),
            "d": pa.array(
                [datetime.date(2024, 1, 1), None, datetime.date(1970, 1, 1), datetime.date(2999, 12, 31)],
                pa.date32(),
            ),
            "ts": pa.array(
                [
                    datetime.datetime(2024, 1, 1, 12, 30, 15, 123456),
                    None,
                    datetime.datetime(1969, 12, 31, 23, 59, 59),
                    datetime.datetime(2030, 6, 1),
                ],
                pa.timestamp("us", tz="UTC"),
            ),
            "m": pa.array(
                [decimal.Decimal("1.25"), None, decimal.Decimal("-99999999.99"), decimal.Decimal("0.01")],
                pa.decimal128(10, 2),
            ),
        }
    )


def read(ap, frame, partition_filter=None):
    data = ap.read_from_frame("default", "default", frame, partition_filter)
    return None if data is None else pa.ipc.open_stream(data).read_all()


def test_round_trip_of_every_basic_type_with_nulls(ap):
    ap.create_frame("default", "default", "t", SCHEMA)
    summary = ap.write_to_frame("default", "default", "t", sample())
    assert set(summary) == {
        "version", "cells_written", "rows_written", "bytes_written", "duration_ms", "temperature",
    }
    assert summary["version"] == 1
    assert summary["rows_written"] == 4
    assert summary["cells_written"] >= 1
    assert summary["bytes_written"] > 0
    assert isinstance(summary["duration_ms"], int)
    # The colony temperature while the write held its bees: its own busy bees warm it.
    assert isinstance(summary["temperature"], float)
    assert 0.0 < summary["temperature"] <= 1.0
    back = read(ap, "t").sort_by([("id", "ascending")])
    expected = sample().sort_by([("id", "ascending")])
    assert back.schema.names == list(SCHEMA)
    assert back.to_pylist() == expected.to_pylist()
    assert back.schema.field("m").type == pa.decimal128(10, 2)
    assert back.schema.field("d").type == pa.date32()
    assert back.schema.field("ts").type.unit == "us"


@pytest.mark.parametrize(
    "convert",
    [
        lambda t: t,
        lambda t: t.to_batches()[0],
        lambda t: t.to_reader(),
        lambda t: ipc_bytes(t),
        lambda t: t.to_pandas(),
        lambda t: pl.from_arrow(t),
    ],
    ids=["table", "record_batch", "reader", "ipc_bytes", "pandas", "polars"],
)
def test_every_accepted_data_kind_writes(ap, convert):
    ap.create_frame("default", "default", "k", {"id": "int64", "s": "string", "x": "float64"})
    table = pa.table({"id": [3, 1, 2], "s": ["c", "a", None], "x": [0.5, 1.5, 2.5]})
    summary = ap.write_to_frame("default", "default", "k", convert(table))
    assert summary["rows_written"] == 3
    assert read(ap, "k").sort_by("id").to_pylist() == table.sort_by("id").to_pylist()


def ipc_bytes(table):
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def test_pandas_timestamps_and_missing_values(ap):
    ap.create_frame("default", "default", "p", {"ts": "timestamp", "n": "int64", "f": "float64"})
    df = pd.DataFrame(
        {
            "ts": pd.to_datetime(["2024-01-01 10:00:00", None, "2024-03-01 00:00:00"]),
            "n": pd.array([1, None, 3], dtype="Int64"),
            "f": [1.0, float("nan"), None],
        }
    )
    ap.write_to_frame("default", "default", "p", df)
    back = ap.query('SELECT * FROM "default"."default".p ORDER BY n NULLS LAST')
    assert back.column("n").to_pylist() == [1, 3, None]
    assert back.column("ts").to_pylist()[0].replace(tzinfo=None) == datetime.datetime(2024, 1, 1, 10)


def test_polars_types_and_nulls_round_trip(ap):
    # polars hands over large strings, its own date/datetime units and unsigned integers.
    ap.create_frame(
        "default", "default", "pl",
        {"id": "int64", "s": "string", "d": "date", "ts": "timestamp", "u": "int64", "x": "float64"},
    )
    df = pl.DataFrame(
        {
            "id": [2, 1, 3],
            "s": ["b", None, "ünïcödé"],
            "d": [datetime.date(2024, 2, 29), None, datetime.date(1970, 1, 1)],
            "ts": [datetime.datetime(2024, 1, 1, 8, 0, 0, 250000), None, datetime.datetime(2000, 1, 1)],
            "u": pl.Series([7, None, 9], dtype=pl.UInt32),
            "x": [0.25, float("nan"), None],
        }
    )
    summary = ap.write_to_frame("default", "default", "pl", df)
    assert summary["rows_written"] == 3
    back = pl.from_arrow(ap.query('SELECT * FROM "default"."default".pl ORDER BY id'))
    assert back["id"].to_list() == [1, 2, 3]
    assert back["s"].to_list() == [None, "b", "ünïcödé"]
    assert back["d"].to_list() == [None, datetime.date(2024, 2, 29), datetime.date(1970, 1, 1)]
    assert [None if v is None else v.replace(tzinfo=None) for v in back["ts"].to_list()] == [
        None, datetime.datetime(2024, 1, 1, 8, 0, 0, 250000), datetime.datetime(2000, 1, 1),
    ]
    assert back["u"].to_list() == [None, 7, 9]
    x = back["x"].to_list()
    assert x[0] != x[0] and x[1] == 0.25 and x[2] is None  # NaN stays NaN, null stays null


def test_columns_match_by_name_and_widen(ap):
    ap.create_frame("default", "default", "w", {"a": "int64", "b": "float64", "c": "string"})
    ap.write_to_frame(
        "default", "default", "w",
        pa.table({"b": pa.array([1, 2], pa.int32()), "a": pa.array([10, 20], pa.int32())}),
    )
    back = read(ap, "w").sort_by("a")
    assert back.to_pylist() == [{"a": 10, "b": 1.0, "c": None}, {"a": 20, "b": 2.0, "c": None}]


def test_extra_column_is_a_schema_error_and_writes_nothing(ap):
    ap.create_frame("default", "default", "e", {"a": "int64"})
    with pytest.raises(SchemaError, match="zzz"):
        ap.write_to_frame("default", "default", "e", pa.table({"a": [1], "zzz": [2]}))
    with pytest.raises(SchemaError, match="a"):
        ap.write_to_frame("default", "default", "e", pa.table({"a": ["text"]}))
    assert ap.get_frame("default", "default", "e")["version"] == 0
    assert read(ap, "e") is None


def test_read_of_empty_frame_is_none(ap):
    ap.create_frame("default", "default", "empty", {"a": "int64"})
    assert ap.read_from_frame("default", "default", "empty") is None


def test_partitioning_and_partition_filter(ap):
    ap.create_frame(
        "default", "default", "ev", {"day": "date", "site": "string", "v": "int64"},
        partition_by=["day", "site"],
    )
    d1, d2 = datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)
    table = pa.table(
        {
            "day": pa.array([d1, d1, d2, d2], pa.date32()),
            "site": ["a/b", "c d", "a/b", "c d"],
            "v": [1, 2, 3, 4],
        }
    )
    summary = ap.write_to_frame("default", "default", "ev", table)
    assert summary["cells_written"] == 4
    assert ap.get_frame("default", "default", "ev")["cell_count"] == 4
    only = read(ap, "ev", {"day": d2, "site": "a/b"})
    assert only.column("v").to_pylist() == [3]
    assert sorted(read(ap, "ev", {"site": "c d"}).column("v").to_pylist()) == [2, 4]
    assert read(ap, "ev", {"site": "nowhere"}) is None
    with pytest.raises(InvalidInputError, match="not a partition column"):
        ap.read_from_frame("default", "default", "ev", {"v": 1})


def test_null_in_partition_column_is_rejected(ap):
    ap.create_frame("default", "default", "np", {"p": "string", "v": "int64"}, partition_by=["p"])
    with pytest.raises(ApiaryError, match="null") as info:
        ap.write_to_frame("default", "default", "np", pa.table({"p": ["x", None], "v": [1, 2]}))
    assert info.value.category == "USER"
    assert ap.get_frame("default", "default", "np")["row_count"] == 0


def test_overwrite_replaces_everything(ap):
    ap.create_frame("default", "default", "o", {"a": "int64"})
    ap.write_to_frame("default", "default", "o", pa.table({"a": [1, 2]}))
    ap.write_to_frame("default", "default", "o", pa.table({"a": [3]}))
    summary = ap.overwrite_frame("default", "default", "o", pa.table({"a": [42]}))
    assert summary["version"] == 3
    assert summary["rows_written"] == 1
    assert read(ap, "o").column("a").to_pylist() == [42]
    info = ap.get_frame("default", "default", "o")
    assert (info["version"], info["row_count"]) == (3, 1)


def test_unsupported_data_is_a_type_error(ap):
    ap.create_frame("default", "default", "u", {"a": "int64"})
    with pytest.raises(TypeError, match="data must be"):
        ap.write_to_frame("default", "default", "u", [1, 2, 3])


def test_larger_write_round_trips_exactly(ap):
    n = 200_000
    ap.create_frame("default", "default", "big", {"i": "int64", "s": "string"})
    table = pa.table({"i": pa.array(range(n), pa.int64()), "s": pa.array([f"r{i}" for i in range(n)])})
    assert ap.write_to_frame("default", "default", "big", table)["rows_written"] == n
    back = ap.query('SELECT count(*) AS c, sum(i) AS s, count(DISTINCT s) AS d FROM "default"."default".big')
    assert back.to_pylist() == [{"c": n, "s": n * (n - 1) // 2, "d": n}]


def test_streaming_reader_from_a_python_generator(ap):
    """Java pulls batches from a Python generator (the GIL is taken back for each batch)."""
    ap.create_frame("default", "default", "gen", {"i": "int64"})
    schema = pa.schema([("i", pa.int64())])

    def batches():
        for start in range(0, 50_000, 10_000):
            yield pa.record_batch([pa.array(range(start, start + 10_000), pa.int64())], schema=schema)

    reader = pa.RecordBatchReader.from_batches(schema, batches())
    assert ap.write_to_frame("default", "default", "gen", reader)["rows_written"] == 50_000
    assert ap.query('SELECT sum(i) AS s FROM "default"."default".gen').to_pylist() == [
        {"s": 50_000 * 49_999 // 2}
    ]


def test_failing_generator_fails_the_write_and_commits_nothing(ap):
    ap.create_frame("default", "default", "bad", {"i": "int64"})
    schema = pa.schema([("i", pa.int64())])

    def batches():
        yield pa.record_batch([pa.array([1, 2], pa.int64())], schema=schema)
        raise ValueError("source broke")

    with pytest.raises(ApiaryError, match="source broke"):
        ap.write_to_frame("default", "default", "bad", pa.RecordBatchReader.from_batches(schema, batches()))
    assert ap.get_frame("default", "default", "bad")["version"] == 0


def test_write_backpressure_policies(ap):
    ap.create_frame("default", "default", "bp", {"n": "int64"})
    for policy in ("block", "error", "ignore"):
        summary = ap.write_to_frame("default", "default", "bp", pa.table({"n": [1]}), backpressure=policy)
        assert summary["rows_written"] == 1
    summary = ap.overwrite_frame("default", "default", "bp", pa.table({"n": [2]}), backpressure="error")
    assert summary["rows_written"] == 1
    with pytest.raises(InvalidInputError, match="backpressure must be 'block', 'error' or 'ignore'"):
        ap.write_to_frame("default", "default", "bp", pa.table({"n": [3]}), backpressure="wait")
    assert read(ap, "bp").column("n").to_pylist() == [2]
