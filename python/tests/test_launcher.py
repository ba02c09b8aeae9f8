"""The ./apiary launcher: commands run from the build's class-data archive, with clean output.

Here rather than in the Maven suites because the launcher runs the jars `mvn verify` packages,
after the Java tests have run.
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "apiary"


def run(*args, env=None, check=True):
    result = subprocess.run(
        [str(LAUNCHER), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def built():
    if not (ROOT / "apiary-cli" / "target" / "classpath.txt").exists():
        pytest.fail("run `mvn package` (or ./test.sh) before these tests: the launcher needs the jars")
    run("--version")  # builds nothing (Maven just did), makes the class archive if missing
    return ROOT / "apiary-cli" / "target"


def test_the_launcher_makes_a_class_archive_and_commands_start_from_it(built):
    archives = list(built.glob("apiary-java-*.jsa"))
    assert len(archives) == 1, list(built.iterdir())
    assert not list(built.glob("apiary-java-*.jsa.failed"))
    loaded = run("--version", env={"APIARY_JAVA_OPTS": "-Xlog:class+load=info"}).stdout
    main = [line for line in loaded.splitlines() if " dev.apiary.cli.Main " in line]
    assert main and "shared objects file" in main[0], main


def test_a_load_and_a_query_through_the_launcher(built, tmp_path):
    csv = tmp_path / "sales.csv"
    csv.write_text("id,city,amount\n1,ams,2.5\n2,a/b c,1.0\n3,ams,4.0\n")
    storage = str(tmp_path / "store")
    loaded = run(
        "load", str(csv), "--into", "shop.eu.sales", "--create", "--partition-by", "city",
        "--storage", storage,
    )
    assert "Loaded 3 rows into shop.eu.sales" in loaded.stdout + loaded.stderr
    assert "warning" not in loaded.stderr.lower()
    queried = run(
        "sql", "SELECT city, sum(amount) AS total FROM shop.eu.sales GROUP BY city ORDER BY city",
        "--storage", storage, "--format", "csv",
    )
    assert queried.stdout.splitlines() == ["city,total", "a/b c,1.0", "ams,6.5"]
    assert queried.stderr == ""
