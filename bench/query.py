"""Query benchmark: the fixed query mix through baokan's ``search()`` and through the naive index.

Every query is run as the site runs it: baokan with facets and highlighted
snippets (``search()`` always computes both); the naive index with Whoosh's
``QueryParser``, ``groupedby`` facets on region and year, and Whoosh's
highlighter on the page's hits.

Warm: both indexes opened once in this process, one warm-up run per query, then
rounds over the whole mix (baokan and naive interleaved, so machine noise hits
both alike) until ``--rounds`` or ``--budget`` seconds. Cold: a fresh process
per query kind: open the index, run that one query (OS page cache is warm).

    nice -n 10 python bench/query.py --ours bench/out/ix10k/ours --naive bench/out/ix10k/naive \\
        --meta bench/out/c10k/meta.json --out bench/out/query10k.json
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import code_state, percentile  # noqa: E402

HERE = Path(__file__).resolve().parent


def query_mix(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The fixed mix; names come from the corpus' pools by rank (the same in every corpus size)."""
    people = meta["people_by_rank"]
    company = meta["companies_by_rank"]["1"]  # 河南省中达文化传媒股份有限公司
    substring = company[4:8]  # "达文化传": not a dictionary word, part of a company name
    return [
        {"kind": "common word", "q": "发展", "naive_q": "发展"},
        {"kind": "rare name", "q": people["3000"], "naive_q": people["3000"]},
        {"kind": "substring (not a word)", "q": substring, "naive_q": substring},
        {"kind": "quoted phrase", "q": '"重点项目"', "naive_q": '"重点项目"'},
        {"kind": "AND", "q": "科技 企业", "naive_q": "科技 企业"},
        {"kind": "OR", "q": f"{people['100']} OR {people['1000']}", "naive_q": f"{people['100']} OR {people['1000']}"},
        {"kind": "NOT", "q": "发展 -项目", "naive_q": "发展 NOT 项目"},
        {"kind": "region filter", "q": "企业", "naive_q": "企业", "region": "孟州市"},
        {"kind": "date range", "q": "创新", "naive_q": "创新", "date_from": "2000-01-01", "date_to": "2004-12-31"},
        {"kind": "sorted by date", "q": "科技", "naive_q": "科技", "sort": "newest"},
        {"kind": "page 50", "q": "工作", "naive_q": "工作", "page": 50},
    ]


class Ours:
    def __init__(self, index_dir: str) -> None:
        from indexer.searching.service import SearchQuery, search
        from indexer.searching.snapshot import Archive

        self.archive = Archive(index_dir)
        self._search = search
        self._query = SearchQuery

    def search(self, spec: dict[str, Any]) -> dict[str, Any]:
        q = self._query(q=spec["q"], region=spec.get("region"), date_from=spec.get("date_from"),
                        date_to=spec.get("date_to"), sort=spec.get("sort", "relevance"), page=spec.get("page", 1))
        page = self._search(self.archive, q)
        return {"total": page.total, "hits": len(page.hits), "facets": {k: len(v) for k, v in page.facets.items()}}


def open_system(name: str, index_dir: str) -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    if name == "ours":
        return Ours(index_dir)
    from naive import NaiveSearch

    return NaiveSearch(index_dir)


