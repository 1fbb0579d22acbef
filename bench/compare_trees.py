"""Warm latency per query kind for two or more code trees (before/after a change), interleaved.

Each block is a fresh process running ``peers.py warm ours`` with one tree first on
``PYTHONPATH`` (``git archive REV | tar -x -C DIR``); blocks alternate between trees,
so load on the shared machine hits them alike. Reports p50 per kind and the geometric
mean of the after/before ratios.

    python bench/compare_trees.py --index bench/out/peers20k/ours --corpus bench/out/c20k \\
        --tree /tmp/before --tree /tmp/after --blocks 4 --rounds 5
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from proctree import percentile  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--tree", action="append", required=True)
    p.add_argument("--blocks", type=int, default=4)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--out")
    args = p.parse_args(argv)
    samples: dict[str, dict[str, list[float]]] = {t: {} for t in args.tree}
    load = [os.getloadavg()[0]]
    for _ in range(args.blocks):
        for tree in args.tree:
            env = {**os.environ, "PYTHONPATH": str(Path(tree).resolve())}
            out = subprocess.run([sys.executable, str(HERE / "peers.py"), "warm", "ours", str(Path(args.index).resolve()),
                                  "--corpus", str(Path(args.corpus).resolve()), "--rounds", str(args.rounds)],
                                 capture_output=True, text=True, env=env, cwd="/tmp", check=True)
            for kind, values in json.loads(out.stdout.strip().splitlines()[-1]).items():
                samples[tree].setdefault(kind, []).extend(values)
        load.append(os.getloadavg()[0])
    first = args.tree[0]
    result = {"index": args.index, "loadavg_1min": [round(min(load), 2), round(max(load), 2)], "kinds": {}}
    for kind in samples[first]:
        result["kinds"][kind] = {t: round(percentile(samples[t][kind], 50), 2) for t in args.tree}
    for t in args.tree[1:]:
        ratios = [result["kinds"][k][t] / result["kinds"][k][first] for k in result["kinds"]]
        result[f"geomean_p50_ratio {t} / {first}"] = round(math.exp(sum(map(math.log, ratios)) / len(ratios)), 3)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
