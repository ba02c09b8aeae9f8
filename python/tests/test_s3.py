"""The Python SDK on S3 storage: a real S3 server (s3proxy) in a child JVM on 127.0.0.1.

The server is the Java test fixture ``S3TestServerMain`` from ``apiary-storage-s3``'s test
classes, started with the class path Maven writes to ``apiary-storage-s3/target/test-classpath.txt``
(``./test.sh`` builds it before running pytest). It prints its endpoint and serves until its
standard input closes.
"""

import os
import shutil
import subprocess
import uuid

import pyarrow as pa
import pytest

from apiary import Apiary, ApiaryError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULE = os.path.join(ROOT, "apiary-storage-s3", "target")
ACCESS_KEY = "apiary-test"
SECRET_KEY = "apiary-test-secret"


def _server_classpath():
    listing = os.path.join(MODULE, "test-classpath.txt")
    if not os.path.exists(listing):
        raise AssertionError(
            f"{listing} is missing: build the Java side first (./test.sh, or"
            " `mvn -B -ntp -pl apiary-storage-s3 -am test-compile`)"
        )
    with open(listing, encoding="utf-8") as f:
        jars = f.read().strip()
    return os.pathsep.join(
        [os.path.join(MODULE, "test-classes"), os.path.join(MODULE, "classes"), jars]
    )


def _java():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    return shutil.which("java") or "java"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = subprocess.Popen(
        [_java(), "-Xmx256m", "-cp", _server_classpath(),
         "dev.apiary.storage.s3.testing.S3TestServerMain"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        line = server.stdout.readline().split()
        assert line[:1] == ["endpoint"], f"the S3 test server did not start: {line}"
        _use_test_credentials()
        yield line[1]
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _use_test_credentials():
    # The default AWS credential chain reads these JVM system properties before the environment.
    import jpype

    from apiary import _jvm

    _jvm.classes()
    system = jpype.JClass("java.lang.System")
    system.setProperty("aws.accessKeyId", ACCESS_KEY)
    system.setProperty("aws.secretAccessKey", SECRET_KEY)


def test_write_query_and_read_back_on_s3(s3_endpoint):
    storage = f"s3://apiary-test/py-{uuid.uuid4()}?endpoint={s3_endpoint}"
    with Apiary("s3py", storage=storage) as ap:
        assert ap.status()["storage"] == "s3"
        ap.create_hive("shop")
        ap.create_box("shop", "eu")
        ap.create_frame("shop", "eu", "sales", {"region": "string", "amount": "int64"}, ["region"])
        ap.write_to_frame(
            "shop", "eu", "sales",
            pa.table({"region": ["north", "south", "north"], "amount": [10, 20, 30]}),
        )
        result = pa.ipc.open_stream(
            ap.sql("SELECT region, sum(amount) AS total FROM shop.eu.sales GROUP BY region ORDER BY region")
        ).read_all()
        assert result.to_pylist() == [
            {"region": "north", "total": 40},
            {"region": "south", "total": 20},
        ]
    # A second node (a new process would do the same) sees everything through the bucket.
    with Apiary("s3py", storage=storage) as other:
        frame = other.get_frame("shop", "eu", "sales")
        assert frame["row_count"] == 3
        assert frame["version"] == 1


def test_a_missing_bucket_is_a_clear_error(s3_endpoint):
    node = Apiary("s3py", storage=f"s3://no-such-bucket/p?endpoint={s3_endpoint}")
    with pytest.raises(ApiaryError) as error:
        node.start()
    assert "s3://no-such-bucket/p (endpoint " + s3_endpoint + ")" in str(error.value)
    assert "NoSuchBucket" in str(error.value)
    assert "create the bucket first" in str(error.value)
