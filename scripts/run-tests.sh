#!/usr/bin/env bash
# The whole test suite: ruff, mypy --strict, unit tests, and the integration suite against a real
# Zou. Without KITSU_HOST it brings the local Zou up (scripts/local-kitsu.sh) and stops it at the
# end if it was not running before. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=${KITSU_TEST_VENV:-.venv}
if ! [ -x "$VENV/bin/python" ]; then
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    # Debian's python3 ships venv separately.
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    rm -rf "$VENV"; "$PY" -m venv "$VENV"
  fi
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[dev,async]'

if [ -z "${KITSU_HOST:-}" ]; then
  # Stop the local Kitsu at the end only if this run is the one that started it.
  if ! "$VENV/bin/python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:${KITSU_API_PORT:-5000}/', timeout=3)" 2>/dev/null; then
    trap 'bash scripts/local-kitsu.sh stop || true' EXIT
  fi
  bash scripts/local-kitsu.sh up
  eval "$(bash scripts/local-kitsu.sh env)"
fi

"$VENV/bin/ruff" check kitsu_sdk tests benchmarks examples scripts
"$VENV/bin/python" scripts/gen_bindings.py --check
"$VENV/bin/mypy" kitsu_sdk
# The docs site, strict (a broken link, a missing page or a docstring mkdocstrings cannot read
# fails), built outside the checkout; about 10 s.
DOCS_SITE=$(mktemp -d)
NO_MKDOCS_2_WARNING=1 "$VENV/bin/mkdocs" build --strict --quiet -d "$DOCS_SITE"
rm -rf "$DOCS_SITE"
# DCCs embed older Pythons: no 3.10+ syntax or standard-library API in the package. Annotations
# count (typing.get_type_hints evaluates them), and so do `X | Y` unions (mark a bitwise `|` of
# two attributes that vermin takes for one with `# novm`).
"$VENV/bin/vermin" --no-tips --violations -t=3.9- --eval-annotations --feature union-types kitsu_sdk
"$VENV/bin/pytest" tests "$@"

# The package promises Python 3.9: where an interpreter of that version exists, the unit tests
# run on it too (the integration suite above already ran on the default one).
PY39=""
for candidate in python3.9 "$(pyenv root 2>/dev/null)"/versions/3.9*/bin/python3.9; do
  if "$candidate" -c "import sys; assert sys.version_info[:2] == (3, 9)" 2>/dev/null; then
    PY39=$candidate; break
  fi
done
if [ -n "$PY39" ]; then
  [ -x .venv39/bin/python ] || "$PY39" -m venv .venv39
  .venv39/bin/python -m pip install -q --disable-pip-version-check -e '.[dev,async]'
  .venv39/bin/python -m pytest -q -m "not integration" tests
else
  echo "python3.9 not found: unit tests ran on $("$VENV/bin/python" -V) only"
fi
