import pyarrow as pa
import pytest

from apiary import Apiary, ApiaryError

CALLS = [
    ("status", ()),
    ("create_hive", ("h",)),
    ("create_box", ("default", "b")),
    ("create_frame", ("default", "default", "f", {"a": "int64"})),
    ("list_hives", ()),
    ("list_boxes", ("default",)),
    ("list_frames", ("default", "default")),
    ("get_frame", ("default", "default", "f")),
    ("write_to_frame", ("default", "default", "f", pa.table({"a": [1]}))),
    ("overwrite_frame", ("default", "default", "f", pa.table({"a": [1]}))),
    ("read_from_frame", ("default", "default", "f")),
    ("sql", ("SELECT 1",)),
    ("query", ("SELECT 1",)),
    ("list_databases", ()),
    ("get_table", ("default", "default", "f")),
]


@pytest.mark.parametrize("method,args", CALLS, ids=[c[0] for c in CALLS])
def test_calls_before_start_raise_runtime_error(storage, method, args):
    node = Apiary("test", storage=storage)
    with pytest.raises(RuntimeError, match=r"not started; call start\(\) first") as info:
        getattr(node, method)(*args)
    assert isinstance(info.value, ApiaryError)


def test_calls_after_shutdown_raise(storage):
    node = Apiary("test", storage=storage).start()
    node.shutdown()
    node.shutdown()  # idempotent
    with pytest.raises(ApiaryError, match="not started"):
        node.list_hives()


def test_status_has_exactly_the_documented_keys_and_types(ap):
    status = ap.status()
    assert set(status) == {
        "name", "node_id", "cores", "memory_gb", "bees", "storage",
        "memory_per_bee_mb", "target_cell_size_mb", "state", "cache",
    }
    assert status["name"] == "test"
    assert isinstance(status["node_id"], str) and status["node_id"]
    assert isinstance(status["cores"], int) and status["cores"] >= 1
    assert status["bees"] == status["cores"]
    assert isinstance(status["memory_gb"], float) and status["memory_gb"] > 0
    assert isinstance(status["memory_per_bee_mb"], float) and status["memory_per_bee_mb"] > 0
    assert 16.0 <= status["target_cell_size_mb"] <= 512.0
    assert status["storage"] == "local"
    assert status["state"] == "running"
    cache = status["cache"]
    assert set(cache) == {
        "size_bytes", "capacity_bytes", "cells", "hits", "misses", "downloads",
        "downloaded_bytes", "evictions", "write_throughs", "frames",
    }
    assert cache["capacity_bytes"] > 0
    assert cache["size_bytes"] >= 0 and isinstance(cache["size_bytes"], int)
    assert cache["frames"] == {}


def test_local_storage_is_read_in_place_not_copied_into_the_cache(ap):
    ap.create_frame("default", "default", "t", {"a": "int64"})
    ap.write_to_frame("default", "default", "t", pa.table({"a": [1, 2, 3]}))
    assert ap.query("SELECT sum(a) AS s FROM t").to_pydict() == {"s": [6]}
    cache = ap.status()["cache"]
    assert cache["downloads"] == 0 and cache["cells"] == 0 and cache["write_throughs"] == 0


def test_node_id_survives_restart(storage):
    with Apiary("test", storage=storage) as first:
        node_id = first.status()["node_id"]
    with Apiary("test", storage=storage) as second:
        assert second.status()["node_id"] == node_id


def test_context_manager_starts_and_shuts_down(storage):
    with Apiary("test", storage=storage) as node:
        assert node.list_hives() == ["default"]
    with pytest.raises(ApiaryError):
        node.list_hives()


def test_appends_survive_restarts(storage):
    for i in range(3):
        with Apiary("test", storage=storage) as node:
            if i == 0:
                node.create_frame("default", "default", "log", {"n": "int64"})
            summary = node.write_to_frame("default", "default", "log", pa.table({"n": [i, i]}))
            assert summary["version"] == i + 1
    with Apiary("test", storage=storage) as node:
        table = node.query('SELECT n FROM "default"."default".log ORDER BY n')
        assert table.column("n").to_pylist() == [0, 0, 1, 1, 2, 2]
        assert node.get_frame("default", "default", "log")["row_count"] == 6


def test_invalid_apiary_name_is_rejected():
    with pytest.raises(ApiaryError, match="Bad-Name|bad-name"):
        Apiary("Bad-Name!", storage="/tmp/never-created")


def test_unknown_storage_scheme_is_rejected():
    with pytest.raises(ApiaryError, match="ftp"):
        Apiary("test", storage="ftp://host/x")


def test_bee_status_lists_every_bee_with_the_documented_keys(ap):
    bees = ap.bee_status()
    assert len(bees) == ap.status()["bees"]
    assert [b["bee_id"] for b in bees] == [f"bee-{i}" for i in range(len(bees))]
    for bee in bees:
        assert {"bee_id", "state", "memory_used", "memory_budget"} <= set(bee)
        assert bee["state"] == "idle"
        assert bee["memory_used"] == 0
        assert isinstance(bee["memory_budget"], int)
        assert abs(bee["memory_budget"] / (1 << 20) - ap.status()["memory_per_bee_mb"]) < 0.1


def test_colony_status_has_the_documented_keys_and_an_idle_node_is_cold(ap):
    colony = ap.colony_status()
    assert {"temperature", "regulation", "setpoint", "abandoned_tasks"} <= set(colony)
    assert colony["temperature"] == 0.0
    assert colony["regulation"] == "cold"
    assert colony["setpoint"] == 0.5
    assert colony["abandoned_tasks"] == 0
    assert colony["bees"] == ap.status()["bees"]
    assert colony["busy_bees"] == 0 and colony["queue_depth"] == 0


def test_a_statement_past_its_timeout_is_stopped(ap):
    endless = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b"
    with pytest.raises(ApiaryError, match="timed out after 0.500 s") as raised:
        ap.sql(endless, timeout=0.5)
    assert raised.value.category == "RESOURCE"
    assert all(b["state"] == "idle" for b in ap.bee_status())
    assert ap.query("SELECT 1 AS x", timeout=30).column("x").to_pylist() == [1]
    with pytest.raises(ApiaryError, match="timeout must be"):
        ap.sql("SELECT 1", timeout="soon")
