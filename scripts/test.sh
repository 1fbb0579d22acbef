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
# axe-core (the accessibility engine the browser tests inject) from npm, into the git-ignored .venv/axe.
AXE_VERSION=4.14.1
AXE_JS=.venv/axe/node_modules/axe-core/axe.min.js
if [ ! -f "$AXE_JS" ] || ! grep -q "\"version\": \"$AXE_VERSION\"" .venv/axe/node_modules/axe-core/package.json 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund --no-update-notifier --prefix .venv/axe "axe-core@$AXE_VERSION" >/dev/null \
      || echo "note: npm could not install axe-core@$AXE_VERSION; accessibility tests will be skipped" >&2
  else
    echo "note: npm not found; accessibility tests will be skipped (apt-get install npm)" >&2
  fi
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "note: /usr/bin/chromium not found; browser tests will be skipped (apt-get install chromium)" >&2
fi
# The suite runs on every core, up to four (pytest-xdist): on a 2-core machine it takes about 14 minutes instead of 24.
# Pass "-n 0" to run it in one process.
WORKERS=$(nproc 2>/dev/null || echo 2)
[ "$WORKERS" -gt 4 ] && WORKERS=4
exec .venv/bin/python -m pytest -n "$WORKERS" "$@"
