"""The installed package carries its own Java libraries."""

import os

import apiary
from apiary import _jvm


def test_installed_package_runs_on_the_jars_it_carries(monkeypatch):
    monkeypatch.delenv("APIARY_CLASSPATH", raising=False)
    monkeypatch.delenv("APIARY_REPO", raising=False)
    package = os.path.dirname(os.path.abspath(apiary.__file__))
    entries = _jvm.classpath()
    assert entries, "no classpath"
    for entry in entries:
        assert os.path.dirname(entry) == os.path.join(package, "jars"), entry
        assert os.path.isfile(entry), entry
    names = [os.path.basename(e) for e in entries]
    assert any(n.startswith("apiary-runtime-") for n in names)
    assert any(n.startswith("duckdb_jdbc-") for n in names)


def test_jvm_started_from_the_packaged_jars():
    import jpype

    _jvm.classes()  # starts the JVM if no test has yet
    location = jpype.JClass("dev.apiary.runtime.Apiary").class_.getProtectionDomain()
    path = str(location.getCodeSource().getLocation().getPath())
    package = os.path.dirname(os.path.abspath(apiary.__file__))
    assert path.startswith(os.path.join(package, "jars")), path


def test_type_information_covers_every_public_method():
    import ast
    import inspect

    from apiary import Apiary

    package = os.path.dirname(os.path.abspath(apiary.__file__))
    assert os.path.exists(os.path.join(package, "py.typed"))
    with open(os.path.join(package, "_client.pyi"), encoding="utf-8") as f:
        stub = ast.parse(f.read())
    stubbed = {}
    for node in ast.walk(stub):
        if isinstance(node, ast.ClassDef) and node.name == "Apiary":
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    stubbed[item.name] = [a.arg for a in item.args.args]
    public = {
        name: list(inspect.signature(member).parameters)
        for name, member in inspect.getmembers(Apiary, inspect.isfunction)
        if not name.startswith("_") or name in ("__init__", "__enter__", "__exit__")
    }
    for name, parameters in public.items():
        assert name in stubbed, f"{name} has no type information"
        if name != "__exit__":
            assert stubbed[name] == parameters, name
