"""Run a command and measure its wall time and the peak memory of its whole process tree.

Memory is sampled from /proc every 0.5 s over the child and all its descendants
(ingest worker processes included):

* ``peak_pss_mb``: the peak of the summed PSS (proportional set size: a page
  shared by forked workers is split between them, so the sum is the real
  footprint);
* ``peak_rss_sum_mb``: the peak of the summed RSS (counts shared pages once per
  process: an upper bound);
* ``max_rss_mb``: the largest single process (``ru_maxrss`` of the waited-for
  children, exact but per process).
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    peak_pss_mb: float
    peak_rss_sum_mb: float
    max_rss_mb: float
    cpu_s: float = 0.0  # user + system CPU of the child and the children it waited for


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _tree(root: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def _kb(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_memory_kb(root: int) -> tuple[int, int]:
    """(summed PSS, summed RSS) of ``root`` and its descendants, in KiB."""
    pss = rss = 0
    for pid in _tree(root):
        pss += _kb(f"/proc/{pid}/smaps_rollup", "Pss:")
        rss += _kb(f"/proc/{pid}/status", "VmRSS:")
    return pss, rss


def run_measured(cmd: list[str], *, env: dict[str, str] | None = None, timeout: float | None = None,
                 interval: float = 0.5, cwd: str | None = None) -> Measured:
    """Run ``cmd`` (at the current niceness), sampling its process tree's memory."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, env=env, cwd=cwd)
        peak = [0, 0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                pss, rss = tree_memory_kb(proc.pid)
                peak[0] = max(peak[0], pss)
                peak[1] = max(peak[1], rss)
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        deadline = started + timeout if timeout else None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.monotonic() > deadline:
                proc.kill()
            time.sleep(0.05)
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return Measured(proc.returncode, out.read(), err.read(), wall, peak[0] / 1024, peak[1] / 1024,
                        usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def dir_bytes(path: str | os.PathLike[str]) -> int:
    """Bytes of all files below ``path``."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def code_state() -> dict[str, str]:
    """The commit benchmarked, and a hash of any uncommitted changes to the code under test."""
    import hashlib

    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True).stdout

    diff = git("diff", "HEAD", "--", "indexer", "webapp")
    return {"commit": git("rev-parse", "--short", "HEAD").strip(),
            "uncommitted_diff_sha1": hashlib.sha1(diff.encode()).hexdigest()[:10] if diff else ""}
