"""Search core against real indexes built by the real ingest: recall, precision, facets."""
from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.index.ingest import ingest, record_documents
from indexer.newspaper.parse import parse_file
from indexer.records import Record
from indexer.searching.recordpage import get_record
from indexer.searching.service import SearchQuery, iter_results, search
from indexer.searching.stats import archive_stats
from indexer.index.store import create_or_open_index, current_settings
from indexer.searching.snapshot import Archive
from helpers import PAGES, brute_facets, generated_records, matching_ids, record_contains, searchable_texts

SEEDS = sorted(PAGES.glob("0*_*.txt"))


_searchable = searchable_texts
_contains = record_contains


def _ids(archive: Archive, q: str, **filters: str) -> set[str]:
    ids = matching_ids(archive, SearchQuery(q=q, sort="oldest", **filters))
    assert len(ids) == len(set(ids))
    return set(ids)


@pytest.fixture(scope="module")
def seed_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, list[Record]]:
    index_dir = tmp_path_factory.mktemp("seed-index")
    report = ingest([str(p) for p in SEEDS], str(index_dir), workers=1)
    assert not report.skipped
    records = [r for p in SEEDS for r in parse_file(p).records]
    assert report.records_added == len(records) > 20
    return Archive(index_dir), records


# --- the segmentation-mismatch cases that the stock analyzer misses ---------------

@pytest.mark.parametrize("term", ["吕沛", "官卫红", "新能源", "工作汇报", "市科技局", "住建", "园区", "巡察",
                                  "9244.2万元", "ITO", "SOEC", "25311", "0-6", "建光", "中区区"])
def test_segmentation_mismatch_cases_find_every_record(seed_archive: tuple[Archive, list[Record]], term: str) -> None:
    archive, records = seed_archive
    expected = {r.id for r in records if _contains(r, term)}
    if term not in ("建光",):
        assert expected, f"{term} should occur in the seeds"
    assert _ids(archive, term) == expected
    assert _ids(archive, f'"{term}"') == expected


def test_single_characters_and_digits_are_findable(seed_archive: tuple[Archive, list[Record]]) -> None:
    archive, records = seed_archive
    for term in ("5", "沛", "焦", "湘"):
        assert _ids(archive, term) == {r.id for r in records if _contains(r, term)}


def test_traditional_and_full_width_queries_find_simplified_text(seed_archive: tuple[Archive, list[Record]]) -> None:
    archive, records = seed_archive
    assert _ids(archive, "財政") == {r.id for r in records if _contains(r, "财政")} != set()
    assert _ids(archive, "ＳＯＥＣ") == _ids(archive, "soec") == {r.id for r in records if _contains(r, "SOEC")}


def _draw_substring(data: st.DataObject, records: list[Record], shortest: int, longest: int) -> tuple[Record, str]:
    """A random record and a random substring of one of its searchable texts."""
    record = data.draw(st.sampled_from(records))
    part = data.draw(st.sampled_from(_searchable(record)))
    length = data.draw(st.integers(shortest, longest))
    start = data.draw(st.integers(0, max(0, len(part) - length)))
    return record, part[start:start + length]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_recall_any_substring_of_a_record_finds_it(seed_archive: tuple[Archive, list[Record]], data: st.DataObject) -> None:
    archive, records = seed_archive
    record, term = _draw_substring(data, records, 1, 8)
    if term.strip() and '"' not in term:
        assert record.id in _ids(archive, f'"{term}"'), term


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_precision_a_quoted_phrase_returns_only_records_containing_it(
        seed_archive: tuple[Archive, list[Record]], data: st.DataObject) -> None:
    archive, records = seed_archive
    _, term = _draw_substring(data, records, 2, 6)
    if term.strip() and '"' not in term:
        assert _ids(archive, f'"{term}"') == {r.id for r in records if _contains(r, term)}, term


# --- a generated corpus of a few thousand records ---------------------------------

@pytest.fixture(scope="module")
def generated_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, list[Record]]:
    index_dir = tmp_path_factory.mktemp("generated-index")
    records = generated_records(3000, seed=7)
    ix = create_or_open_index(index_dir, current_settings("0" * 64))
    writer = ix.writer(limitmb=128)
    for n, record in enumerate(records):
        writer.add_document(**record_documents(record, n % 10, f"/gen/{record.source}", "h"))
    writer.commit()
    return Archive(index_dir), records


@pytest.mark.parametrize("seed", range(4))
def test_recall_on_a_generated_corpus(generated_archive: tuple[Archive, list[Record]], seed: int) -> None:
    """1,000 random substrings (1-8 characters) of random records: each finds its record, and only
    records that contain it."""
    archive, records = generated_archive
    rng = random.Random(seed)
    misses = []
    for _ in range(250):
        record = rng.choice(records)
        part = rng.choice(_searchable(record))
        length = rng.randint(1, 8)
        start = rng.randint(0, max(0, len(part) - length))
        term = part[start:start + length]
        if not term.strip():
            continue
        found = _ids(archive, f'"{term}"')
        if record.id not in found:
            misses.append(term)
        if len(term) >= 2:
            assert found == {r.id for r in records if _contains(r, term)}, term
    assert misses == []


