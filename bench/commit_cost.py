"""What durable commits cost inside a real ingest (issue 15): fsync at close, directory fsyncs, the manifest.

Runs the library's ``ingest()`` (two parser workers, as ``baokan ingest``) with the durable
steps of ``indexer.index.durability`` and ``whoosh_internals`` wrapped in timers, and prints
one JSON line: records, commits, the whole ingest's seconds, and the seconds spent in each step.

    python bench/commit_cost.py bench/out/c20k /tmp/ix20k   # the index directory is created
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

from indexer.index import durability, store
from indexer.index import whoosh_internals as wi

spent = {"fsync_on_close": 0.0, "fsync_dir": 0.0, "write_commit": 0.0, "sums": 0.0}


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started
    return run


def main() -> None:
    wi._sync_on_close = timed("fsync_on_close", wi._sync_on_close)
    wi.fsync_dir = timed("fsync_dir", wi.fsync_dir)
    durability.sums_for_segments = timed("sums", durability.sums_for_segments)
    durability.write_commit = store.write_commit = timed("write_commit", durability.write_commit)
    from indexer.index.ingest import ingest

    started = time.perf_counter()
    report = ingest([sys.argv[1]], sys.argv[2], workers=2)
    total = time.perf_counter() - started
    print(json.dumps({"records": report.records_added, "commits": report.commits, "total_s": round(total, 2),
                      **{k: round(v, 2) for k, v in spent.items()}}))


if __name__ == "__main__":
    main()
