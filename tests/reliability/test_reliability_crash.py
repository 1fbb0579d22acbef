"""Crash safety: ``ingest`` SIGKILLed at random moments, in real processes, many times.

After every kill the index opens, search works, and it holds exactly the records of the
last completed commit: the files present are a prefix of the input order that ends on a
commit boundary, and every file present has all its records, equal to what
``baokan parse --json`` makes of it (old or new version, never a mix). Re-running the
ingest reaches the full count with no duplicate ids.

Short form: 10 kills (about a minute and a half). ``BAOKAN_SOAK=1``: 40 kills.
The random seed is printed; ``BAOKAN_KILL_SEED=N`` replays a run.
"""
from __future__ import annotations

import os
import random
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indexer.index.store import index_exists

from helpers import (SOAK, IngestProcess, index_records, make_corpus, parse_records, search_json, seed_text,
                     short_seed, stats_json, variant)

N_FILES = 40
COMMIT_EVERY = 8  # records; the CLI has no flag for it, so the child calls ingest(..., commit_every=8)
KILLS = 40 if SOAK else 10


def Ingest(corpus: Path, index_dir: Path) -> IngestProcess:  # noqa: N802 - reads as the class it returns
    return IngestProcess(corpus, index_dir, COMMIT_EVERY)


def _commit_boundaries(order: list[str], counts: dict[str, int], start: int) -> set[int]:
    """Prefix lengths at which the writer commits, for a run resuming after ``start`` committed files."""
    allowed = {start, len(order)}
    pending = 0
    for i in range(start, len(order)):
        pending += counts[order[i]]
        if pending >= COMMIT_EVERY:
            allowed.add(i + 1)
            pending = 0
    return allowed


def _versions(index_dir: Path, order: list[str], versions: list[dict[str, list[dict[str, Any]]]]) -> list[int]:
    """For each input file (by source name, in order): which version's records the index holds (-1: none).

    Fails if any file's records are not exactly one version's records, or if ids repeat.
    """
    rows = index_records(index_dir)
    ids = Counter(r["id"] for r in rows)
    assert not [i for i, n in ids.items() if n > 1], "duplicate record ids in the index"
    by_source: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_source.setdefault(r["record"]["source"], []).append(r["record"])
    assert set(by_source) <= set(order), set(by_source) - set(order)
    found = []
    for source in order:
        held = sorted(by_source.get(source, []), key=lambda rec: rec["id"])
        if not held:
            found.append(-1)
            continue
        for v, parsed in enumerate(versions):
            if held == sorted(parsed[source], key=lambda rec: rec["id"]):
                found.append(v)
                break
        else:
            raise AssertionError(f"{source}: the index holds {len(held)} records matching no version of the file "
                                 f"(a partial or mixed file)")
    return found


def _check_index_usable(index_dir: Path, expected: list[dict[str, Any]]) -> None:
    """Real processes open the index: stats count every record, a search finds exactly the right ones."""
    stats = stats_json(index_dir)
    assert stats["records"] == len(expected), stats
    assert sum(stats["by_kind"].values()) == len(expected)
    word = "会议"
    found = search_json(index_dir, word, "--page-size", "100")
    assert found["total"] == sum(1 for r in expected if word in r["title"] + (r["byline"] or "") + r["body"])


