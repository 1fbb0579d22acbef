#!/usr/bin/env bash
# Set up a virtual environment with baokan and its test tools, then run the whole test suite.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ ! -x /usr/bin/chromium ]; then
  echo "note: /usr/bin/chromium not found; browser tests will be skipped (apt-get install chromium)" >&2
fi
exec .venv/bin/python -m pytest "$@"
