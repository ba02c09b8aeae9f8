#!/usr/bin/env bash
# Runs every test of the project: the Maven build with formatting check and all module suites,
# then the Python SDK's pytest suite (in a virtualenv at python/.venv, against the jars Maven
# just built). Maven and pip download what they need on first use.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -ntp verify "$@"

# ---- Python SDK ----
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
  echo "test.sh: Python 3.9 or newer is needed for the Python SDK tests (set PYTHON=...)" >&2
  exit 2
fi
VENV=python/.venv
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check ./python pytest pandas polars deltalake
# Run from the repository root so that the installed package is imported, not python/apiary.
"$VENV/bin/python" -m pytest -q -p no:cacheprovider python/tests
