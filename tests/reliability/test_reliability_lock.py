"""The index lock and the build settings, with real processes.

* A lock left by a SIGKILLed writer does not block the next ingest.
* A live writer's lock is never broken: a second ``baokan ingest`` waits, then fails with
  a clear message (exit 1), and the live writer's work commits intact afterwards.
* Ingesting with another gazetteer or tokenizer dictionary than the index was built with
  is refused with a message that says to rebuild; ``--rebuild`` works.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import (PAGES, REPO, SEED_NAMES, make_corpus, parse_records, run_baokan, search_json,
                                      stats_json)

HOLDER = """
import hashlib, sys
from indexer.newspaper.gazetteer import load_gazetteer
from indexer.index.ingest import file_key, open_writer, record_documents
from indexer.newspaper.parse import parse_file
from indexer.index.store import create_or_open_index, current_settings

index_dir, page = sys.argv[1], sys.argv[2]
ix = create_or_open_index(index_dir, current_settings(load_gazetteer(None).fingerprint))
writer = open_writer(ix, 0)
parsed = parse_file(page)
digest = hashlib.sha256(open(page, "rb").read()).hexdigest()
for n, record in enumerate(parsed.records):
    writer.add_document(**record_documents(record, n, file_key(page), digest))
print("LOCKED", len(parsed.records), flush=True)
if sys.stdin.readline().strip() == "commit":
    writer.commit()
    print("COMMITTED", flush=True)
else:
    writer.cancel()
