"""Fresh process to first answer: ``baokan search`` timed from outside, for one or more code trees.

Each run is a new interpreter (imports, dictionaries, index open, one search with
facets and snippets, JSON printed); trees are interleaved run by run so machine load
hits them alike. A tree is a checkout of the code (``git archive REV | tar -x -C DIR``),
put first on ``PYTHONPATH``; ``.`` is the working tree.

    git archive HEAD~1 | (mkdir -p /tmp/before && tar -x -C /tmp/before)
    python bench/coldstart.py --index bench/out/peers20k/ours --tree /tmp/before --tree . --runs 9

``--phases`` times, inside each fresh process, the imports, opening the snapshot with its
facet columns (what issue 14's facet arrays cut), and the first search, instead of the whole
command from outside.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import percentile  # noqa: E402

SEARCH = "import sys; from indexer.cli import main; sys.exit(main(sys.argv[1:]))"
PHASES = """
import json, sys, time
t0 = time.perf_counter()
from indexer import Archive, SearchQuery, search
import indexer.searching.service, indexer.searching.snapshot, numpy, whoosh.index
t1 = time.perf_counter()
archive = Archive(sys.argv[1])
snap = archive.snapshot()
snap.columns
t2 = time.perf_counter()
page = search(archive, SearchQuery(q=sys.argv[2]))
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "open": t2 - t1, "search": t3 - t2, "total": page.total}))
"""


def phases_once(tree: str, index_dir: str, query: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(Path(tree).resolve())}
    out = subprocess.run([sys.executable, "-c", PHASES, index_dir, query], capture_output=True, text=True, env=env,
                         cwd="/tmp")
    if out.returncode != 0:
        raise SystemExit(f"{tree}: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def run_once(tree: str, index_dir: str, query: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(Path(tree).resolve())}
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", SEARCH, "search", query, "--index-dir", index_dir, "--json"],
                         capture_output=True, text=True, env=env, cwd="/tmp")
    elapsed = time.perf_counter() - t
    if out.returncode != 0 or '"total"' not in out.stdout:
        raise SystemExit(f"{tree}: {out.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True)
    p.add_argument("--tree", action="append", required=True)
    p.add_argument("--query", default="发展")
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--out")
    p.add_argument("--phases", action="store_true", help="time imports / open / first search inside the process")
    args = p.parse_args(argv)
    index_dir = str(Path(args.index).resolve())
    measure = phases_once if args.phases else run_once
    samples: dict[str, list] = {t: [] for t in args.tree}
    load = [os.getloadavg()[0]]
    for _ in range(args.runs):  # interleaved: each round runs every tree once
        for tree in args.tree:
            samples[tree].append(measure(tree, index_dir, args.query))
        load.append(os.getloadavg()[0])
    if args.phases:
        trees = {t: {k: round(percentile([r[k] for r in v], 50), 3) for k in ("imports", "open", "search")}
                 | {"total": v[0]["total"]} for t, v in samples.items()}
    else:
        trees = {t: {"p50_s": round(percentile(v, 50), 3), "min_s": round(min(v), 3), "max_s": round(max(v), 3)}
                 for t, v in samples.items()}
    result = {"index": args.index, "query": args.query, "runs": args.runs,
              "loadavg_1min": [round(min(load), 2), round(max(load), 2)], "trees": trees}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
