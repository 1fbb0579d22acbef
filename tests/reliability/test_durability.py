"""Lost writes: an ingest stopped (SIGSTOP) at random moments, its index copied as it stands, and in the
copy the newest files cut short or zeroed from a random point to the end, as a power cut leaves
files the disk had not yet written.

Every copy either opens at a complete commit that ``baokan check`` finds clean (the records served
are exactly those of whole files up to a commit boundary, as ``baokan parse --json`` makes them), or
refuses to open; whatever ``check`` finds damaged, ``baokan check --repair`` makes clean, and
re-running the ingest then reaches the full, correct record count. Never a wrong answer served.

20 copies per run (60 with ``BAOKAN_SOAK=1``); every fifth copy, and a third of the repaired ones, are
ingested again to the end (each re-run is a real ingest process: the CI budget allows a few); the
first three repairs run ``baokan check --repair``, the rest call the same function in this process. The seed is printed; ``BAOKAN_LOST_WRITES_SEED=N`` replays a run.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

from indexer.errors import IndexDamaged, IndexMissing
from indexer.index.check import check_index, repair_index
from indexer.index.store import index_exists, pinned_index
from indexer.searching.snapshot import Archive

from helpers import SOAK, IngestProcess, make_corpus, parse_records, run_baokan

N_FILES = 24
COMMIT_EVERY = 6  # records
TRIALS = 60 if SOAK else 20


def served_records(index_dir: Path) -> list[dict[str, Any]]:
    """Every live record the index serves (at the commit a reader opens), as stored."""
    with Archive(index_dir) as archive:
        snap = archive.snapshot()
        return [json.loads(snap.searcher.stored_fields(int(d))["data"]) for d in snap.live_docs()]


def commit_prefixes(order: list[str], counts: dict[str, int]) -> set[int]:
    """How many files (in ingest order) a commit of a fresh ingest can hold."""
    allowed = {0, len(order)}
    pending = 0
    for i, source in enumerate(order):
        pending += counts[source]
        if pending >= COMMIT_EVERY:
            allowed.add(i + 1)
            pending = 0
    return allowed


def assert_whole_commit(records: list[dict[str, Any]], order: list[str], parsed: dict[str, list[dict[str, Any]]],
                        what: str) -> int:
    """The records are whole files, a prefix of the input ending on a commit boundary; returns how many files."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_source.setdefault(rec["source"], []).append(rec)
    present = [i for i, s in enumerate(order) if s in by_source]
    assert present == list(range(len(present))), f"{what}: files out of order: {present}"
    assert len(present) in commit_prefixes(order, {s: len(parsed[s]) for s in order}), \
        f"{what}: {len(present)} files, not a commit boundary"
    for source in order[:len(present)]:
        held = sorted(by_source[source], key=lambda r: r["id"])
        assert held == sorted(parsed[source], key=lambda r: r["id"]), f"{what}: {source} partial or wrong"
    assert len(records) == sum(len(parsed[s]) for s in order[:len(present)]), f"{what}: extra records"
    return len(present)


def newest_commit_files(index_dir: Path) -> set[str]:
    """The newest TOC, its manifest and the files the manifest names (empty if it does not read)."""
    tocs = sorted(index_dir.glob("_baokan_*.toc"), key=lambda p: int(p.name.split("_")[2].split(".")[0]))
    if not tocs:
        return set()
    gen = tocs[-1].name.split("_")[2].split(".")[0]
    names = {tocs[-1].name, f"_baokan_{gen}.sums"}
    try:
        manifest = json.loads((index_dir / f"_baokan_{gen}.sums").read_text("utf-8"))
        names.update(name for seg in manifest["segments"].values() for name in seg["files"])
    except (OSError, ValueError, KeyError):
        pass
    return names


def lose_writes(index_dir: Path, rng: random.Random) -> list[str]:
    """Cut short or zero the end of the 1-4 newest files, from a random point; returns what was done.

    Half the time the newest files of all (usually a segment still being written: what a power
    cut can really hit, as commits are fsynced), half the time the newest of the newest commit's
    own files (TOC, manifest, segment files: what a disk that lies about fsync could lose).
    """
    files = [p for p in index_dir.iterdir() if p.is_file() and p.name != "baokan_WRITELOCK"]
    if rng.random() < 0.5:
        committed = newest_commit_files(index_dir)
        files = [p for p in files if p.name in committed] or files
    files.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
    done = []
    for path in files[-rng.randint(1, 4):]:
        size = path.stat().st_size
        cut = rng.randint(0, max(0, size - 1))
        if rng.random() < 0.5:
            os.truncate(path, cut)
            done.append(f"{path.name}: cut {size}->{cut}")
        else:
            with open(path, "r+b") as f:
                f.seek(cut)
                f.write(bytes(size - cut))
            done.append(f"{path.name}: zeroed {cut}..{size}")
    return done


