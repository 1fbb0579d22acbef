"""Schemathesis against a real ``baokan serve`` process: the OpenAPI document says what the server accepts.

Every check (``--checks all``: no 5xx, responses match their schemas and media types, every
status is documented, schema-valid requests are accepted), schema-valid requests only, a
bounded number of examples with a fixed seed. The two rules OpenAPI cannot state (date order,
relevance paging depth) are in ``schemathesis_hooks.py``.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import free_port

pytest.importorskip("schemathesis")

HERE = Path(__file__).parent
EXAMPLES_PER_OPERATION = 15  # 13 operations: some 170 requests, a few seconds


def _command(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(scope="module")
def live_server(seed_index_dir: Path) -> Iterator[str]:
    """``baokan serve`` on the seed index and a free port; its base URL."""
    port = free_port()
    proc = subprocess.Popen([_command("baokan"), "serve", "--index-dir", str(seed_index_dir), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/stats", timeout=5) as r:
                    assert r.status == 200
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise AssertionError(proc.stderr.read().decode())
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()  # waitress stops at SIGTERM; the test's timeout covers a server that does not
        proc.wait(timeout=30)
        proc.stderr.close()


def test_the_server_keeps_its_openapi_contract(live_server, tmp_path):
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    started = time.monotonic()
    run = subprocess.run(
        [_command("st"), "run", f"{live_server}/api/openapi.json", "--checks", "all", "--mode", "positive",
         "--phases", "fuzzing", "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", "20261130",
         "--generation-database", "none", "--no-color", "--request-timeout", "30"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    generated, passed = map(int, re.search(r"(\d+) generated, (\d+) passed", output).groups())
    assert generated == passed >= 100, output[-2000:]
    assert time.monotonic() - started < 120, output[-2000:]
