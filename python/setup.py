"""Build hook: puts Apiary's Java libraries inside the package.

The package carries the jars the JVM needs in ``apiary/jars/``: this hook copies every entry of
the classpath Maven wrote to ``<repo>/apiary-cli/target/classpath.txt`` into the built package.
Build the Java side first (``./test.sh`` does both, or run
``mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl apiary-cli -am package``).
"""

import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

_BUILD = "mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl apiary-cli -am package"


def _classpath(repo):
    listing = os.path.join(repo, "apiary-cli", "target", "classpath.txt")
    if not os.path.exists(listing):
        raise SystemExit(
            f"apiary: the Java build is missing ({listing} does not exist); run `{_BUILD}` in"
            f" {repo} first, then install this package again"
        )
    with open(listing, encoding="utf-8") as f:
        entries = [e for e in f.read().strip().split(os.pathsep) if e]
    missing = [e for e in entries if not os.path.isfile(e)]
    if missing:
        raise SystemExit(
            f"apiary: {len(missing)} jar(s) of the Java build are missing, e.g. {missing[0]};"
            f" run `{_BUILD}` in {repo} first, then install this package again"
        )
    return entries


class BuildPy(build_py):
    def run(self):
        super().run()
        here = os.path.dirname(os.path.abspath(__file__))
        repo = os.path.dirname(here)
        if not os.path.exists(os.path.join(repo, "apiary-cli", "pom.xml")):
            raise SystemExit(
                "apiary: build this package from an Apiary repository checkout (python/ next to"
                " apiary-cli/), after the Maven build"
            )
        jars = os.path.join(self.build_lib, "apiary", "jars")
        shutil.rmtree(jars, ignore_errors=True)
        os.makedirs(jars)
        names = []
        for entry in _classpath(repo):
            name = os.path.basename(entry)
            if name in names:
                raise SystemExit(f"apiary: two jars on the classpath are named {name}; cannot package")
            shutil.copyfile(entry, os.path.join(jars, name))
            names.append(name)
        # The order matters to the JVM only for duplicate classes, but keep Maven's order anyway.
        with open(os.path.join(jars, "classpath.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(names) + "\n")


setup(cmdclass={"build_py": BuildPy})