"""


@pytest.fixture(scope="module")
def base_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """An index of the two seed pages (a template: tests copy it)."""
    root = tmp_path_factory.mktemp("lock")
    pages = root / "pages"
    pages.mkdir()
    for name in SEED_NAMES:
        (pages / name).write_bytes((PAGES / name).read_bytes())
    index_dir = root / "index"
    proc = run_baokan("ingest", str(pages), "--index-dir", str(index_dir))
    assert proc.returncode == 0, proc.stderr
    records = stats_json(index_dir)["records"]
    assert records > 0
    return pages, index_dir, records


def _copy_index(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def _start_holder(index_dir: Path, page: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(index_dir), str(page)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("LOCKED"):
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"holder did not take the lock: {line!r} {err}")
    return proc, int(line.split()[1])


def test_stale_lock_of_killed_writer_is_recovered(base_index: tuple[Path, Path, int], tmp_path: Path) -> None:
    pages, template, records = base_index
    index_dir = _copy_index(template, tmp_path / "index")
    new = make_corpus(tmp_path / "new", 2, tag="S")
    holder, _ = _start_holder(index_dir, new[0])
    os.kill(holder.pid, signal.SIGKILL)  # dies holding the lock, with uncommitted documents
    holder.communicate()
    assert [p for p in index_dir.iterdir() if "LOCK" in p.name.upper()], "expected a lock file left behind"
    started = time.monotonic()
    proc = run_baokan("ingest", str(tmp_path / "new"), "--index-dir", str(index_dir))
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert "另一个进程" not in proc.stderr and "Traceback" not in proc.stderr
    assert elapsed < 60, elapsed
    added = sum(len(v) for v in parse_records(new).values())
    assert stats_json(index_dir)["records"] == records + added  # the dead writer's documents are gone
    assert search_json(index_dir, "编号S001")["total"] >= 1


def test_live_writer_lock_is_never_broken(base_index: tuple[Path, Path, int], tmp_path: Path) -> None:
    pages, template, records = base_index
    index_dir = _copy_index(template, tmp_path / "index")
    held_page = make_corpus(tmp_path / "held", 1, tag="H")[0]
    other = make_corpus(tmp_path / "other", 2, tag="O", start=__import__("datetime").date(2022, 1, 1))
    holder, held_records = _start_holder(index_dir, held_page)
    try:
        started = time.monotonic()
        proc = run_baokan("ingest", str(tmp_path / "other"), "--index-dir", str(index_dir), timeout=120)
        elapsed = time.monotonic() - started
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stdout + proc.stderr
        message = [ln for ln in proc.stderr.splitlines() if ln.startswith("baokan:")]
        assert len(message) == 1 and "另一个进程" in message[0], proc.stderr
        assert elapsed >= 9, f"gave up after {elapsed:.1f} s without waiting for the lock"
        assert holder.poll() is None, "the live writer died"
        # readers are not blocked by the writer, and see the last commit
        assert stats_json(index_dir)["records"] == records
        assert holder.stdin is not None
        holder.stdin.write("commit\n")
        holder.stdin.flush()
        out, err = holder.communicate(timeout=120)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.communicate()
    assert holder.returncode == 0 and "COMMITTED" in out, err
    assert stats_json(index_dir)["records"] == records + held_records
    assert search_json(index_dir, "编号H000")["total"] >= 1
    # and now the refused ingest goes through
    proc = run_baokan("ingest", str(tmp_path / "other"), "--index-dir", str(index_dir))
    assert proc.returncode == 0, proc.stderr
    added = sum(len(v) for v in parse_records(other).values())
    assert stats_json(index_dir)["records"] == records + held_records + added


def _modified_gazetteer(tmp_path: Path) -> Path:
    data = json.loads((REPO / "indexer" / "newspaper" / "data" / "gazetteer_jiaozuo.json").read_text("utf-8"))
    data["regions"].append({"name": "测试新区", "aliases": ["测试新区"]})
    path = tmp_path / "gazetteer_modified.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_changed_gazetteer_asks_for_rebuild(base_index: tuple[Path, Path, int], tmp_path: Path) -> None:
    pages, template, records = base_index
    index_dir = _copy_index(template, tmp_path / "index")
    new = make_corpus(tmp_path / "new", 2, tag="G")
    gaz = _modified_gazetteer(tmp_path)
    before = sorted(p.name for p in index_dir.iterdir())
    proc = run_baokan("ingest", str(tmp_path / "new"), "--index-dir", str(index_dir), "--gazetteer", str(gaz))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "--rebuild" in proc.stderr and "地名表" in proc.stderr, proc.stderr
    assert sorted(p.name for p in index_dir.iterdir()) == before  # nothing written
    assert stats_json(index_dir)["records"] == records
    proc = run_baokan("ingest", str(pages), str(tmp_path / "new"), "--index-dir", str(index_dir), "--gazetteer",
                      str(gaz), "--rebuild")
    assert proc.returncode == 0, proc.stderr
    added = sum(len(v) for v in parse_records(new).values())
    assert stats_json(index_dir)["records"] == records + added
    # the rebuilt index now insists on the new gazetteer
    proc = run_baokan("ingest", str(pages), "--index-dir", str(index_dir))
    assert proc.returncode == 1 and "--rebuild" in proc.stderr, proc.stderr


def test_same_gazetteer_reformatted_is_accepted(base_index: tuple[Path, Path, int], tmp_path: Path) -> None:
    """The fingerprint is of the gazetteer's content, not its bytes: no false alarm."""
    pages, template, records = base_index
    index_dir = _copy_index(template, tmp_path / "index")
    data = json.loads((REPO / "indexer" / "newspaper" / "data" / "gazetteer_jiaozuo.json").read_text("utf-8"))
    same = tmp_path / "same.json"
    same.write_text(json.dumps(data, ensure_ascii=False, indent=4), "utf-8")
    proc = run_baokan("ingest", str(pages), "--index-dir", str(index_dir), "--gazetteer", str(same))
    assert proc.returncode == 0, proc.stderr
    assert stats_json(index_dir)["records"] == records


def test_changed_dictionary_asks_for_rebuild(base_index: tuple[Path, Path, int], tmp_path: Path) -> None:
    """An index recorded as built with another jieba dictionary is refused (the settings file is the record)."""
    pages, template, records = base_index
    index_dir = _copy_index(template, tmp_path / "index")
    settings = json.loads((index_dir / "baokan.json").read_text("utf-8"))
    settings["dictionary"] = "0" * 16
    (index_dir / "baokan.json").write_text(json.dumps(settings), "utf-8")
    proc = run_baokan("ingest", str(pages), "--index-dir", str(index_dir))
    assert proc.returncode == 1, proc.stderr
    assert "分词词典" in proc.stderr and "--rebuild" in proc.stderr and "Traceback" not in proc.stderr
    assert stats_json(index_dir)["records"] == records
