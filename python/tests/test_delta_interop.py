"""Frames written through the SDK are Delta tables that delta-rs reads with the same rows."""

import datetime
import os

import pyarrow as pa
import pytest

deltalake = pytest.importorskip("deltalake")


def test_delta_rs_reads_what_the_sdk_wrote(ap, storage):
    ap.create_frame(
        "default", "default", "dl",
        {"id": "int64", "name": "string", "day": "date", "price": "decimal(8,2)"},
        partition_by=["day"],
    )
    import decimal

    first = pa.table(
        {
            "id": pa.array([1, 2, 3], pa.int64()),
            "name": ["a", None, "c"],
            "day": pa.array([datetime.date(2024, 5, 1), datetime.date(2024, 5, 2), datetime.date(2024, 5, 1)]),
            "price": pa.array([decimal.Decimal("1.10"), None, decimal.Decimal("3.30")], pa.decimal128(8, 2)),
        }
    )
    ap.write_to_frame("default", "default", "dl", first)
    ap.write_to_frame("default", "default", "dl", first.slice(0, 1))
    table = deltalake.DeltaTable(os.path.join(storage, "default", "default", "dl"))
    assert table.version() == 2
    theirs = table.to_pyarrow_table().select(["id", "name", "day", "price"])
    ours = pa.ipc.open_stream(ap.read_from_frame("default", "default", "dl")).read_all()
    key = [("id", "ascending"), ("name", "ascending")]
    assert theirs.sort_by(key).to_pylist() == ours.sort_by(key).to_pylist()
    assert theirs.num_rows == 4
