"""Shared helpers of the reliability tests (no tests here): real ``baokan`` processes, corpora, index reads.

Nothing of ours is mocked: every helper runs the real CLI in a subprocess or opens the
real index on disk.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SEED_NAMES = ("000_26f9c0bf5d7a20f6.txt", "004_16b43a71a00cea4c.txt")
REPO = Path(__file__).resolve().parent.parent

SOAK = os.environ.get("BAOKAN_SOAK", "") not in ("", "0")


def baokan_cmd() -> list[str]:
    """The installed ``baokan`` entry point next to this interpreter, else ``python -m indexer.cli``."""
    script = Path(sys.executable).with_name("baokan")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "indexer.cli"]


def run_baokan(*args: str, timeout: float = 120, env: dict[str, str] | None = None,
               prefix: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """Run ``baokan ARGS`` to completion; stdout/stderr captured as text (undecodable bytes replaced)."""
    return subprocess.run([*prefix, *baokan_cmd(), *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=REPO, text=True, errors="replace")


def seed_text(n: int) -> str:
    return (DATA / SEED_NAMES[n % len(SEED_NAMES)]).read_text("utf-8")


def variant(text: str, tag: str) -> str:
    """The seed page with a unique marker in its first paragraphs, so its records differ from other copies."""
    text = text.replace("本报讯", f"本报讯（编号{tag}）", 1)
    return text.replace("会议", f"会议{tag}", 2)


def short_seed(n: int, chars: int = 1900) -> str:
    """The start of a seed page, cut at a blank line: a few records, cheap to parse."""
    text = seed_text(n)
    cut = text.rfind("\n\n", 0, chars)
    return text[:cut + 1] if cut > 0 else text


def make_corpus(root: Path, n_files: int, *, start: _dt.date = _dt.date(2021, 11, 1), tag: str = "K",
                short: bool = False) -> list[Path]:
    """``n_files`` dated page files (``2021-11-01_01.txt``…) made from the two seed pages, each one different."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_files):
        day = start + _dt.timedelta(days=i // 2)
        path = root / f"{day.isoformat()}_{i % 2 + 1:02d}.txt"
        page = short_seed(i) if short else seed_text(i)
        path.write_text(variant(page, f"{tag}{i:03d}"), "utf-8")
        paths.append(path)
    return sorted(paths)


def parse_records(paths: Sequence[Path]) -> dict[str, list[dict[str, Any]]]:
    """``baokan parse --json`` over the files: source name -> its records, in order."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not paths:
        return out
    proc = run_baokan("parse", "--json", *(str(Path(p).resolve()) for p in paths))
    assert proc.returncode == 0, proc.stderr
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        out[rec["source"]].append(rec)
    return dict(out)


def index_records(index_dir: Path) -> list[dict[str, Any]]:
    """Every live record in the index on disk (stored ``file`` plus the record's JSON)."""
    from whoosh import index as whoosh_index

    from indexer.store import INDEX_NAME

    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    rows = []
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for docnum, fields in reader.iter_docs():  # live documents only
            rows.append({"file": fields["file"], "id": fields["id"], "record": json.loads(fields["data"])})
    return rows


def stats_json(index_dir: Path) -> dict[str, Any]:
    proc = run_baokan("stats", "--index-dir", str(index_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def search_json(index_dir: Path, query: str, *extra: str) -> dict[str, Any]:
    proc = run_baokan("search", query, "--index-dir", str(index_dir), "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def rss_kb(pid: int) -> int:
    """VmRSS of a process, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def tree_rss_kb(pid: int) -> int:
    """VmRSS of a process plus its children (the ``baokan`` script may exec a child)."""
    total = rss_kb(pid)
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        for child in children.read_text().split():
            try:
                total += tree_rss_kb(int(child))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return total


# --- a real ``baokan serve`` (waitress) on loopback -------------------------------------


def free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_PRINTABLE_ASCII = "".join(chr(c) for c in range(33, 127))


class Server:
    """``baokan serve --index-dir D --port P`` on 127.0.0.1 in a subprocess (stop() ends it)."""

    def __init__(self, index_dir: Path, log: Path, threads: int = 8) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([*baokan_cmd(), "serve", "--index-dir", str(index_dir), "--host", "127.0.0.1",
                                      "--port", str(self.port), "--threads", str(threads)],
                                     stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO)
        self.log_path = log
        import time

        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = self.get("/api/stats", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"server did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)

    def get(self, path: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        """GET a path (already URL-encoded): status, headers, body; 4xx/5xx are returned, not raised."""
        import http.client

        from urllib.parse import quote

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", quote(path, safe=_PRINTABLE_ASCII))  # only non-ASCII, spaces, controls escaped
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def get_json(self, path: str, timeout: float = 30) -> tuple[int, Any]:
        status, _, body = self.get(path, timeout)
        return status, json.loads(body)

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.log_path.read_text(errors="replace")
