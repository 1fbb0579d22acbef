"""Cluster benchmark, by hand: the same corpus and query mix on a 2-node Sphinx cluster and on the Whoosh index.

Writes a 2-node cluster with ``baokan cluster init`` under ``--work``, starts it,
ingests the corpus into it and into a Whoosh index with the real ``baokan ingest``
(each timed, with the peak memory of its process tree; searchd's memory is read
after), then runs ``bench/query.py``'s mix through both backends' ``search()``
(facets and snippets, result cache off), interleaved, warm. Both nodes and this
process share one machine's cores, so the cluster's figures are those of one
machine doing two nodes' work plus the coordinator's merging.

    nice -n 10 python bench/cluster.py --corpus bench/out/c20k --work bench/out/cluster20k \\
        --out bench/out/cluster20k.json

The cluster is searched twice over: by the engine path (exact queries filtered,
counted and ordered by the engine, ``indexer.cluster.engine``) and by the
candidates path alone (``engine=False``: every matching id fetched, facets counted
here), with the ids each search received (``ClusterArchive.counters``). The front
end's memory is measured in fresh processes that run the mix once on each path.
``--url`` searches a running cluster already holding the corpus (no ingest).

``--browse`` (with ``--url``) times the browse views and record pages instead, on the
engine path (``indexer.cluster.browse``: a GROUP BY over dates for the calendar, a window
of the day's records for an issue, its pages and a record's place) and on the path before
it (``engine=False``: every record's facet row read once per generation, the Whoosh path's
code over them), interleaved, warm and result cache off; then each path in a fresh
process, where the first view pays for whatever the path reads first, with the rows and
records each view received (``ClusterArchive.counters``) and the process's memory:

    nice -n 10 python bench/cluster.py --corpus bench/out/c20k --url sphinx://127.0.0.1:35630,127.0.0.1:35640 \
        --browse --rounds 10 --out /tmp/bk_browse20k.json
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from collections.abc import Iterator
from typing import Any

os.environ["BAOKAN_RESULT_CACHE"] = "0"  # before indexer.searching.cache is imported: every query really runs
sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import code_state, dir_bytes, percentile, run_measured, tree_memory_kb  # noqa: E402
from query import query_mix  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def baokan() -> list[str]:
    script = Path(sys.executable).with_name("baokan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "indexer.cli"]


def free_base() -> int:
    for _ in range(100):
        base = random.randrange(20000, 60000, 10)
        ok = True
        for port in (base, base + 1, base + 10, base + 11):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
        if ok:
            return base
    raise SystemExit("no free ports")


def searchd_memory_mb(work: Path) -> float:
    """RSS of the searchd processes (child and watchdog) of the cluster under ``work``."""
    total = 0
    for pidfile in work.glob("cluster/node*/searchd.pid"):
        pid = int(pidfile.read_text().strip())
        ppid = int(Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[1])
        total += tree_memory_kb(pid)[1] + tree_memory_kb(ppid)[1] - tree_memory_kb(pid)[1]
    return round(total / 1024, 1)


class System:
    def __init__(self, spec: str, engine: bool = True) -> None:
        from indexer import SearchQuery, open_backend

        self.backend = open_backend(spec)
        if not engine:
            self.backend.archive.engine = False  # type: ignore[attr-defined]
        self.query = SearchQuery

    def search(self, spec: dict[str, Any]) -> int:
        q = self.query(q=spec["q"], region=spec.get("region"), date_from=spec.get("date_from"),
                       date_to=spec.get("date_to"), sort=spec.get("sort", "relevance"), page=spec.get("page", 1))
        return self.backend.search(q).total

    def counters(self) -> dict[str, int]:
        archive = getattr(self.backend, "archive", None)
        return dict(archive.counters) if archive is not None and hasattr(archive, "counters") else {}


def frontend_probe(url: str, corpus: Path, engine: bool) -> dict[str, Any]:
    """In this (fresh) process: RSS before and after running the mix once on one path of the cluster."""
    meta = json.loads((corpus / "meta.json").read_text("utf-8"))
    system = System(url, engine=engine)
    system.search({"q": "项目"})  # imports, connections
    before = tree_memory_kb(os.getpid())[1]
    for spec in query_mix(meta):
        system.search(spec)
    after = tree_memory_kb(os.getpid())[1]
    holds = system.backend.archive._snap is not None  # type: ignore[attr-defined]
    return {"engine": engine, "rss_before_mb": round(before / 1024, 1), "rss_after_mb": round(after / 1024, 1),
            "facet_rows_loaded": holds, "counters": system.counters()}


def frontend_memory(url: str, corpus: Path) -> list[dict[str, Any]]:
    out = []
    for engine in (True, False):
        proc = subprocess.run([sys.executable, __file__, "--corpus", str(corpus), "--probe", url]
                              + ([] if engine else ["--no-engine"]), capture_output=True, text=True, check=True)
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def engine_only(backend: Any, mix: list[dict[str, Any]], rounds: int) -> list[dict[str, Any]]:
    """Per query kind: the engine's own time for each positive term's candidate query (one row returned,
    ``total_found`` counted), and how many candidates that is: what the nodes cost before any transfer."""
    from indexer.cluster.search import match_expression
    from indexer.searching.querylang import Text, parse_query
    from indexer.text.grams import query_needle

    out = []
    for spec in mix:
        tree = parse_query(spec["q"]).tree
        terms = [n for n in _walk(tree) if isinstance(n, Text)]
        exprs = [e for e in (match_expression(query_needle(t.value)) for t in terms) if e]
        cluster = backend.cluster
        times, found = [], 0
        for _ in range(rounds):
            t = time.perf_counter()
            found = 0
            for expr in exprs:
                cluster.query(cluster.coordinator, "SELECT id FROM dist WHERE MATCH(%s) LIMIT 1 OPTION max_matches=1",
                              (expr,))
                meta = dict(cluster.query(cluster.coordinator, "SHOW META"))
                found += int(meta.get("total_found", 0))
            times.append((time.perf_counter() - t) * 1000)
        out.append({"kind": spec["kind"], "exprs": exprs, "candidates": found,
                    "engine_p50_ms": round(percentile(times, 50), 1)})
    return out


def _walk(node: Any) -> Iterator[Any]:
    if node is None:
        return
    yield node
    for child in getattr(node, "children", ()) or ((node.child,) if hasattr(node, "child") else ()):
        yield from _walk(child)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", required=True, help="a bench/corpus.py output directory (with meta.json)")
    p.add_argument("--work", help="directory for the cluster and the Whoosh index (emptied)")
    p.add_argument("--out", help="JSON results file")
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--keep", action="store_true", help="leave the cluster running")
    p.add_argument("--whoosh", help="an existing Whoosh index of the same corpus (its ingest is not timed again)")
    p.add_argument("--engine-only", metavar="URL", help="only time the engine's candidate queries on a running cluster")
    p.add_argument("--url", help="a running cluster already holding the corpus: search it, no ingest")
    p.add_argument("--browse", action="store_true", help="time the browse views and record pages (needs --url)")
    p.add_argument("--probe", metavar="URL", help=argparse.SUPPRESS)
    p.add_argument("--browse-probe", metavar="URL", help=argparse.SUPPRESS)
    p.add_argument("--no-engine", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.probe:
        print(json.dumps(frontend_probe(args.probe, Path(args.corpus), not args.no_engine)))
        return 0
    if args.browse_probe:
        print(json.dumps(browse_probe(args.browse_probe, not args.no_engine), ensure_ascii=False))
        return 0
    if args.browse:
        if not args.url:
            raise SystemExit("--browse needs --url (a running cluster holding the corpus)")
        results = browse_bench(args.url, Path(args.corpus), args.rounds)
        print(browse_table(results))
        if args.out:
            Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
        return 0
    if args.engine_only:
        from indexer import open_backend

        meta = json.loads((Path(args.corpus) / "meta.json").read_text("utf-8"))
        rows = engine_only(open_backend(args.engine_only), query_mix(meta), args.rounds)
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        if args.out:
            Path(args.out).write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")
        return 0
    corpus, work = Path(args.corpus), Path(args.work)
    meta = json.loads((corpus / "meta.json").read_text("utf-8"))
    if args.url:
        layout = {"url": args.url, "stop": None}
    else:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        init = subprocess.run([*baokan(), "cluster", "init", "--nodes", "2", "--dir", str(work / "cluster"),
                               "--base-port", str(free_base()), "--json"], capture_output=True, text=True, check=True)
        layout = json.loads(init.stdout)
        subprocess.run(["sh", layout["start"]], check=True, capture_output=True)
    results: dict[str, Any] = {"corpus": str(corpus), "records": meta["records"], "bytes": meta["bytes"],
                               "code": code_state(), "loadavg_start": os.getloadavg(), "cores": os.cpu_count()}
    try:
        time.sleep(0.5)
        whoosh_dir = Path(args.whoosh) if args.whoosh else work / "whoosh"
        builds = ([] if args.url else [("cluster", layout["url"])]) + \
            ([] if args.whoosh else [("whoosh", "whoosh:" + str(whoosh_dir))])
        for name, backend in builds:
            m = run_measured([*baokan(), "ingest", str(corpus), "--backend", backend, "--json"], cwd=str(REPO))
            if m.returncode != 0:
                raise SystemExit(f"{name} ingest failed: {m.stderr[-2000:]}")
            report = json.loads(m.stdout)
            results[f"{name}_ingest"] = {"wall_s": round(m.wall_s, 1), "cpu_s": round(m.cpu_s, 1),
                                         "peak_pss_mb": round(m.peak_pss_mb, 1), "records": report["records_added"]}
            print(name, "ingest", results[f"{name}_ingest"], flush=True)
        if not args.whoosh:
            m = run_measured([*baokan(), "compact", "--index-dir", str(whoosh_dir)], cwd=str(REPO))
            results["whoosh_compact_s"] = round(m.wall_s, 1)
        systems = {"cluster": System(layout["url"]), "candidates": System(layout["url"], engine=False),
                   "whoosh": System("whoosh:" + str(whoosh_dir))}
        results["cluster_bytes"] = systems["cluster"].backend.disk_bytes()  # type: ignore[attr-defined]
        results["whoosh_bytes"] = dir_bytes(whoosh_dir)
        mix = query_mix(meta)
        queries: list[dict[str, Any]] = [dict(spec) for spec in mix]
        for k, spec in enumerate(mix):  # first (cold for the cluster's facet columns on the first one) and totals
            for name, system in systems.items():
                seen = system.counters()
                t = time.perf_counter()
                queries[k][f"{name}_total"] = system.search(spec)
                queries[k][f"{name}_first_ms"] = round((time.perf_counter() - t) * 1000, 1)
                now = system.counters()
                if now:
                    queries[k][f"{name}_ids"] = now.get("ids_fetched", 0) - seen.get("ids_fetched", 0)
                    queries[k][f"{name}_path"] = "engine" if now.get("engine_searches", 0) > seen.get(
                        "engine_searches", 0) else "candidates"
        samples: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.rounds):
            for k, spec in enumerate(mix):
                for name, system in systems.items():
                    t = time.perf_counter()
                    system.search(spec)
                    samples.setdefault((name, k), []).append((time.perf_counter() - t) * 1000)
        for (name, k), values in samples.items():
            queries[k][f"{name}_p50"] = round(percentile(values, 50), 1)
            queries[k][f"{name}_p95"] = round(percentile(values, 95), 1)
        results["queries"] = queries
        results["loadavg_queries_end"] = os.getloadavg()
        results["searchd_rss_mb"] = searchd_memory_mb(work)
        results["this_process_rss_mb"] = round(tree_memory_kb(os.getpid())[1] / 1024, 1)
        results["frontend"] = frontend_memory(layout["url"], corpus)
        results["engine_only"] = engine_only(systems["cluster"].backend, mix, 5)
        results["loadavg_end"] = os.getloadavg()
    finally:
        if not args.keep and layout["stop"]:
            subprocess.run(["sh", layout["stop"]], capture_output=True)
    print(table(results))
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


def table(results: dict[str, Any]) -> str:
    ci = results.get("cluster_ingest", {"wall_s": "(reused)"})
    wi = results.get("whoosh_ingest", {"wall_s": "(reused)"})
    lines = [f"{results['records']} records, {results['bytes'] / 1e6:.1f} MB of text",
             f"ingest wall: cluster {ci['wall_s']} s, Whoosh {wi['wall_s']} s (+ compact {results.get('whoosh_compact_s')} s)",
             f"on disk: cluster {results['cluster_bytes'] / 1e6:.0f} MB, Whoosh {results['whoosh_bytes'] / 1e6:.0f} MB",
             f"memory: searchd x2 {results['searchd_rss_mb']} MB RSS, this process {results['this_process_rss_mb']} MB",
             f"load average: start {results['loadavg_start']}, queries end {results.get('loadavg_queries_end')}"]
    for probe in results.get("frontend", []):
        lines.append(f"front end, {'engine' if probe['engine'] else 'candidates'} path: RSS {probe['rss_before_mb']} -> "
                     f"{probe['rss_after_mb']} MB over the mix, facet rows loaded: {probe['facet_rows_loaded']}, "
                     f"{probe['counters']}")
    engine = {row["kind"]: row for row in results.get("engine_only", [])}
    lines += ["", "| query | hits | engine path p50 / p95 ms (ids) | candidates path p50 / p95 ms (ids) | "
                  "Whoosh p50 / p95 ms | engine alone p50 ms (candidates) |", "|---|---|---|---|---|---|"]
    for q in results["queries"]:
        e = engine.get(q["kind"], {})
        same = "" if q["cluster_total"] == q["whoosh_total"] == q["candidates_total"] else \
            f" (candidates {q['candidates_total']}, Whoosh {q['whoosh_total']})"
        path = "" if q.get("cluster_path") == "engine" else " [candidates path]"
        lines.append(f"| {q['kind']} | {q['cluster_total']}{same} | {q['cluster_p50']} / {q['cluster_p95']} "
                     f"({q.get('cluster_ids')}){path} | {q['candidates_p50']} / {q['candidates_p95']} "
                     f"({q.get('candidates_ids')}) | {q['whoosh_p50']} / {q['whoosh_p95']} | "
                     f"{e.get('engine_p50_ms')} ({e.get('candidates')}) |")
    return "\n".join(lines)


# --- browse views and record pages ---------------------------------------------------------------------

def browse_mix(backend: Any) -> list[tuple[str, str, tuple[Any, ...]]]:
    """(name, backend method, arguments): the calendar three ways, two issues, two pages, a record's place, its
    record page and an export of 20 ticked records; picked from the archive itself (the engine path)."""
    calendar = backend.archive_calendar()
    years = [y.year for y in calendar.years]
    middle = years[len(years) // 2]
    days = [d.date for m in backend.archive_calendar(year=middle).months for d in m.days]
    day = days[len(days) // 2]
    issue = backend.issue(day)
    page = issue.pages[len(issue.pages) // 2]
    rid = page.entries[len(page.entries) // 2].id
    ticked = [e.id for p in issue.pages for e in p.entries][:20]
    missing = f"{middle}-02-30"  # well formed, never an issue: the nearest before and after
    return [("calendar", "archive_calendar", ()), ("calendar of a year", "archive_calendar", (middle,)),
            ("calendar, jump to a day without issue", "archive_calendar", (None, missing)),
            ("latest issue", "issue", (calendar.last,)), ("an issue", "issue", (day,)),
            ("a page", "issue_page", (day, page.key)), ("first page", "issue_page", (day, issue.pages[0].key)),
            ("a record's place", "record_position", (rid,)), ("record page", "get_record", (rid,)),
            ("export of 20 ticked records", "get_records", (ticked,))]


def _view(backend: Any, method: str, args: tuple[Any, ...]) -> Any:
    value = getattr(backend, method)(*args)
    return value.to_dict() if hasattr(value, "to_dict") else [r.to_dict() for r in value]


def browse_probe(url: str, engine: bool) -> dict[str, Any]:
    """In this (fresh) process: each view of the mix once on one path, its time and what it received; the RSS."""
    from indexer import open_backend

    mix = browse_mix(open_backend(url))  # picked in this process's memory, then dropped
    backend = open_backend(url)
    backend.archive.engine = engine  # type: ignore[attr-defined]
    backend.archive.generation()  # type: ignore[attr-defined]  # connections, the tokenizer check
    before = tree_memory_kb(os.getpid())[1]
    counters = backend.archive.counters  # type: ignore[attr-defined]
    views = []
    for name, method, args in mix:
        seen = dict(counters)
        t = time.perf_counter()
        _view(backend, method, args)
        views.append({"view": name, "ms": round((time.perf_counter() - t) * 1000, 1),
                      **{k: v - seen.get(k, 0) for k, v in counters.items() if v != seen.get(k, 0)}})
    return {"engine": engine, "rss_before_mb": round(before / 1024, 1),
            "rss_after_mb": round(tree_memory_kb(os.getpid())[1] / 1024, 1), "views": views}


def browse_bench(url: str, corpus: Path, rounds: int) -> dict[str, Any]:
    from indexer import open_backend

    meta = json.loads((corpus / "meta.json").read_text("utf-8"))
    results: dict[str, Any] = {"corpus": str(corpus), "records": meta["records"], "code": code_state(),
                               "loadavg_start": os.getloadavg(), "cores": os.cpu_count()}
    paths = {"engine": open_backend(url), "before": open_backend(url)}
    paths["before"].archive.engine = False  # type: ignore[attr-defined]
    mix = browse_mix(paths["engine"])
    results["same_output"] = {name: _view(paths["engine"], m, a) == _view(paths["before"], m, a)
                              for name, m, a in mix}
    samples: dict[tuple[str, str], list[float]] = {}
    for _ in range(rounds):
        for name, method, args in mix:
            for path, backend in paths.items():
                t = time.perf_counter()
                _view(backend, method, args)
                samples.setdefault((path, name), []).append((time.perf_counter() - t) * 1000)
    results["views"] = [{"view": name, "args": [str(a)[:60] for a in args],
                         **{f"{path}_{q}": round(percentile(samples[(path, name)], q), 1)
                            for path in paths for q in (50, 95)}} for name, _, args in mix]
    results["loadavg_warm_end"] = os.getloadavg()
    results["fresh"] = []
    for engine in (True, False):
        proc = subprocess.run([sys.executable, __file__, "--corpus", str(corpus), "--browse-probe", url]
                              + ([] if engine else ["--no-engine"]), capture_output=True, text=True, check=True)
        results["fresh"].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    results["loadavg_end"] = os.getloadavg()
    return results


def browse_table(results: dict[str, Any]) -> str:
    lines = [f"{results['records']} records; load average {results['loadavg_start']} -> {results['loadavg_end']}; "
             f"same output on both paths: {all(results['same_output'].values())}", "",
             "| view | engine path p50 / p95 ms | before p50 / p95 ms |", "|---|---|---|"]
    lines += [f"| {v['view']} | {v['engine_50']} / {v['engine_95']} | {v['before_50']} / {v['before_95']} |"
              for v in results["views"]]
    for probe in results["fresh"]:
        lines += ["", f"fresh process, {'engine path' if probe['engine'] else 'before'}: RSS {probe['rss_before_mb']}"
                      f" -> {probe['rss_after_mb']} MB", "| view | ms | received |", "|---|---|---|"]
        lines += [f"| {v['view']} | {v['ms']} | {', '.join(f'{k} {n}' for k, n in v.items() if k not in ('view', 'ms'))}"
                  " |" for v in probe["views"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
