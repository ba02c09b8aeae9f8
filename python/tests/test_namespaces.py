import pytest

from apiary import ApiaryError, InvalidInputError, NotFoundError


def test_default_hive_and_box_exist_from_the_start(ap):
    assert ap.list_hives() == ["default"]
    assert ap.list_boxes("default") == ["default"]
    assert ap.list_frames("default", "default") == []


def test_create_and_list_are_sorted_and_return_none(ap):
    assert ap.create_hive("zoo") is None
    assert ap.create_hive("alpha") is None
    assert ap.create_box("zoo", "b2") is None
    assert ap.create_box("zoo", "b1") is None
    assert ap.create_frame("zoo", "b1", "f2", {"a": "int64"}) is None
    assert ap.create_frame("zoo", "b1", "f1", {"a": "int64"}) is None
    assert ap.list_hives() == ["alpha", "default", "zoo"]
    assert ap.list_boxes("zoo") == ["b1", "b2", "default"] or ap.list_boxes("zoo") == ["b1", "b2"]
    assert ap.list_frames("zoo", "b1") == ["f1", "f2"]


def test_names_are_case_insensitive_and_stored_lower_case(ap):
    ap.create_hive("Sales")
    ap.create_box("SALES", "EU")
    assert "sales" in ap.list_hives()
    assert ap.list_boxes("sales") == sorted(ap.list_boxes("sales"))
    assert "eu" in ap.list_boxes("Sales")


def test_conventional_aliases(ap):
    assert ap.create_database("db") is None
    assert ap.create_schema("db", "sc") is None
    assert ap.create_table("db", "sc", "tb", {"a": "int64", "b": "string"}, partition_by=["b"]) is None
    assert "db" in ap.list_databases()
    assert "sc" in ap.list_schemas("db")
    assert ap.list_tables("db", "sc") == ["tb"]
    assert ap.get_table("db", "sc", "tb") == ap.get_frame("db", "sc", "tb")


def test_get_frame_reports_definition_and_contents(ap):
    ap.create_frame("default", "default", "f", {"a": "int64", "p": "string"}, partition_by=["p"])
    info = ap.get_frame("default", "default", "f")
    assert set(info) == {
        "name", "schema", "partition_by", "max_partitions", "created_at", "version",
        "cell_count", "row_count", "total_bytes",
    }
    assert info["name"] == "f"
    assert info["schema"] == {"a": "int64", "p": "string"}
    assert list(info["schema"]) == ["a", "p"]
    assert info["partition_by"] == ["p"]
    assert isinstance(info["max_partitions"], int) and info["max_partitions"] > 0
    assert isinstance(info["created_at"], str) and info["created_at"].endswith("Z")
    assert info["version"] == 0
    assert (info["cell_count"], info["row_count"], info["total_bytes"]) == (0, 0, 0)


def test_missing_hive_is_named(ap):
    with pytest.raises(NotFoundError, match="nohive") as info:
        ap.create_box("nohive", "b")
    assert info.value.category == "USER"
    with pytest.raises(NotFoundError, match="nohive"):
        ap.list_boxes("nohive")


def test_missing_box_is_named(ap):
    with pytest.raises(NotFoundError, match="nobox"):
        ap.create_frame("default", "nobox", "f", {"a": "int64"})
    with pytest.raises(NotFoundError, match="nobox"):
        ap.list_frames("default", "nobox")


def test_missing_frame_is_not_found(ap):
    with pytest.raises(NotFoundError, match="ghost"):
        ap.get_frame("default", "default", "ghost")
    with pytest.raises(NotFoundError, match="ghost"):
        ap.read_from_frame("default", "default", "ghost")


@pytest.mark.parametrize("name", ["1abc", "has-dash", "_reserved", "", "x" * 200])
def test_invalid_names_say_which_rule_was_broken(ap, name):
    with pytest.raises(InvalidInputError) as info:
        ap.create_hive(name)
    assert isinstance(info.value, ApiaryError) and isinstance(info.value, ValueError)
    assert str(info.value)


def test_unknown_type_lists_valid_ones(ap):
    with pytest.raises(ApiaryError, match="int64"):
        ap.create_frame("default", "default", "f", {"a": "bigfloat"})


def test_recreate_with_same_definition_is_a_no_op(ap):
    ap.create_frame("default", "default", "f", {"a": "int64"})
    ap.create_frame("default", "default", "f", {"a": "int64"})
    ap.create_hive("h")
    ap.create_hive("h")
    assert ap.list_frames("default", "default") == ["f"]


def test_recreate_with_other_definition_shows_both(ap):
    ap.create_frame("default", "default", "f", {"a": "int64"})
    with pytest.raises(ApiaryError, match="different definition") as info:
        ap.create_frame("default", "default", "f", {"a": "string"})
    message = str(info.value)
    assert "int64" in message and "string" in message
