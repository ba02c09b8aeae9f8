"""Runs the example of docs/python.md."""

import os
import re

import pytest

DOC = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "python.md")


def test_docs_example_runs(tmp_path, capsys):
    if not os.path.exists(DOC):
        pytest.skip("docs/python.md is not beside this checkout")
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks, "docs/python.md has no python example"
    exec(compile(blocks[0], "docs/python.md", "exec"), {"STORAGE": str(tmp_path / "meadow")})
    out = capsys.readouterr().out
    assert "'rows_written': 3" in out
    assert "nope" in out
