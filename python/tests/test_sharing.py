"""Several nodes on one storage root see each other's commits: in one process and across two."""

import os
import subprocess
import sys
import textwrap

import pyarrow as pa

from apiary import Apiary

SCHEMA = {"id": "int64", "who": "string"}


def count(ap, who=None):
    where = "" if who is None else f" WHERE who = '{who}'"
    return ap.query(f'SELECT count(*) AS n FROM "default"."default".shared{where}').column("n")[0].as_py()


def test_two_nodes_in_one_process_see_each_others_commits(storage):
    with Apiary("left", storage=storage) as left, Apiary("right", storage=storage) as right:
        left.create_frame("default", "default", "shared", SCHEMA)
        assert right.list_frames("default", "default") == ["shared"]
        left.write_to_frame("default", "default", "shared", pa.table({"id": [1, 2], "who": ["l", "l"]}))
        assert count(right) == 2
        right.write_to_frame("default", "default", "shared", pa.table({"id": [3], "who": ["r"]}))
        assert count(left) == 3
        assert left.get_frame("default", "default", "shared")["version"] == 2
        assert right.get_frame("default", "default", "shared")["version"] == 2


def run_child(storage, body):
    script = textwrap.dedent(
        f"""
        import pyarrow as pa
        from apiary import Apiary
        with Apiary("child", storage={storage!r}) as ap:
        """
    ) + textwrap.indent(textwrap.dedent(body), "    ")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_processes_see_each_others_commits(storage):
    with Apiary("parent", storage=storage) as ap:
        ap.create_frame("default", "default", "shared", SCHEMA)
        ap.write_to_frame("default", "default", "shared", pa.table({"id": [1, 2, 3], "who": ["p"] * 3}))
        out = run_child(
            storage,
            """
            n = ap.query('SELECT count(*) AS n FROM "default"."default".shared').column("n")[0].as_py()
            print("seen", n)
            for i in range(5):
                ap.write_to_frame("default", "default", "shared", pa.table({"id": [10 + i], "who": ["c"]}))
            """,
        )
        assert "seen 3" in out
        # The parent's node (still running, with its cached snapshot) sees the child's 5 commits.
        assert count(ap, "c") == 5
        assert count(ap) == 8
        assert ap.get_frame("default", "default", "shared")["version"] == 6
