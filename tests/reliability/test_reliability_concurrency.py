"""The running site under concurrent ingest and under load: real ``baokan serve`` (waitress) on loopback.

* While ``baokan ingest`` commits new pages, clients hammering ``/api/search`` and
  ``/api/stats`` get only 200s, every response is consistent within itself (one snapshot),
  counts never go backwards, and new records are searchable on the next request, no restart.
* Load: 16 concurrent clients of mixed searches (facets, filters, paging), result pages and
  CSV exports: zero errors; server RSS and latency percentiles are printed. Short form by
  default (12 s); ``BAOKAN_SOAK=1`` runs it for 2 minutes.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from helpers import SOAK, Server, make_corpus, parse_records, rss_kb, run_baokan

LOAD_SECONDS = 120.0 if SOAK else 12.0
LOAD_CLIENTS = 16
WORDS = ["会议", "巡察", "项目", "官卫红", "示范区", "科技", "焦作", "整改", "吕沛", "创新"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """An index of 30 full seed-page variants (a template: tests copy it)."""
    root = tmp_path_factory.mktemp("serve")
    pages = make_corpus(root / "pages", 30, tag="A")
    index_dir = root / "index"
    proc = run_baokan("ingest", str(root / "pages"), "--index-dir", str(index_dir), timeout=300)
    assert proc.returncode == 0, proc.stderr
    return index_dir, sum(len(v) for v in parse_records(pages).values())


def _check_search(data: dict[str, Any], params: dict[str, str]) -> str | None:
    """Internal consistency of one /api/search response; a message if broken."""
    if data.get("ok") is not True:
        return f"not ok: {data}"
    total = data["total"]
    kinds = data["facets"]["kind"]
    if "kind" not in params and total != sum(kinds.values()):
        return f"total {total} != kind facets {kinds} for {params}"
    if "kind" in params and total != kinds.get(params["kind"], 0):
        return f"total {total} != facet of kind {params['kind']}: {kinds}"
    page, size = int(params.get("page", 1)), int(params.get("page_size", 20))
    expect_hits = max(0, min(size, total - (page - 1) * size))
    if len(data["hits"]) != expect_hits:
        return f"{len(data['hits'])} hits on page {page} of {total} (size {size})"
    return None


@pytest.mark.slow
def test_site_answers_consistently_while_ingest_commits(archive: tuple[Path, int], tmp_path: Path) -> None:
    template, base_records = archive
    index_dir = tmp_path / "index"
    shutil.copytree(template, index_dir)
    server = Server(index_dir, tmp_path / "server.log")
    stop = threading.Event()
    errors: list[str] = []
    requests = [0]

    def client(n: int) -> None:
        rng = random.Random(n)
        last_records = 0
        last_total: dict[str, int] = {}
        while not stop.is_set():
            try:
                if rng.random() < 0.3:
                    status, data = server.get_json("/api/stats")
                    if status != 200:
                        errors.append(f"/api/stats -> {status} {data}")
                        continue
                    if data["records"] != sum(data["by_kind"].values()):
                        errors.append(f"stats records {data['records']} != by_kind {data['by_kind']}")
                    if data["records"] < last_records:
                        errors.append(f"stats went backwards: {last_records} -> {data['records']}")
                    last_records = data["records"]
                else:
                    params = {"q": rng.choice(WORDS)}
                    if rng.random() < 0.3:
                        params["kind"] = "article"
                    if rng.random() < 0.3:
                        params["page"] = str(rng.randint(1, 3))
                        params["page_size"] = "10"
                    status, data = server.get_json("/api/search?" + urlencode(params))
                    if status != 200:
                        errors.append(f"{params} -> {status} {data}")
                        continue
                    problem = _check_search(data, params)
                    if problem:
                        errors.append(problem)
                    key = params["q"] + params.get("kind", "")
                    if data["total"] < last_total.get(key, 0):  # only pages are added here
                        errors.append(f"{key}: total went backwards {last_total[key]} -> {data['total']}")
                    last_total[key] = data["total"]
                requests[0] += 1
            except Exception as exc:  # noqa: BLE001 - any client-side failure is an error to report
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(4)]
    for t in threads:
        t.start()
    expected = base_records
    try:
        for batch in range(3):
            pages = make_corpus(tmp_path / f"batch{batch}", 4, tag=f"B{batch}",
                                start=dt.date(2022, 1 + batch, 1))
            added = sum(len(v) for v in parse_records(pages).values())
            proc = run_baokan("ingest", str(tmp_path / f"batch{batch}"), "--index-dir", str(index_dir))
            assert proc.returncode == 0, proc.stderr
            expected += added
            # the very next requests see the commit: no restart, no waiting
            status, data = server.get_json("/api/search?" + urlencode({"q": f"编号B{batch}000"}))
            assert status == 200 and data["total"] >= 1, (data, errors[:5])
            assert {h["source"] for h in data["hits"]} == {pages[0].name}
            status, data = server.get_json("/api/stats")
            assert status == 200 and data["records"] == expected, (data["records"], expected)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
        log = server.stop()
    print(f"\nconcurrent ingest: {requests[0]} requests from 4 clients during 3 ingests, {len(errors)} errors")
    assert not errors, errors[:10]
    assert requests[0] > 20
    assert "Traceback" not in log, log[-3000:]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


@pytest.mark.slow
def test_load_mixed_queries_16_clients(archive: tuple[Path, int], tmp_path: Path) -> None:
    index_dir, records = archive
    server = Server(index_dir, tmp_path / "server.log")
    status, data = server.get_json("/api/search?q=会议&page_size=5")
    assert status == 200
    ids = [h["id"] for h in data["hits"]]
    rss_start = rss_kb(server.proc.pid)
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + LOAD_SECONDS
    rss_warm: list[int] = []

    def one(rng: random.Random) -> tuple[str, str, dict[str, str]]:
        r = rng.random()
        w = rng.choice(WORDS)
        if r < 0.45:
            params = {"q": w}
            if rng.random() < 0.4:
                params["region"] = rng.choice(["示范区", "焦作市"])
            if rng.random() < 0.3:
                params["date_from"], params["date_to"] = "2021-11-01", "2021-11-10"
            if rng.random() < 0.3:
                params["kind"] = "article"
            if rng.random() < 0.4:
                params["sort"] = rng.choice(["newest", "oldest"])
            if rng.random() < 0.5:
                params["page"] = str(rng.randint(1, 5))
                params["page_size"] = str(rng.choice([10, 20, 50, 100]))
            if rng.random() < 0.2:
                params["q"] = f"({w} OR {rng.choice(WORDS)}) -{rng.choice(WORDS)}"
            return "api", "/api/search?" + urlencode(params), params
        if r < 0.7:
            params = {"q": w}
            if rng.random() < 0.3:
                params["region"] = "示范区"
            return "page", "/search?" + urlencode(params), params
        if r < 0.82:
            return "csv", "/export.csv?" + urlencode({"q": w}), {}
        if r < 0.92:
            return "record", f"/api/records/{rng.choice(ids)}", {}
        return "stats", "/api/stats", {}

    def client(n: int) -> None:
        rng = random.Random(1000 + n)
        while time.monotonic() < stop_at:
            kind, path, params = one(rng)
            started = time.perf_counter()
            try:
                status, headers, body = server.get(path, timeout=60)
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            took = time.perf_counter() - started
            problem = None
            if status != 200:
                problem = f"{path} -> {status} {body[:200]!r}"
            elif kind == "api":
                import json

                problem = _check_search(json.loads(body), params)
            elif kind == "csv" and not body.startswith("\ufeff".encode()):
                problem = f"{path}: CSV without BOM/header"
            with lock:
                latencies.setdefault(kind, []).append(took)
                if problem:
                    errors.append(problem)

    def sample_rss() -> None:
        time.sleep(LOAD_SECONDS / 4)
        rss_warm.append(rss_kb(server.proc.pid))

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(LOAD_CLIENTS)]
    sampler = threading.Thread(target=sample_rss, daemon=True)
    started = time.monotonic()
    for t in threads:
        t.start()
    sampler.start()
    try:
        for t in threads:
            t.join(timeout=LOAD_SECONDS + 120)
        sampler.join(timeout=10)
        elapsed = time.monotonic() - started
        rss_end = rss_kb(server.proc.pid)
    finally:
        log = server.stop()
    every = [x for v in latencies.values() for x in v]
    n = len(every)
    lines = [f"\nload: {LOAD_CLIENTS} clients, {elapsed:.0f} s, {n} requests ({n / elapsed:.1f}/s), "
             f"{len(errors)} errors, index {records} records",
             f"  server RSS: start {rss_start / 1024:.1f} MB, after 1/4 {rss_warm[0] / 1024 if rss_warm else 0:.1f} MB, "
             f"end {rss_end / 1024:.1f} MB",
             f"  all: p50 {_percentile(every, 50) * 1000:.0f} ms, p95 {_percentile(every, 95) * 1000:.0f} ms, "
             f"max {max(every) * 1000:.0f} ms"]
    for kind, values in sorted(latencies.items()):
        lines.append(f"  {kind:7s} n={len(values):5d} p50 {_percentile(values, 50) * 1000:6.0f} ms  "
                     f"p95 {_percentile(values, 95) * 1000:6.0f} ms")
    print("\n".join(lines))
    print(f"  errors by kind: {sorted(Counter(e.split(' -> ')[-1][:3] for e in errors).items())}")
    assert not errors, errors[:10]
    assert n >= LOAD_CLIENTS
    assert "Traceback" not in log, log[-3000:]
    warm = rss_warm[0] if rss_warm else rss_start
    assert rss_end < warm * 1.5 + 50 * 1024, f"server memory grew: {warm} kB -> {rss_end} kB"


def test_shared_snapshot_is_safe_from_many_threads(archive: tuple[Path, int]) -> None:
    """16 threads searching one ``Archive``, as waitress's threads do (regression: a shared Whoosh searcher
    let threads read each other's file positions: 500s, wrong documents; fixed by one snapshot per thread).

    ``sys.setswitchinterval(1e-6)`` makes the interpreter switch threads often, so the race shows up
    in a few hundred operations instead of thousands; results are also compared with a
    single-threaded run, to catch silently wrong answers.
    """
    import sys

    from indexer.searching.recordpage import get_record
    from indexer.searching.service import SearchQuery, search
    from indexer.searching.snapshot import Archive

    index_dir, _ = archive
    arch = Archive(index_dir)
    queries = [{"q": w, "sort": s} for w in WORDS for s in ("relevance", "newest")]
    expected = {}
    for params in queries:
        page = search(arch, SearchQuery.from_params(params))
        expected[(params["q"], params["sort"])] = (page.total, [h.id for h in page.hits])
    ids = [h.id for h in search(arch, SearchQuery.from_params({"q": "会议", "page_size": "50"})).hits]
    problems: list[str] = []

    def work(n: int) -> None:
        rng = random.Random(n)
        for _ in range(25):
            try:
                if rng.random() < 0.3:
                    record_id = rng.choice(ids)
                    assert get_record(arch, record_id, q="").record.id == record_id
                else:
                    params = rng.choice(queries)
                    page = search(arch, SearchQuery.from_params(params))
                    got = (page.total, [h.id for h in page.hits])
                    if got != expected[(params["q"], params["sort"])]:
                        problems.append(f"wrong result for {params}")
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{type(exc).__name__}: {str(exc)[:80]}")

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not problems, f"{len(problems)} failures in 400 operations: {sorted(set(problems))[:6]}"
