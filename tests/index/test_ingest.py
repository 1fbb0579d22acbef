"""Ingest: idempotent, changed files replace their records, same-named files never collide."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from indexer.errors import SettingsMismatch
from indexer.index.ingest import ingest
from indexer.newspaper.parse import parse_file
from indexer.searching.service import SearchQuery, search
from indexer.searching.stats import archive_stats
from indexer.searching.snapshot import Archive
from helpers import PAGES, matching_ids

SEED_000 = PAGES / "000_26f9c0bf5d7a20f6.txt"
SEED_004 = PAGES / "004_16b43a71a00cea4c.txt"


def _all_ids(index_dir: Path) -> list[str]:
    return matching_ids(Archive(index_dir), SearchQuery(sort="oldest"))


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED_000, folder / "2022-07-26_01.txt")
    shutil.copy(SEED_004, folder / "2021-11-13_03.txt")
    (folder / "manifest.csv").write_text("file,date\n", "utf-8")  # sidecar data: passed over
    return folder


def test_ingest_is_idempotent(pages: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    first = ingest([str(pages)], str(index_dir), workers=1)
    expected = sum(len(parse_file(p).records) for p in pages.glob("*.txt"))
    assert (first.files_seen, first.files_indexed, first.records_added) == (2, 2, expected)
    ids = _all_ids(index_dir)
    second = ingest([str(pages)], str(index_dir), workers=1)
    assert (second.files_unchanged, second.files_indexed, second.records_added) == (2, 0, 0)
    assert second.records_unchanged == expected
    assert _all_ids(index_dir) == ids
    assert len(ids) == len(set(ids)) == expected


def test_a_changed_file_replaces_its_records(pages: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    ingest([str(pages)], str(index_dir), workers=1)
    before = archive_stats(Archive(index_dir)).records
    page = pages / "2021-11-13_03.txt"
    page.write_text(page.read_text("utf-8").replace("官卫红", "官伟宏"), "utf-8")
    report = ingest([str(pages)], str(index_dir), workers=1)
    assert (report.files_indexed, report.files_unchanged, report.records_added) == (1, 1, 0)
    assert report.records_updated == len(parse_file(page).records)
    archive = Archive(index_dir)
    assert search(archive, SearchQuery(q="官卫红")).total == 0
    assert search(archive, SearchQuery(q="官伟宏")).total > 0
    ids = _all_ids(index_dir)
    assert len(ids) == len(set(ids)) == before


def test_a_shrunk_file_loses_its_dropped_records(pages: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    ingest([str(pages)], str(index_dir), workers=1)
    page = pages / "2022-07-26_01.txt"
    text = page.read_text("utf-8")
    page.write_text(text[: text.index("# 我市财政保障激发科技创新活力")], "utf-8")
    report = ingest([str(pages)], str(index_dir), workers=1)
    assert report.records_removed > 0
    assert search(Archive(index_dir), SearchQuery(q="9244.2万元")).total == 0
    assert archive_stats(Archive(index_dir)).records == len(parse_file(page).records) + len(
        parse_file(pages / "2021-11-13_03.txt").records)


def test_files_with_the_same_name_in_different_folders_both_stay(tmp_path: Path) -> None:
    for day, seed in (("2021-11-13", SEED_004), ("2022-07-26", SEED_000)):
        (tmp_path / "archive" / day).mkdir(parents=True)
        shutil.copy(seed, tmp_path / "archive" / day / "01.txt")
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(SEED_004, other / "01.txt")
    index_dir = tmp_path / "ix"
    ingest([str(tmp_path / "archive")], str(index_dir), workers=1)
    ingest([str(other / "01.txt")], str(index_dir), workers=1)
    expected = len(parse_file(SEED_004).records) * 2 + len(parse_file(SEED_000).records)
    ids = _all_ids(index_dir)
    assert len(ids) == len(set(ids)) == expected
    # A second run over both is a no-op: the fallback ids are not re-assigned.
    again = ingest([str(tmp_path / "archive"), str(other)], str(index_dir), workers=1)
    assert again.files_unchanged == 3 and _all_ids(index_dir) == ids


def test_worker_processes_give_the_same_index_as_one_process(pages: Path, tmp_path: Path) -> None:
    for n in range(6):
        shutil.copy(SEED_004, pages / f"copy{n}.txt")
    one = tmp_path / "one"
    two = tmp_path / "two"
    ingest([str(pages)], str(one), workers=1)
    ingest([str(pages)], str(two), workers=2)
    assert sorted(_all_ids(one)) == sorted(_all_ids(two))
    assert search(Archive(one), SearchQuery(q="吕沛")).facets == search(Archive(two), SearchQuery(q="吕沛")).facets


def test_cli_ingest_summary_and_progress(pages: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    run = subprocess.run([sys.executable, "-m", "indexer.cli", "ingest", str(pages), "--index-dir", str(index_dir),
                          "--json"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["files"] == 2 and summary["skipped"] == [] and summary["records_added"] > 20
    stats = subprocess.run([sys.executable, "-m", "indexer.cli", "stats", "--index-dir", str(index_dir), "--json"],
                           capture_output=True, text=True, timeout=120)
    data = json.loads(stats.stdout)
    assert data["records"] == summary["records_added"]
    assert {"by_kind", "by_region", "by_year", "date_range", "index_bytes"} <= data.keys()
    found = subprocess.run([sys.executable, "-m", "indexer.cli", "search", "吕沛", "--index-dir", str(index_dir),
                            "--json"], capture_output=True, text=True, timeout=120)
    body = json.loads(found.stdout)
    assert body["total"] > 0 and {"total", "hits", "facets"} <= body.keys()
    assert all("吕沛" in h["snippet"] or "吕沛" in h["title"] for h in body["hits"])


def test_a_page_without_records_is_remembered_but_never_shown(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "2021-12-05_01.txt").write_text("扫一扫 关注我们\n", "utf-8")
    shutil.copy(SEED_004, folder / "2021-11-13_03.txt")
    index_dir = tmp_path / "ix"
    first = ingest([str(folder)], str(index_dir), workers=1)
    assert first.files_empty == [str(folder / "2021-12-05_01.txt")]
    expected = len(parse_file(SEED_004).records)
    archive = Archive(index_dir)
    assert archive_stats(archive).records == expected
    for q in ("", "-不存在的词", "NOT 吕沛 OR 吕沛"):
        page = search(archive, SearchQuery(q=q, page_size=100))
        assert page.total == len(page.hits) == expected == sum(page.facets["kind"].values()), q
    again = ingest([str(folder)], str(index_dir), workers=1)
    assert (again.files_unchanged, again.files_indexed, again.records_unchanged) == (2, 0, expected)


def test_a_rebuild_refreshes_open_archives_and_frees_old_facet_rows(pages: Path, tmp_path: Path) -> None:
    import gc

    from indexer.searching.snapshot import cached_segment_ids

    index_dir = tmp_path / "ix"
    ingest([str(pages / "2022-07-26_01.txt")], str(index_dir), workers=1)
    archive = Archive(index_dir)
    first = cached_segment_ids()
    archive.snapshot().columns  # the segments' facet columns are read on first use
    old = cached_segment_ids() - first
    assert old
    ingest([str(pages)], str(index_dir), workers=1, rebuild=True)  # every old segment is replaced
    archive.snapshot().columns  # this thread's snapshot moves to the new generation
    gc.collect()
    assert not old & cached_segment_ids()
    assert archive_stats(archive).records == sum(len(parse_file(p).records) for p in pages.glob("*.txt"))
    assert search(archive, SearchQuery(q="吕沛")).total > 0


def test_an_index_of_another_schema_version_is_refused_not_misread(pages: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    ingest([str(pages)], str(index_dir), workers=1)
    settings = index_dir / "baokan.json"
    data = json.loads(settings.read_text("utf-8"))
    data["schema_version"] -= 1
    settings.write_text(json.dumps(data), "utf-8")
    with pytest.raises(SettingsMismatch, match="--rebuild"):
        search(Archive(index_dir), SearchQuery(q="官卫红"))
    out = subprocess.run([sys.executable, "-m", "indexer.cli", "search", "官卫红", "--index-dir", str(index_dir)],
                         capture_output=True, text=True)
    assert out.returncode != 0 and "--rebuild" in out.stderr and "Traceback" not in out.stderr
    ingest([str(pages)], str(index_dir), workers=1, rebuild=True)
    assert search(Archive(index_dir), SearchQuery(q="官卫红")).total > 0


COMPACT_QUERIES = [SearchQuery(q=q, sort=sort) for q in ("", "焦作", "吕沛", "记者", "建光", "示范区 -巡察", "\"焦作日报\"")
                   for sort in ("oldest", "relevance")] + [SearchQuery(q="焦作", region="修武县")]


def _answers(index_dir: Path) -> list[tuple[int, Any, Any]]:
    archive = Archive(index_dir)
    out = []
    for query in COMPACT_QUERIES:
        page = search(archive, query)
        ids = matching_ids(archive, query)
        # relevance ties may reorder once deleted documents leave the term statistics: compare as a set there
        out.append((page.total, page.facets, ids if query.sort == "oldest" else sorted(ids)))
    archive.close()
    return out


def test_compact_merges_every_segment_and_every_search_answers_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in sorted(PAGES.glob("*.txt")):
        shutil.copy(page, folder / page.name)
    index_dir = tmp_path / "ix"
    ingest([str(folder)], str(index_dir), workers=1, commit_every=6)  # a commit every few records: many segments
    changed = folder / "004_16b43a71a00cea4c.txt"
    changed.write_text(changed.read_text("utf-8").replace("吕沛", "吕沛沛"), "utf-8")
    assert ingest([str(folder)], str(index_dir), workers=1).records_updated > 0  # deletions in old segments
    before = _answers(index_dir)
    assert before[0][0] > 30 and any(total for total, _, _ in before[1:])

    out = subprocess.run([sys.executable, "-m", "indexer.cli", "compact", "--json", "--index-dir", str(index_dir)],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["segments_before"] > 2 and report["segments_after"] == 1
    assert report["bytes_after"] < report["bytes_before"]
    assert _answers(index_dir) == before

    again = ingest([str(folder)], str(index_dir), workers=1)  # what the ingest has seen survives the merge
    assert again.files_indexed == 0 and again.files_unchanged == len(list(folder.glob("*.txt")))
    changed.write_text(changed.read_text("utf-8").replace("吕沛沛", "吕沛"), "utf-8")
    assert ingest([str(folder)], str(index_dir), workers=1).records_updated > 0
    assert search(Archive(index_dir), SearchQuery(q="吕沛沛")).total == 0


def test_an_error_in_the_writer_ends_a_parallel_ingest_instead_of_hanging_it(tmp_path: Path) -> None:
    """The parser workers run ahead of the writer; when the writer's side raises (here the progress hook,
    as a disk-full error would), the ingest must raise too, not wait forever for the workers' feeder."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(40):
        (pages / f"p{n:02d}.txt").write_text(f"温县举办第{n}届太极拳比赛\n\n本报讯（记者 王鑫）3月14日，比赛在陈家沟举行。\n", "utf-8")
    script = (
        "import sys\n"
        "from indexer.index.ingest import ingest\n"
        "def boom(done, total, written):\n"
        "    if done == 3:\n"
        "        raise OSError('disk full')\n"
        f"try:\n    ingest([{str(pages)!r}], {str(tmp_path / 'index')!r}, workers=2, progress=boom)\n"
        "except OSError as e:\n    print('raised', e); sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3 and "raised disk full" in done.stdout, done.stderr[-2000:]
