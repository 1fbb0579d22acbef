"""Follow a long ingest: committed records, index size and the process tree's memory over time.

Reads only the index's table of contents (no lock), once a minute, and appends a
JSON line; for runs too long to wait for, the curve is the result.

    nohup python bench/monitor.py bench/out/ix100k/ours ROOT_PID bench/out/monitor100k.jsonl &
"""
from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import dir_bytes, tree_memory_kb  # noqa: E402


def committed(index_dir: str) -> int | None:
    from whoosh import index

    for name in ("baokan", "MAIN"):
        try:
            if index.exists_in(index_dir, indexname=name):
                return index.open_dir(index_dir, indexname=name).doc_count_all()
        except Exception:  # mid-commit: try again next time
            return None
    return None


def main(argv: list[str]) -> int:
    index_dir, root, out = argv[0], int(argv[1]), argv[2]
    interval = float(argv[3]) if len(argv) > 3 else 60.0
    started = time.monotonic()
    with open(out, "a", encoding="utf-8") as f:
        while os.path.exists(f"/proc/{root}"):
            pss, rss = tree_memory_kb(root)
            row = {"t": time.strftime("%H:%M:%S"), "elapsed_s": round(time.monotonic() - started),
                   "committed": committed(index_dir) if os.path.isdir(index_dir) else None,
                   "index_mb": round(dir_bytes(index_dir) / 1e6, 1) if os.path.isdir(index_dir) else 0,
                   "tree_pss_mb": round(pss / 1024), "tree_rss_sum_mb": round(rss / 1024),
                   "loadavg": os.getloadavg()[0]}
            f.write(json.dumps(row) + "\n")
            f.flush()
            time.sleep(interval)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
