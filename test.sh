#!/usr/bin/env bash
# Runs every test of the project: the Maven build with formatting check and all module suites.
# Maven downloads what it needs on first use.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