def cold(name: str, index_dir: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Fresh process: time to open, then the first query (imports and jieba's dictionary excluded)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    if name == "ours":
        import indexer.searching.service  # noqa: F401
    t0 = time.perf_counter()
    system = open_system(name, index_dir)
    t1 = time.perf_counter()
    result = system.search(spec)
    t2 = time.perf_counter()
    return {"open_ms": (t1 - t0) * 1000, "first_ms": (t2 - t1) * 1000, "total": result["total"]}


def stats(samples: list[float]) -> dict[str, float]:
    return {"n": len(samples), "p50": round(percentile(samples, 50), 2), "p95": round(percentile(samples, 95), 2),
            "p99": round(percentile(samples, 99), 2), "max": round(max(samples), 2)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--ours", help="baokan index directory")
    p.add_argument("--naive", help="naive index directory (bench/naive.py)")
    p.add_argument("--meta", required=True, help="the corpus' meta.json")
    p.add_argument("--out", help="JSON results file")
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--budget", type=float, default=600, help="seconds for the warm rounds")
    p.add_argument("--no-cold", action="store_true")
    p.add_argument("--cold-one", nargs=3, metavar=("SYSTEM", "INDEX", "KIND_NUMBER"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    mix = query_mix(json.loads(Path(args.meta).read_text("utf-8")))
    if args.cold_one:
        name, index_dir, k = args.cold_one
        print(json.dumps(cold(name, index_dir, mix[int(k)])))
        return 0

    systems = {n: d for n, d in (("ours", args.ours), ("naive", args.naive)) if d}
    results: dict[str, Any] = {"meta": args.meta, "systems": systems, "code": code_state(), "loadavg_start": os.getloadavg(),
                               "queries": [dict(spec) for spec in mix]}
    if not args.no_cold:  # before anything is warm in this process
        for name, index_dir in systems.items():
            for k, spec in enumerate(mix):
                out = subprocess.run([sys.executable, __file__, "--meta", args.meta, "--cold-one", name, index_dir, str(k)],
                                     capture_output=True, text=True, check=True)
                results["queries"][k][f"{name}_cold"] = json.loads(out.stdout.strip().splitlines()[-1])
                print(name, "cold", spec["kind"], results["queries"][k][f"{name}_cold"], flush=True)

    opened = {name: open_system(name, d) for name, d in systems.items()}
    samples: dict[tuple[str, int], list[float]] = {}
    for k, spec in enumerate(mix):  # warm-up, and the hit counts
        for name, system in opened.items():
            t = time.perf_counter()
            r = system.search(spec)
            results["queries"][k][f"{name}_first_warm_ms"] = round((time.perf_counter() - t) * 1000, 1)
            results["queries"][k][f"{name}_total"] = r["total"]
            results["queries"][k][f"{name}_page_hits"] = r["hits"] if isinstance(r["hits"], int) else len(r["hits"])
    started = time.monotonic()
    rounds = 0
    while rounds < args.rounds and time.monotonic() - started < args.budget:
        for k, spec in enumerate(mix):
            for name, system in opened.items():
                t = time.perf_counter()
                system.search(spec)
                samples.setdefault((name, k), []).append((time.perf_counter() - t) * 1000)
        rounds += 1
    results["rounds"] = rounds
    results["warm_seconds"] = round(time.monotonic() - started, 1)
    for (name, k), values in samples.items():
        results["queries"][k][f"{name}_warm"] = stats(values)
    results["loadavg_end"] = os.getloadavg()
    for q in results["queries"]:
        if "ours_warm" in q and "naive_warm" in q:
            q["p50_ratio_ours_to_naive"] = round(q["ours_warm"]["p50"] / max(q["naive_warm"]["p50"], 1e-9), 3)
    print(table(results))
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


def table(results: dict[str, Any]) -> str:
    rows = ["| query | q | hits ours / naive | ours p50 / p95 / p99 ms | ours cold ms (open + first) "
            "| naive p50 / p95 ms | naive cold ms | p50 ratio |",
            "|---|---|---|---|---|---|---|---|"]
    for q in results["queries"]:
        o, n = q.get("ours_warm", {}), q.get("naive_warm", {})
        oc, nc = q.get("ours_cold", {}), q.get("naive_cold", {})
        extra = " ".join(f"{k}={q[k]}" for k in ("region", "date_from", "date_to", "sort", "page") if k in q)
        rows.append(
            f"| {q['kind']} | `{q['q']}` {extra} | {q.get('ours_total', '-')} / {q.get('naive_total', '-')} "
            f"| {o.get('p50', '-')} / {o.get('p95', '-')} / {o.get('p99', '-')} "
            f"| {oc.get('open_ms', 0):.0f} + {oc.get('first_ms', 0):.0f} "
            f"| {n.get('p50', '-')} / {n.get('p95', '-')} | {nc.get('open_ms', 0):.0f} + {nc.get('first_ms', 0):.0f} "
            f"| {q.get('p50_ratio_ours_to_naive', '-')} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
