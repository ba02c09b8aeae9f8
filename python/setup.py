"""Build hook: records where the Apiary repository is, so the package can find its Java build.

The Java side (jars) is not shipped inside the wheel yet: at run time the package reads the
classpath Maven wrote in ``<repo>/apiary-cli/target/classpath.txt``. This hook writes the
repository's absolute path into ``apiary/_repo.txt`` of the built package.
"""

import os

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    def run(self):
        super().run()
        here = os.path.dirname(os.path.abspath(__file__))
        repo = os.path.dirname(here)
        if os.path.exists(os.path.join(repo, "apiary-cli", "pom.xml")):
            target = os.path.join(self.build_lib, "apiary", "_repo.txt")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write(repo + "\n")


setup(cmdclass={"build_py": BuildPy})