def test_lost_writes_never_serve_a_wrong_answer(tmp_path: Path) -> None:
    seed = int(os.environ.get("BAOKAN_LOST_WRITES_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"\nlost-writes seed {seed} (BAOKAN_LOST_WRITES_SEED={seed} replays it); {TRIALS} copies")
    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, N_FILES, short=True)
    order = [p.name for p in paths]
    parsed = parse_records(paths)
    full = sum(len(v) for v in parsed.values())

    # 1. copies of indexes as stopped ingests leave them
    started = time.monotonic()
    copies: list[Path] = []
    run = 0
    while len(copies) < TRIALS:
        run += 1
        index_dir = tmp_path / f"ix{run}"
        ingest = IngestProcess(corpus, index_dir, COMMIT_EVERY)
        while len(copies) < TRIALS and ingest.wait_progress(rng.randint(0, 3)):
            time.sleep(rng.uniform(0.0, 0.05))
            if not ingest.stop():
                break
            try:
                copy = tmp_path / f"copy{len(copies):02d}"
                if index_dir.exists():
                    shutil.copytree(index_dir, copy)
                    copies.append(copy)
            finally:
                ingest.resume()
        ingest.finish()
        assert len(served_records(index_dir)) == full

    copied = time.monotonic()
    log = []
    reingested = 0
    cli_repairs = 0
    for n, copy in enumerate(copies):
        damage = lose_writes(copy, rng)
        what = f"copy {n} ({'; '.join(damage)})"
        if not index_exists(copy):
            log.append(f"{what}: no commit yet")
            continue
        report = check_index(str(copy))
        # 2. what a reader opens is a whole commit, and check finds that commit clean
        try:
            gen = pinned_index(copy).latest_generation()
            files = assert_whole_commit(served_records(copy), order, parsed, what)
            opened = f"opens at generation {gen} ({files} files)"
            assert any(c.generation == gen and c.ok for c in report.commits), \
                f"{what}: served generation {gen}, which check finds damaged: {report.summary_lines()}"
        except (IndexDamaged, IndexMissing) as exc:
            opened = f"refuses to open ({exc})"
            assert not report.ok, f"{what}: check passes but the index does not open: {exc}"
        # 3. check reports damage; --repair (a real process) leaves a clean index of whole files
        repaired = not report.ok
        if repaired:
            damaged = [d.line() for c in report.commits for d in c.damage]
            assert damaged, what
            if cli_repairs < 3:  # the command itself, a few times; then the same function in this process
                proc = run_baokan("check", "--repair", "--index-dir", str(copy))
                assert proc.returncode == 0, f"{what}: repair failed:\n{proc.stdout}\n{proc.stderr}"
                assert "Traceback" not in proc.stderr
                cli_repairs += 1
            else:
                repair_index(str(copy))
            assert check_index(str(copy)).ok, what
            assert_whole_commit(served_records(copy), order, parsed, f"{what}, repaired")
        # 4. the ingest, run again, finishes the job
        if n % 5 == 0 or (repaired and n % 3 == 1):
            again = IngestProcess(corpus, copy, COMMIT_EVERY)
            again.finish()
            ran = []
            while not again.lines.empty():
                ran.append(again.lines.get())
            after = f"{what}, ingested again (generation {pinned_index(copy).latest_generation()}, run: {ran[-3:]})"
            assert assert_whole_commit(served_records(copy), order, parsed, after) == N_FILES, after
            assert check_index(str(copy)).ok, what
            reingested += 1
        log.append(f"{what}: {opened}; {'repaired' if repaired else 'clean'}")
    print("\n".join(log))
    print(f"{len(copies)} copies, {sum('repaired' in line for line in log)} repaired, {reingested} ingested again; "
          f"{copied - started:.0f} s copying, {time.monotonic() - copied:.0f} s checking")
    assert len(copies) >= TRIALS