@pytest.mark.parametrize("term, filters", [
    ("", {}),
    ("项目", {}),
    ("吕沛", {"region": "示范区"}),
    ("科技", {"kind": "caption", "region": "温县"}),
    ("新能源", {"date_from": "2000-01-01", "date_to": "2010-12-31", "reporter": "王晓东"}),
    ("发展", {"section": "时评", "region": "焦作市", "kind": "article"}),
])
def test_facet_counts_match_a_brute_force_count(generated_archive: tuple[Archive, list[Record]], term: str,
                                                filters: dict[str, str]) -> None:
    archive, records = generated_archive
    page = search(archive, SearchQuery(q=term, **filters))
    expected, total = brute_facets(records, term, filters)
    for name, counts in expected.items():
        assert page.facets[name] == dict(counts), name
    assert page.total == total
    exported = [r.id for r in iter_results(archive, SearchQuery(q=term, **filters))]
    assert len(exported) == page.total


def test_sorting_and_stable_paging(generated_archive: tuple[Archive, list[Record]]) -> None:
    archive, records = generated_archive
    newest = [h.pub_date for p in (1, 2, 3) for h in search(archive, SearchQuery(q="项目", sort="newest", page=p)).hits]
    assert newest == sorted(newest, reverse=True)
    oldest = [h.pub_date for h in search(archive, SearchQuery(q="项目", sort="oldest")).hits]
    assert oldest == sorted(oldest)
    pages = [h.id for p in range(1, 6) for h in search(archive, SearchQuery(q="项目", page=p, page_size=7)).hits]
    assert len(pages) == len(set(pages)) == 35
    assert pages == [h.id for h in search(archive, SearchQuery(q="项目", page_size=35)).hits]


def test_title_matches_rank_first(generated_archive: tuple[Archive, list[Record]]) -> None:
    archive, records = generated_archive
    page = search(archive, SearchQuery(q="吕沛", page_size=10))
    in_title = sum(1 for r in records if "吕沛" in r.title)
    assert in_title >= 10
    assert all("吕沛" in h.title for h in page.hits)


def test_snippets_mark_every_match(seed_archive: tuple[Archive, list[Record]]) -> None:
    archive, _ = seed_archive
    page = search(archive, SearchQuery(q="官卫红"))
    assert page.total > 0
    for hit in page.hits:
        marked = re.findall(r"<mark>(.*?)</mark>", hit.snippet_html + hit.title_html)
        assert marked and all(m == "官卫红" for m in marked)


def test_field_prefixes(seed_archive: tuple[Archive, list[Record]]) -> None:
    archive, records = seed_archive
    assert _ids(archive, "记者:徐金华") == {r.id for r in records if "徐金华" in r.reporters} != set()
    assert _ids(archive, "标题:吕沛") == {r.id for r in records if "吕沛" in r.title} != set()
    photographed = {r.id for r in records if "宋崇飞" in r.photographers + tuple(
        p for c in r.captions for p in c.photographers)}
    assert _ids(archive, "摄影:宋崇飞") == photographed != set()
    assert _ids(archive, "地区:温县") == {r.id for r in records if r.region == "温县"} != set()
    dated = {r.id for r in records if (r.pub_date or "").startswith("2021-11")}
    assert _ids(archive, "日期:2021-11") == dated != set()
    assert _ids(archive, "date:2021-11-01..2021-11-30 吕沛") == dated & _ids(archive, "吕沛")


def test_record_view_and_stats(seed_archive: tuple[Archive, list[Record]]) -> None:
    archive, records = seed_archive
    first = records[0]
    view = get_record(archive, first.id, q="巡察")
    assert view.record == first
    assert "<mark>巡察</mark>" in view.body_html
    same_source = {r.id for r in records if r.source == first.source} - {first.id}
    assert {h.id for h in view.same_page} == same_source
    stats = archive_stats(archive)
    assert stats.records == len(records)
    assert stats.by_kind == dict(Counter(r.kind for r in records).most_common())
    assert stats.date_range == (min(r.pub_date for r in records if r.pub_date),
                                max(r.pub_date for r in records if r.pub_date))


@pytest.mark.parametrize("q, expect", [
    ("项目 -吕沛", lambda has: has("项目") and not has("吕沛")),
    ("-吕沛", lambda has: not has("吕沛")),
    ("吕沛 -项目 -官卫红", lambda has: has("吕沛") and not has("项目") and not has("官卫红")),
    ("吕沛 OR -项目", lambda has: has("吕沛") or not has("项目")),
    ("(温县 OR 孟州市) 发展 NOT ITO", lambda has: (has("温县") or has("孟州市")) and has("发展") and not has("ITO")),
    ("NOT (吕沛 OR 官卫红)", lambda has: not (has("吕沛") or has("官卫红"))),
])
def test_boolean_queries_match_a_brute_force_scan(generated_archive: tuple[Archive, list[Record]], q: str,
                                                  expect: object) -> None:
    archive, records = generated_archive
    expected = {r.id for r in records if expect(lambda term, r=r: _contains(r, term))}  # type: ignore[operator]
    assert expected
    assert _ids(archive, q) == expected
    assert search(archive, SearchQuery(q=q)).total == len(expected)
