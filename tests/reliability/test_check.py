"""``baokan check`` on a finished index: bit rot in postings and stored data is found and named by
segment, ``--repair`` leaves a clean index and the files to ingest again, and a damaged index is
never served silently: readers fall back to the last good commit, or the site answers 503 saying
what to run.

The seed of the bit flips is printed; ``BAOKAN_BITROT_SEED=N`` replays a run.
"""
from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

from indexer.index.check import check_index

from helpers import IngestProcess, make_corpus, parse_records, run_baokan

N_FILES = 18
COMMIT_EVERY = 16  # records: a few segments, so the damaged one can be named


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """A finished index of several segments (a real ingest process), its corpus, its record count."""
    root = tmp_path_factory.mktemp("check")
    paths = make_corpus(root / "corpus", N_FILES, short=True)
    IngestProcess(root / "corpus", root / "ix", COMMIT_EVERY).finish()
    report = check_index(str(root / "ix"))
    assert report.ok and len(report.commits[0].segments) >= 3, report.summary_lines()
    return root / "ix", root / "corpus", sum(len(v) for v in parse_records(paths).values())


def _segment_files(index_dir: Path, kind: str) -> list[Path]:
    gen = max(int(p.name.split("_")[2].split(".")[0]) for p in index_dir.glob("_baokan_*.toc"))
    manifest = json.loads((index_dir / f"_baokan_{gen}.sums").read_text("utf-8"))
    return sorted(index_dir / name for seg in manifest["segments"].values() for name in seg["files"]
                  if name.endswith(kind))


def _flip(path: Path, rng: random.Random, n: int) -> list[int]:
    data = bytearray(path.read_bytes())
    offsets = sorted(rng.randrange(len(data)) for _ in range(n))
    for at in offsets:
        data[at] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    return offsets


