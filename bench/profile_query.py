"""Where a search's time goes, per query kind of the mix (cProfile, warm archive).

Reports, per query, the milliseconds spent in the stages of a search (``indexer.searching``):
matching every document (``docs_for_query``), filtering and counting facets,
ranking (``ranked``: scores read from the query tree), loading stored records and building snippets.
Profiler overhead inflates the totals; the split is what matters. The
per-snapshot result cache is off (``BAOKAN_RESULT_CACHE=0``) unless ``--cache``
is given, so every run matches and ranks from scratch.

    nice -n 10 python bench/profile_query.py bench/out/ix10k/ours bench/out/c10k/meta.json [RUNS] [--cache] [--peers]

``--peers`` profiles ``bench/peers.py``'s ten kinds (each with 10 hits and the facets) instead of
``bench/query.py``'s mix.
"""
from __future__ import annotations

import cProfile
import json
import logging
import os
import pstats
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parent))
if "--peers" in sys.argv:
    from peers import Ours, query_mix  # noqa: E402
else:
    from query import Ours, query_mix  # noqa: E402

STAGES = {
    "match all (query_docnums)": ("vecmatch.py", "query_docnums"),
    "filter + facet counts": ("facets.py", "filter_and_count"),
    "rank (ranked)": ("ranking.py", "ranked"),
    "of which scoring (query_scores)": ("vecmatch.py", "query_scores"),
    "date order (by_date)": ("ranking.py", "by_date"),
    "load records (stored JSON)": ("snapshot.py", "record"),
    "snippets + highlight": ("service.py", "from_record"),
    "snapshot()": ("snapshot.py", "snapshot"),
}


def main(argv: list[str]) -> int:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    argv = [a for a in argv if a != "--peers"]
    if "--cache" in argv:
        argv = [a for a in argv if a != "--cache"]
    else:
        os.environ["BAOKAN_RESULT_CACHE"] = "0"
    index_dir, meta = argv[0], argv[1]
    runs = int(argv[2]) if len(argv) > 2 else 5
    ours = Ours(index_dir)
    mix = query_mix(json.loads(Path(meta).read_text("utf-8")))
    print("| query | hits | ms/run (profiled) | " + " | ".join(STAGES) + " |")
    print("|---|---|---|" + "---|" * len(STAGES))
    for spec in mix:
        total = ours.search(spec)["total"]  # warm
        prof = cProfile.Profile()
        t = time.perf_counter()
        prof.enable()
        for _ in range(runs):
            ours.search(spec)
        prof.disable()
        per_run = (time.perf_counter() - t) * 1000 / runs
        stats = pstats.Stats(prof).stats  # (file, line, func) -> (cc, nc, tt, ct, callers)
        cells = []
        for file_end, func in STAGES.values():
            ct = sum(v[3] for (f, _, fn), v in stats.items() if f.endswith(file_end) and fn == func)
            cells.append(f"{ct * 1000 / runs:.1f}")
        print(f"| {spec['kind']} | {total} | {per_run:.1f} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
