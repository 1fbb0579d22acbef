#!/usr/bin/env bash
# Set up a virtual environment with baokan, then serve the demo archive on http://127.0.0.1:8000/
# (an empty index is first built from the sample pages in webapp/demo_pages/).
# Usage: bash scripts/demo.sh [--port 8000] [--host 127.0.0.1]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
exec .venv/bin/baokan serve --index-dir "${BAOKAN_INDEX_DIR:-index_data}" "$@"