@pytest.mark.parametrize("kind", [".pst", "._stored.col", ".fcol"])  # postings, stored records, facet arrays
def test_bit_rot_is_found_and_its_segment_named(built: tuple[Path, Path, int], tmp_path: Path, kind: str) -> None:
    index_dir, corpus, records = built
    seed = int(os.environ.get("BAOKAN_BITROT_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    copy = tmp_path / "ix"
    shutil.copytree(index_dir, copy)
    target = rng.choice(_segment_files(copy, kind))
    segment = target.name.split(".")[0]
    offsets = _flip(target, rng, rng.randint(1, 3))
    print(f"\nbit-rot seed {seed} (BAOKAN_BITROT_SEED={seed}): {target.name} at {offsets}")

    proc = run_baokan("check", "--index-dir", str(copy))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"段 {segment}" in proc.stdout and "检查未通过" in proc.stdout and "baokan check --repair" in proc.stdout
    report = json.loads(run_baokan("check", "--json", "--index-dir", str(copy)).stdout)
    assert not report["ok"]
    assert report["commits"][0]["damaged_segments"] == [segment]

    # --repair: a clean index without the rotten segment, and the files its records came from
    proc = run_baokan("check", "--repair", "--json", "--index-dir", str(copy))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    assert out["check"]["ok"] and out["repair"]["repaired"]
    assert segment in out["repair"]["dropped_segments"]
    quarantine = Path(out["repair"]["quarantine"])
    assert (quarantine / target.name).read_bytes() != (index_dir / target.name).read_bytes()  # kept, not deleted
    lost = out["repair"]["ingest_again"]
    assert lost and all(Path(p).parent == corpus.resolve() for p in lost)
    assert out["check"]["commits"][0]["records"] < records
    # ingesting the listed files again restores every record
    proc = run_baokan("ingest", *lost, "--index-dir", str(copy))
    assert proc.returncode == 0, proc.stderr
    after = check_index(str(copy))
    assert after.ok and after.commits[0].records == records, after.summary_lines()


def test_a_clean_index_checks_clean(built: tuple[Path, Path, int]) -> None:
    index_dir, _, records = built
    proc = run_baokan("check", "--index-dir", str(index_dir))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查通过：索引完好" in proc.stdout and f"记录 {records} 条" in proc.stdout
    out = json.loads(run_baokan("check", "--repair", "--json", "--index-dir", str(index_dir)).stdout)
    assert out["repair"]["repaired"] is False and out["check"]["ok"]


def test_a_damaged_newest_commit_is_not_served(built: tuple[Path, Path, int], tmp_path: Path) -> None:
    """Newest commit cut short: readers open the commit before it and say so; ingest refuses until repaired."""
    index_dir, corpus, records = built
    copy = tmp_path / "ix"
    shutil.copytree(index_dir, copy)
    extra = make_corpus(tmp_path / "more", 2, tag="X", short=True)
    assert run_baokan("ingest", *map(str, extra), "--index-dir", str(copy)).returncode == 0
    records += sum(len(v) for v in parse_records(extra).values())
    before = check_index(str(copy))
    newest, previous = before.commits[0], before.commits[1]
    fresh = sorted(set(newest.segments) - set(previous.segments))
    assert fresh and newest.records == records
    victim = _segment_files(copy, ".pst")
    victim = [p for p in victim if p.name.split(".")[0] in fresh][0]
    os.truncate(victim, victim.stat().st_size // 2)

    proc = run_baokan("stats", "--json", "--index-dir", str(copy))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["records"] == previous.records < records
    assert f"第 {newest.generation} 代）已损坏" in proc.stderr and "baokan check" in proc.stderr

    proc = run_baokan("ingest", str(corpus), "--index-dir", str(copy))
    assert proc.returncode == 1 and "baokan check --repair" in proc.stderr

    proc = run_baokan("check", "--repair", "--index-dir", str(copy))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"回到第 {previous.generation} 代提交" in proc.stdout
    proc = run_baokan("ingest", str(corpus), *map(str, extra), "--index-dir", str(copy))
    assert proc.returncode == 0, proc.stderr
    assert check_index(str(copy)).commits[0].records == records


def test_no_good_commit_answers_503_saying_what_to_run(built: tuple[Path, Path, int], tmp_path: Path) -> None:
    from webapp import create_app

    index_dir, _, _ = built
    copy = tmp_path / "ix"
    shutil.copytree(index_dir, copy)
    for manifest in copy.glob("_baokan_*.sums"):
        os.truncate(manifest, 10)  # every commit's manifest is cut short: no commit can be verified

    client = create_app({"TESTING": True, "INDEX_DIR": str(copy)}).test_client()
    response = client.get("/api/search?q=会议")
    assert response.status_code == 503
    body = response.get_json()
    assert body["ok"] is False and body["status"] == 503 and "baokan check --repair" in body["error"]
    assert str(copy) not in body["error"]  # no server path in what the client sees
    page = client.get("/search?q=会议")
    assert page.status_code == 503 and "baokan check --repair" in page.text and "Traceback" not in page.text

    proc = run_baokan("search", "会议", "--index-dir", str(copy))
    assert proc.returncode == 1 and "baokan check --repair" in proc.stderr and "Traceback" not in proc.stderr


def test_a_repair_over_an_unreadable_term_table_leaves_no_file_open(built: tuple[Path, Path, int], tmp_path: Path) -> None:
    """A segment whose term table is zeroed cannot say which files it held; the reader that failed on it must not
    leave its files open (a leaked handle is a ResourceWarning, which pytest reports as a failure here)."""
    import gc
    import warnings

    from indexer.index.check import repair_index
    index_dir, _, _ = built
    copy = tmp_path / "ix"
    shutil.copytree(index_dir, copy)
    for trm in _segment_files(copy, ".trm"):
        trm.write_bytes(b"\0" * len(trm.read_bytes()))
    (copy / sorted(p.name for p in copy.glob("_baokan_*.toc"))[-1]).write_bytes(b"")  # the newest commit unreadable too
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        report = repair_index(str(copy))
        gc.collect()
    assert report.unreadable_segments and not [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
