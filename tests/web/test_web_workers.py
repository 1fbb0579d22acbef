"""``baokan serve --workers 2``: two real server processes on one port, one index."""
from __future__ import annotations

import json
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from helpers import SEED_PAGES, Server

from indexer.index.ingest import ingest


def child_pids(pid: int) -> list[int]:
    """The live children of ``pid``, from /proc."""
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry))
    return kids


def answers(server: Server, path: str, want: set[str], limit: int = 400) -> dict[str, list[int]]:
    """Worker number -> totals of ``path``, asked from 8 client threads until every worker in ``want`` answered."""
    seen: dict[str, list[int]] = {}
    with ThreadPoolExecutor(8) as pool:
        for _ in range(limit // 8):
            for status, headers, body in pool.map(lambda _: server.get(path), range(8)):
                assert status == 200
                seen.setdefault(headers["x-baokan-worker"], []).append(json.loads(body)["total"])
            if want <= set(seen):
                break
    return seen


def test_two_workers_answer_see_new_commits_and_stop_cleanly(tmp_path):
    index_dir = tmp_path / "index"
    ingest([str(SEED_PAGES[0])], str(index_dir), workers=1)
    server = Server(index_dir, tmp_path / "serve.log", threads=2, workers=2)
    workers: list[int] = []
    try:
        workers = child_pids(server.proc.pid)
        assert len(workers) == 2
        seen = answers(server, "/api/search?q=焦作", {"1", "2"})
        assert set(seen) == {"1", "2"}  # both processes answered
        assert len({t for totals in seen.values() for t in totals}) == 1 and seen["1"][0] > 0  # the same answer

        # a commit lands while they serve: each worker's next search sees it, no restart
        before = answers(server, "/api/search?q=项目谋划", {"1", "2"})
        assert {t for totals in before.values() for t in totals} == {0}
        ingest([str(SEED_PAGES[1])], str(index_dir), workers=1)
        after = answers(server, "/api/search?q=项目谋划", {"1", "2"})
        assert set(after) == {"1", "2"} and 0 not in {t for totals in after.values() for t in totals}
    finally:
        server.proc.send_signal(signal.SIGTERM)
        log = server.stop()
    assert server.proc.returncode == 0, log
    assert [pid for pid in workers if os.path.exists(f"/proc/{pid}") and
            Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"] == []
    assert "2 个进程" in log and "Traceback" not in log
