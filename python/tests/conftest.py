import os
import tempfile

# Node state (ids, staging, spill) of every test node goes under one temporary APIARY_HOME; it
# must be set before the JVM starts, which reads its environment once.
os.environ["APIARY_HOME"] = tempfile.mkdtemp(prefix="apiary-pytest-home-")

import pytest  # noqa: E402

from apiary import Apiary  # noqa: E402


@pytest.fixture
def storage(tmp_path):
    return str(tmp_path / "meadow")


@pytest.fixture
def ap(storage):
    node = Apiary("test", storage=storage).start()
    yield node
    node.shutdown()
