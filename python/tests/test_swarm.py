import json
import os

import pytest

from apiary import Apiary, ApiaryError


def test_swarm_status_has_exactly_the_documented_keys_and_types(ap):
    swarm = ap.swarm_status()
    assert set(swarm) == {"nodes", "total_bees", "total_idle_bees", "alive"}
    assert len(swarm["nodes"]) == 1
    node = swarm["nodes"][0]
    assert set(node) == {
        "node_id", "state", "bees", "idle_bees", "memory_pressure", "colony_temperature",
    }
    assert node["node_id"] == ap.status()["node_id"]
    assert node["state"] == "alive"
    assert isinstance(node["bees"], int) and node["bees"] == ap.status()["bees"]
    assert isinstance(node["idle_bees"], int) and 0 <= node["idle_bees"] <= node["bees"]
    assert isinstance(node["memory_pressure"], float) and 0.0 <= node["memory_pressure"] <= 1.0
    assert isinstance(node["colony_temperature"], float)
    assert 0.0 <= node["colony_temperature"] <= 1.0
    assert swarm["alive"] == 1
    assert swarm["total_bees"] == node["bees"]
    assert isinstance(swarm["total_idle_bees"], int)


def test_two_nodes_on_one_storage_see_each_other_and_a_stopped_one_leaves(storage):
    first = Apiary("test", storage=storage).start()
    try:
        # The second node uses the same node directory as the first, which holds it: it gets an
        # id of its own.
        with Apiary("test", storage=storage) as second:
            ids = {n["node_id"] for n in second.swarm_status()["nodes"]}
            assert ids == {first.status()["node_id"], second.status()["node_id"]}
            assert second.status()["node_id"].startswith(first.status()["node_id"] + "-")
            assert second.swarm_status()["alive"] == 2
            second_id = second.status()["node_id"]
        heartbeat = os.path.join(storage, "_heartbeats", f"node_{second_id}.json")
        assert not os.path.exists(heartbeat)
        mine = os.path.join(storage, "_heartbeats", f"node_{first.status()['node_id']}.json")
        with open(mine, encoding="utf-8") as f:
            published = json.load(f)
        assert set(published) == {"node_id", "timestamp", "version", "capacity", "load", "cache"}
        assert published["cache"] == {"size_bytes": 0, "frames": {}}
    finally:
        first.shutdown()


def test_swarm_status_before_start_raises(storage):
    with pytest.raises(ApiaryError, match="not started"):
        Apiary("test", storage=storage).swarm_status()
