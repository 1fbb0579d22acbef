"""An index that exists but holds no segment yet (an ingest killed before its first commit, or a folder
with no pages) answers every kind of query, page and export with nothing found, never an error.

Whoosh hands such an index's searcher an ``EmptyReader``, which has none of a segment's internals; the
ranking and matching that read cached postings must treat it as a segment with no terms.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_baokan, search_json

QUERIES = ["会议", "焦作", "修武县", '"口袋公园"', "焦作 AND 会议", "焦作 OR 会议", "焦作 -会议",
           "标题:会议", "記者", "太"]


@pytest.fixture(scope="module")
def empty_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("empty")
    (root / "pages").mkdir()
    proc = run_baokan("ingest", str(root / "pages"), "--index-dir", str(root / "index"))
    assert proc.returncode == 0, proc.stderr
    return root / "index"


@pytest.mark.parametrize("q", QUERIES)
def test_cli_search_of_an_index_with_no_segments_finds_nothing(empty_index: Path, q: str) -> None:
    found = search_json(empty_index, q)
    assert found["total"] == 0 and found["hits"] == []


def test_cli_sorted_and_filtered_search_of_an_index_with_no_segments(empty_index: Path) -> None:
    found = search_json(empty_index, "会议", "--sort", "newest", "--region", "焦作市")
    assert found["total"] == 0


@pytest.mark.parametrize("path", [f"/search?q={q}" for q in QUERIES] + [
    "/search?q=会议&sort=newest", "/search?q=会议&page=3", "/search?q=会议&region=焦作市",
    "/api/search?q=会议", "/api/search?q=焦作+OR+会议&sort=oldest", "/api/stats", "/issues", "/api/issues", "/export.ris?q=会议",
    "/export.csv?q=会议", "/export.jsonl?q=会议", "/"])
def test_web_pages_of_an_index_with_no_segments_answer(empty_index: Path, path: str) -> None:
    from webapp import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(empty_index)}).test_client()
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code, response.data[:300])
    assert b"Traceback" not in response.data and "内部错误".encode() not in response.data