@pytest.mark.slow
def test_sigkill_during_ingest_keeps_last_commit(tmp_path: Path) -> None:
    seed = int(os.environ.get("BAOKAN_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"\nkill test seed {seed} (BAOKAN_KILL_SEED={seed} replays it); {KILLS} kills")
    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, N_FILES, short=True)
    order = [p.name for p in paths]  # the ingest walks a directory in sorted order
    v1 = parse_records(paths)
    assert set(v1) == set(order)
    total1 = sum(len(v) for v in v1.values())

    # the changed corpus: new markers everywhere; every fifth page grows to the full seed (more records)
    def rewrite() -> dict[str, list[dict[str, Any]]]:
        for i, p in enumerate(paths):
            page = short_seed(i) if i % 5 else seed_text(i)
            p.write_text(variant(page, f"V{i:03d}"), "utf-8")
        return parse_records(paths)

    kills = 0
    runs = 0
    log: list[str] = []
    chain = 0
    v2: dict[str, list[dict[str, Any]]] | None = None
    while kills < KILLS:
        chain += 1
        index_dir = tmp_path / f"index{chain}"
        changing = chain % 3 == 0  # every third chain replaces a complete index's files with new versions
        if changing:  # start from the previous chain's complete index of version 1
            shutil.copytree(tmp_path / f"index{chain - 1}", index_dir)
            assert _versions(index_dir, order, [v1]) == [0] * N_FILES
            v2 = rewrite()
            versions = [v1, v2]
        else:
            if v2 is not None:  # back to version 1 of the files
                for i, p in enumerate(paths):
                    p.write_text(variant(short_seed(i), f"K{i:03d}"), "utf-8")
                v2 = None
            versions = [v1]
        target = len(versions) - 1
        counts = {s: len(versions[target][s]) for s in order}
        done = sum(1 for s in _versions(index_dir, order, versions) if s == target) if index_dir.exists() else 0
        for _ in range(4 if chain % 3 == 1 else 3):
            if kills >= KILLS:
                break
            run = Ingest(corpus, index_dir)
            runs += 1
            if rng.random() < 0.25:
                time.sleep(rng.uniform(0.0, 2.5))  # during start-up, the scan of known files or the first commit
                how = "time"
            else:
                k = rng.randint(min(done + 1, N_FILES), N_FILES)  # files handed to the writer, counted from 1
                run.wait_progress(k)
                time.sleep(rng.uniform(0.0, 0.4))
                how = f"after {k} files"
            killed = run.kill()
            kills += killed
            exists = index_exists(index_dir)
            state = _versions(index_dir, order, versions) if exists else [-1] * N_FILES
            at_target = [i for i, s in enumerate(state) if s == target]
            prefix = len(at_target)
            assert at_target == list(range(prefix)), f"files committed out of order: {state}"
            if not changing:
                assert all(s == -1 for s in state[prefix:]), state
            else:
                assert all(s == 0 for s in state[prefix:]), f"a changed file lost its old records: {state}"
            allowed = _commit_boundaries(order, counts, done)
            assert prefix in allowed, f"{prefix} files present, not a commit boundary {sorted(allowed)} (from {done})"
            assert prefix >= done, "a kill lost committed files"
            expect = [r for s in order[:prefix] for r in versions[target][s]]
            if changing:
                expect += [r for s in order[prefix:] for r in v1[s]]
            if exists:
                _check_index_usable(index_dir, expect)
            log.append(f"chain {chain} run {runs}: kill {how} -> {'killed' if killed else 'finished first'}, "
                       f"{prefix}/{N_FILES} files at v{target + 1}, {len(expect)} records")
            done = prefix
        # re-running completes the job: full, correct, no duplicates
        Ingest(corpus, index_dir).finish()
        assert _versions(index_dir, order, versions) == [target] * N_FILES
        full = [r for s in order for r in versions[target][s]]
        _check_index_usable(index_dir, full)
        log.append(f"chain {chain}: re-run complete, {len(full)} records (v1: {total1})")
    print("\n".join(log))
    assert kills >= KILLS


def test_reingest_changed_files_over_several_commits(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "c", 40, short=True)
    Ingest(tmp_path / "c", tmp_path / "ix").finish()
    for i, p in enumerate(paths):
        p.write_text(variant(short_seed(i) if i % 5 else seed_text(i), f"V{i:03d}"), "utf-8")
    Ingest(tmp_path / "c", tmp_path / "ix").finish()  # commit_every=8: several commits
    v2 = parse_records(paths)
    assert _versions(tmp_path / "ix", [p.name for p in paths], [v2]) == [0] * len(paths)
