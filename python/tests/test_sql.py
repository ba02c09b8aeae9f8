import threading

import pyarrow as pa
import pytest

from apiary import AccessDenied, ApiaryError


def table_of(data):
    return pa.ipc.open_stream(data).read_all()


@pytest.fixture
def sales(ap):
    ap.create_hive("shop")
    ap.create_box("shop", "eu")
    ap.create_frame("shop", "eu", "sales", {"region": "string", "amount": "int64"}, ["region"])
    ap.write_to_frame(
        "shop", "eu", "sales",
        pa.table({"region": ["north", "south", "north"], "amount": [10, 20, 30]}),
    )
    return ap


def test_sql_returns_ipc_stream_bytes(sales):
    data = sales.sql("SELECT region, sum(amount) AS total FROM shop.eu.sales GROUP BY region ORDER BY region")
    assert isinstance(data, bytes)
    assert table_of(data).to_pylist() == [
        {"region": "north", "total": 40},
        {"region": "south", "total": 20},
    ]


def test_empty_result_keeps_its_schema(sales):
    data = sales.sql("SELECT region, amount FROM shop.eu.sales WHERE amount > 1000")
    table = table_of(data)
    assert table.num_rows == 0
    assert table.schema.names == ["region", "amount"]
    assert table.schema.field("amount").type == pa.int64()
    assert sales.query("SELECT amount FROM shop.eu.sales WHERE false").schema.names == ["amount"]


def test_use_then_short_names(sales):
    message = table_of(sales.sql("USE shop.eu"))
    assert message.schema.names == ["message"]
    assert sales.query("SELECT count(*) AS n FROM sales").to_pylist() == [{"n": 3}]
    sales.sql("USE shop")
    assert sales.query("SELECT count(*) AS n FROM eu.sales").to_pylist() == [{"n": 3}]


def test_show_commands_in_both_vocabularies(sales):
    assert "shop" in sales.query("SHOW HIVES").column("hive").to_pylist()
    assert "eu" in sales.query("SHOW BOXES IN shop").column("box").to_pylist()
    assert sales.query("SHOW FRAMES IN shop.eu").column("frame").to_pylist() == ["sales"]
    databases = sales.query("SHOW DATABASES")
    assert "shop" in databases.column(0).to_pylist()


def test_describe_reports_properties(sales):
    rows = {r["property"]: r["value"] for r in sales.query("DESCRIBE shop.eu.sales").to_pylist()}
    assert rows["partition_by"] == "region"
    assert rows["total_rows"] == "3"
    assert rows["version"] == "1"
    assert "amount" in rows["schema"]


@pytest.mark.parametrize(
    "statement,api",
    [
        ("INSERT INTO shop.eu.sales VALUES ('x', 1)", "write_to_frame"),
        ("DELETE FROM shop.eu.sales", "overwrite_frame"),
        ("CREATE TABLE t (a INT)", "create_frame"),
    ],
)
def test_data_changing_sql_is_refused_with_the_java_message(sales, statement, api):
    with pytest.raises(ApiaryError, match=api) as info:
        sales.sql(statement)
    assert type(info.value) is not ApiaryError or info.value.category == "USER"
    assert info.value.java_class.startswith("dev.apiary.")
    assert sales.get_frame("shop", "eu", "sales")["row_count"] == 3


def test_host_access_is_denied(sales, tmp_path):
    with pytest.raises(AccessDenied):
        sales.sql(f"COPY (SELECT 1) TO '{tmp_path}/out.csv'")


def test_syntax_error_is_an_apiary_error(sales):
    with pytest.raises(ApiaryError):
        sales.sql("SELEC 1")


def test_two_python_threads_query_concurrently(sales):
    errors, results = [], []

    def work():
        try:
            for _ in range(10):
                t = sales.query("SELECT sum(amount) AS s FROM shop.eu.sales")
                results.append(t.column("s")[0].as_py())
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert results == [60] * 20


def test_gil_is_released_while_java_works(sales):
    """A Python thread keeps running while another waits in Java."""
    counter = {"ticks": 0}
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            counter["ticks"] += 1

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        before = counter["ticks"]
        sales.query("SELECT count(*) FROM range(20000000) a")
        during = counter["ticks"] - before
    finally:
        stop.set()
        ticker.join()
    assert during > 0
