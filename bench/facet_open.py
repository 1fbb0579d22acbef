"""Opening the facet columns at 20k, 100k, 1M records: decoding JSON rows against mapping the arrays.

A component measure (no full index at 1M is built): the facet rows of a real index are
repeated up to each size (page files renamed per copy, so the file vocabulary grows as an
archive's does), then, each in a fresh process with the page cache warm:

* ``rows``: what opening a segment without arrays does (and what every open did before issue
  14's arrays): decode every JSON row, code the columns (``FacetColumns``);
* ``arrays``: what opening a segment with its ``.fcol`` does: map the file
  (``read_facet_file``), read the small vocabularies, build ``FacetColumns`` from it;

and then one facet count over every document (``filter_and_count``), the work of a query
matching everything, which pages the arrays in.

    python bench/facet_open.py --index bench/out/cold20k --sizes 20000 100000 1000000 --runs 3
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OPEN = """
import json, sys, time
mode, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
import numpy as np
from indexer.index import facetfile
from indexer.searching.facets import PEOPLE, FacetColumns, FacetRow, filter_and_count
t0 = time.perf_counter()
if mode == "rows":
    with open(path, "rb") as f:
        raws = f.read().split(b"\\n")[:n]
    rows = [FacetRow.from_values(v) for v in facetfile.decode_rows(raws)]
    cols = FacetColumns(rows)
else:
    coded = facetfile.read_facet_file(path, n)
    for name in ("kind", "region", "date", "section", *PEOPLE):
        coded.vocab(name)
    cols = FacetColumns.from_segments([coded])
t1 = time.perf_counter()
_, facets = filter_and_count(cols, np.arange(cols.n, dtype=np.int64), {})
t2 = time.perf_counter()
print(json.dumps({"open": t1 - t0, "count_all": t2 - t1, "docs": cols.n, "kinds": facets["kind"]}))
"""


def raw_rows(index_dir: str) -> list[bytes]:
    from indexer.index.store import open_index
    out: list[bytes] = []
    with open_index(index_dir).reader() as reader:
        for sub, _ in reader.leaf_readers():
            out.extend(sub.column_reader("facets"))
    return out


def grown(raws: list[bytes], size: int) -> list[bytes]:
    out: list[bytes] = []
    copy = 0
    while len(out) < size:
        tag = f"/copy{copy}/".encode()
        out.extend(r.replace(b'"source":"/', b'"source":"' + tag, 1) for r in raws[:size - len(out)])
        copy += 1
    return out


def run(mode: str, path: str, n: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", OPEN, mode, path, str(n)], capture_output=True, text=True, env=env,
                         check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    from indexer.index.facetfile import code_raw_rows

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True)
    p.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000, 1_000_000])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--out")
    args = p.parse_args(argv)
    base = raw_rows(args.index)
    result: dict[str, object] = {"index": args.index, "base_rows": len(base), "sizes": {}}
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            raws = grown(base, size)
            rows_path = os.path.join(tmp, f"rows{size}.jsonl")
            Path(rows_path).write_bytes(b"\n".join(r or b"{}" for r in raws))
            t = time.perf_counter()
            data = code_raw_rows(raws).to_bytes()
            write_s = time.perf_counter() - t
            fcol = os.path.join(tmp, f"seg{size}.fcol")
            Path(fcol).write_bytes(data)
            samples: dict[str, list[dict[str, float]]] = {"rows": [], "arrays": []}
            for _ in range(args.runs):
                for mode in ("rows", "arrays"):
                    samples[mode].append(run(mode, rows_path if mode == "rows" else fcol, size))
                load.append(os.getloadavg()[0])
            assert samples["rows"][0]["kinds"] == samples["arrays"][0]["kinds"]
            result["sizes"][str(size)] = {  # type: ignore[index]
                "fcol_bytes": len(data), "code_and_write_s": round(write_s, 3),
                **{mode: {k: round(sorted(s[k] for s in v)[len(v) // 2], 4) for k in ("open", "count_all")}
                   for mode, v in samples.items()}}
            print(size, json.dumps(result["sizes"][str(size)]), flush=True)  # type: ignore[index]
    result["loadavg_1min"] = [round(min(load), 2), round(max(load), 2)]
    print(json.dumps(result, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
