#!/usr/bin/env bash
# The demo: brings up (or reuses) the local Kitsu, then builds a small TV production with the SDK
# (examples/quickstart.py) and prints it. With KITSU_HOST set, uses that server and starts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=${KITSU_DEMO_VENV:-.venv}
if ! [ -x "$VENV/bin/python" ]; then
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    rm -rf "$VENV"; "$PY" -m venv "$VENV"
  fi
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e .

if [ -z "${KITSU_HOST:-}" ]; then
  bash scripts/local-kitsu.sh up
  eval "$(bash scripts/local-kitsu.sh env)"
fi
exec "$VENV/bin/python" examples/quickstart.py
