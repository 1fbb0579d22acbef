"""``baokan backup`` while ``baokan serve`` answers a load of searches and an ingest commits every few
records; ``baokan restore`` puts a backup back under a running server.

Each backup checks clean, holds one whole commit (whole files, a prefix of the ingest's order), and
answers searches exactly as that commit does (compared with a scan of the records it holds).
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from indexer.index.check import check_index

from indexer.searching.service import SearchQuery, search
from indexer.searching.snapshot import Archive

from helpers import IngestProcess, Server, make_corpus, parse_records, run_baokan

N_FILES = 30
COMMIT_EVERY = 5  # records: a commit every file or two while the backups run
WORDS = ("会议", "示范区", "项目")


def _text(r: dict[str, Any]) -> str:
    """Everything a search matches in a record (``indexer.index.schema.full_text``), without line breaks."""
    parts = [r["title"], r["byline"] or "", r["body"], *(c["text"] for c in r["captions"]),
             *(p for c in r["captions"] for p in c["photographers"]), *r["reporters"], *r["correspondents"],
             *r["photographers"]]
    return "\n".join(parts)


def _answers(index_dir: Path) -> tuple[set[str], dict[str, int]]:
    """(every record id, the total of each word in WORDS), as a search of the index answers them."""
    with Archive(index_dir) as archive:
        every = search(archive, SearchQuery.from_params({"q": "", "page_size": "100", "sort": "oldest"}))
        assert every.total <= 100
        return {h.id for h in every.hits}, {w: search(archive, SearchQuery.from_params({"q": w})).total
                                             for w in WORDS}


def _assert_one_commit(index_dir: Path, order: list[str], parsed: dict[str, list[dict[str, Any]]]) -> int:
    """The index holds whole files, a prefix of the input order, and its searches agree with a scan of them."""
    ids, totals = _answers(index_dir)
    present = [s for s in order if any(r["id"] in ids for r in parsed[s])]
    assert present == order[:len(present)], f"files out of order: {present}"
    held = [r for s in present for r in parsed[s]]
    assert ids == {r["id"] for r in held}, "a file is partly in the index"
    assert totals == {w: sum(1 for r in held if w in _text(r)) for w in WORDS}
    return len(present)


def test_backup_during_ingest_and_searches_then_restore(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, N_FILES, short=True)
    order = [p.name for p in paths]
    parsed = parse_records(paths)
    index_dir = tmp_path / "ix"
    # the server starts on the first pages (named one by one: the same keys and sources as from the folder)
    assert run_baokan("ingest", *map(str, paths[:4]), "--index-dir", str(index_dir)).returncode == 0

    server = Server(index_dir, tmp_path / "server.log", threads=4)
    statuses: list[int] = []
    stop = threading.Event()

    def load() -> None:
        n = 0
        while not stop.is_set():
            status, _, _ = server.get(f"/api/search?q={WORDS[n % len(WORDS)]}&page_size=5")
            statuses.append(status)
            n += 1

    loader = threading.Thread(target=load, daemon=True)
    loader.start()
    backups: list[tuple[Path, int, int]] = []
    try:
        ingest = IngestProcess(corpus, index_dir, COMMIT_EVERY)
        n = 0
        while ingest.wait_progress(6):
            dest = tmp_path / f"backup{n}"
            proc = run_baokan("backup", str(dest), "--index-dir", str(index_dir), "--json",
                              *(("--copy",) if n % 2 else ()))
            assert proc.returncode == 0, proc.stdout + proc.stderr
            out = json.loads(proc.stdout)
            assert out["ok"] and out["check"]["ok"], out
            assert (out["copies"] if n % 2 else out["hard_links"]) > 0
            backups.append((dest, out["generation"], out["records"]))
            n += 1
        ingest.finish()
    finally:
        stop.set()
        loader.join(timeout=60)
        log = server.stop()
    assert statuses and set(statuses) == {200}, (set(statuses), log[-2000:])
    assert len(backups) >= 3
    sizes = []
    for dest, gen, records in backups:
        assert check_index(str(dest)).ok
        sizes.append(_assert_one_commit(dest, order, parsed))
        assert len(_answers(dest)[0]) == records
    assert sizes == sorted(sizes) and sizes[-1] > 4, sizes  # later backups hold later commits

    # restore the earliest backup under a running server: the next request sees it
    dest, _, records = backups[0]
    server = Server(index_dir, tmp_path / "server2.log", threads=2)
    try:
        status, before = server.get_json("/api/stats")
        assert status == 200 and before["records"] == sum(len(v) for v in parsed.values())
        proc = run_baokan("restore", str(dest), "--index-dir", str(index_dir))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        deadline = time.monotonic() + 10
        while server.get_json("/api/stats")[1]["records"] != records and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.get_json("/api/stats")[1]["records"] == records
    finally:
        server.stop()
    assert check_index(str(index_dir)).ok
    assert _assert_one_commit(index_dir, order, parsed) == sizes[0]
    # the ingest, run again, brings the restored index back to the whole corpus
    assert run_baokan("ingest", str(corpus), "--index-dir", str(index_dir)).returncode == 0
    assert _assert_one_commit(index_dir, order, parsed) == N_FILES
