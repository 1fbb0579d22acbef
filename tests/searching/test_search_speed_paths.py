"""The vectorised query path gives exactly what the per-document Whoosh path gave.

A multi-segment index (small segments use Whoosh's array union, deletions wrap
postings in a filter) is searched both ways: matches against
``docs_for_query``, ranking scores against Whoosh's own collector (same floats,
same order), facets and result order against a straightforward re-implementation
of the original row-by-row code. Plus the per-snapshot result cache: paging
agrees with a fresh search, and a new ingest is seen at once.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from whoosh import collectors

import indexer.searching.cache as cache_mod
import indexer.searching.facets as facets_mod
from indexer.index.ingest import record_documents
from indexer.index.whoosh_internals import reader_cache
from indexer.searching.querylang import parse_query
from indexer.records import Record
from indexer.index.schema import FILE_MARKER
from indexer.searching.ranking import ranking_query
from indexer.searching.service import SearchQuery, ordered_matches, search
from indexer.searching.translate import to_whoosh
from indexer.index.store import create_or_open_index, current_settings
from indexer.searching.snapshot import Archive
from indexer.searching import vecmatch
from indexer.searching.vecmatch import query_docnums, query_scores
from helpers import generated_records as _generated_records

QUERIES = ["发展", "科技 企业", "项目", "焦作", "工作 OR 企业", "(发展 OR 项目) 企业", "市", "建设 -项目",
           "标题:发展", "记者:李", "日期:2000..", "\"重点项目\"", "文化传", "企业 -科技 -发展", "zzz没有"]
FILTERS = [{}, {"region": "温县"}, {"kind": "caption"}, {"date_from": "2000-01-01", "date_to": "2010-12-31"},
           {"region": "孟州市", "kind": "article"},
           # several values of one filter: any of them
           {"region": ("温县", "孟州市")}, {"region": ("温县", "孟州市"), "kind": ("article", "caption")},
           # one month: its days are counted
           {"date_from": "2005-03-01", "date_to": "2005-03-31"}]


def _add(index_dir: Path, records: list[Record], start: int, delete: list[str] = (), compound: bool = False) -> None:
    ix = create_or_open_index(index_dir, current_settings("0" * 64))
    writer = ix.writer(limitmb=64, compound=compound)
    for rid in delete:
        writer.delete_by_term("id", rid)
    for n, record in enumerate(records):
        writer.add_document(**record_documents(record, (start + n) % 7, f"/gen/{record.source}", "h"))
    writer.commit(merge=False)


@pytest.fixture(scope="module")
def multi_segment(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, list[Record]]:
    index_dir = tmp_path_factory.mktemp("multi-segment")
    records = _generated_records(1500, seed=11)
    cuts = [0, 700, 1100, 1350, 1500]
    for i, (a, b) in enumerate(zip(cuts, cuts[1:])):
        # the last segment compound (match texts read through Whoosh), the others plain files (memory-mapped)
        _add(index_dir, records[a:b], a, delete=[r.id for r in records[:a:37]] if i == 3 else [], compound=i == 3)
    archive = Archive(index_dir)
    leaves = archive.snapshot().searcher.ixreader.leaf_readers()
    assert len(leaves) == 4 and any(reader.has_deletions() for reader, _ in leaves)
    deleted = {r.id for r in records[:1350:37]}
    return archive, [r for r in records if r.id not in deleted]


@pytest.mark.parametrize("q", QUERIES)
def test_matches_and_scores_are_whooshs(multi_segment: tuple[Archive, list[Record]], q: str) -> None:
    _assert_matches_and_scores_are_whooshs(multi_segment[0].snapshot().searcher, q)


def test_the_postings_cache_changes_no_match_and_no_score(multi_segment: tuple[Archive, list[Record]],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Every term's postings cached (the size floor lowered to 0): a first pass fills the cache, a
    second reads only from it, matchers that intersections moved on included; both equal Whoosh."""
    monkeypatch.setattr(vecmatch, "POSTINGS_CACHE_MIN_BYTES", 0)
    vecmatch.clear_postings_cache()
    searcher = multi_segment[0].snapshot().searcher
    for q in QUERIES:
        _assert_matches_and_scores_are_whooshs(searcher, q)
    filled = vecmatch.postings_cache_entries()
    assert filled > 50
    for q in QUERIES:
        _assert_matches_and_scores_are_whooshs(searcher, q)
    assert vecmatch.postings_cache_entries() == filled  # the second pass read nothing new
    vecmatch.clear_postings_cache()


def _assert_matches_and_scores_are_whooshs(searcher, q: str) -> None:
    parsed = parse_query(q)
    mq = to_whoosh(parsed.tree)
    got = query_docnums(searcher, mq)
    whoosh_docs = np.array(list(searcher.docs_for_query(mq)), dtype=np.int64)
    if "-" in q:
        # Whoosh's AndNotMatcher never checks its first positive document against the
        # exclusion when the exclusion starts lower (a false positive per segment); the
        # arrays give the set difference itself.
        assert set(got.tolist()) <= set(whoosh_docs.tolist())
    else:
        assert got.tolist() == whoosh_docs.tolist()
    ranking = ranking_query(parsed)
    if ranking is None:
        return
    collector = collectors.UnlimitedCollector()
    collector.replace = 0
    searcher.search_with_collector(ranking, collector)
    expected = [(hit.docnum, hit.score) for hit in collector.results()]
    ids, scores = query_scores(searcher, ranking)
    order = np.lexsort((ids, -scores))
    assert list(zip(ids[order].tolist(), scores[order].tolist())) == expected  # exact floats


def _reference(archive: Archive, query: SearchQuery, need: int | None) -> tuple[int, list[int], dict]:
    """The original row-by-row algorithm (Counter facets, Whoosh collector ranking, Python sorts)."""
    snap = archive.snapshot()
    rows, searcher = snap.rows, snap.searcher
    parsed = parse_query(query.q)
    if parsed.tree is None:
        docs = [d for d in searcher.ixreader.all_doc_ids()]
    else:
        docs = query_docnums(searcher, to_whoosh(parsed.tree)).tolist()
    preds = {}
    if query.region:
        preds["region"] = lambda r: r[1] in query.region
    if query.kind:
        preds["kind"] = lambda r: r[0] in query.kind
    if query.date_from or query.date_to:
        lo, hi = query.date_from or "0000", query.date_to or "9999"
        preds["date"] = lambda r: r[2] is not None and lo <= r[2] <= hi
    hides = {"region": ("region",), "kind": ("kind",), "date": ("year", "month", "day")}
    counters = {name: Counter() for name in facets_mod.FACETS}
    passed = []
    for d in docs:
        row = rows[d]
        if row[0] == FILE_MARKER:
            continue
        failed = [name for name, pred in preds.items() if not pred(row)]
        if len(failed) > 1:
            continue
        want = hides[failed[0]] if failed else facets_mod.FACETS
        if not failed:
            passed.append(d)
        kind, region, date, reporters, section = row[:5]
        if "kind" in want:
            counters["kind"][kind] += 1
        if region and "region" in want:
            counters["region"][region] += 1
        if date and "year" in want:
            counters["year"][date[:4]] += 1
        if date and "month" in want:
            counters["month"][date[:7]] += 1
        if date and "day" in want:
            counters["day"][date] += 1  # kept below for the one month in the date range only
        for facet, names in (("reporter", reporters), ("photographer", row[8]), ("correspondent", row[9])):
            if facet in want:
                for name in names:
                    counters[facet][name] += 1
        if section and "section" in want:
            counters["section"][section] += 1
    lo, hi = (query.date_from or "0000")[:7], (query.date_to or "9999")[:7]
    months_in = [m for m in counters["month"] if lo <= m <= hi]
    counters["day"] = Counter({d: n for d, n in counters["day"].items()
                               if len(months_in) == 1 and d.startswith(months_in[0])})
    facets = {}
    for name, counter in counters.items():
        ordered = sorted(counter.items(), reverse=True) if name in ("year", "month", "day") \
            else sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        limit = facets_mod.FACET_LIMITS.get(name)
        facets[name] = dict(ordered[:limit] if limit else ordered)

    def by_date(ds: list[int], newest: bool) -> list[int]:
        out = sorted(ds, key=lambda d: (rows[d][5], rows[d][6]))
        out.sort(key=lambda d: rows[d][2] or "", reverse=newest)
        return out

    sort = query.sort if parsed.tree is not None or query.sort != "relevance" else "newest"
    if sort != "relevance":
        return len(passed), by_date(passed, sort == "newest"), facets
    ranking = ranking_query(parsed)
    ranked: list[int] = []
    if ranking is not None and passed:
        inner = collectors.UnlimitedCollector() if need is None else \
            collectors.TopCollector(limit=need, usequality=False, replace=0)
        inner.replace = 0
        collector = collectors.FilterCollector(inner, allow=set(passed))
        searcher.search_with_collector(ranking, collector)
        ranked = [hit.docnum for hit in collector.results()]
    if need is None or len(ranked) < need:
        seen = set(ranked)
        ranked += [d for d in by_date(passed, True) if d not in seen]
    return len(passed), ranked, facets


@pytest.mark.parametrize("q", [q for q in QUERIES if "-" not in q] + [""])
@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_totals_facets_and_order_are_the_original_ones(multi_segment: tuple[Archive, list[Record]], q: str,
                                                       filters: dict[str, str], sort: str) -> None:
    archive, _ = multi_segment
    for need in (20, 200, None):
        query = SearchQuery(q=q, sort=sort, **filters)
        total, ordered, facets = _reference(archive, query, need)
        got_total, got_ordered, got_facets, _ = ordered_matches(archive.snapshot(), query, parse_query(q), need)
        assert got_total == total
        assert got_facets == facets
        assert list(got_facets["region"]) == list(facets["region"])  # same order of values too
        n = need if need is not None else len(ordered)
        assert got_ordered[:n].tolist() == ordered[:n]


def test_cache_gives_the_same_pages_and_sees_a_new_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _generated_records(400, seed=5)
    _add(tmp_path, records[:300], 0)
    archive = Archive(tmp_path)
    pages = [search(archive, SearchQuery(q="发展", page=p, page_size=10)) for p in (1, 2, 3, 1)]
    monkeypatch.setattr(cache_mod, "RESULT_CACHE_ENTRIES", 0)
    fresh = [search(archive, SearchQuery(q="发展", page=p, page_size=10)) for p in (1, 2, 3, 1)]
    assert [[h.id for h in p.hits] for p in pages] == [[h.id for h in p.hits] for p in fresh]
    assert [p.facets for p in pages] == [p.facets for p in fresh]
    monkeypatch.setattr(cache_mod, "RESULT_CACHE_ENTRIES", 16)
    before = search(archive, SearchQuery(q="发展")).total
    expected_new = sum("发展" in (r.title + r.body) for r in records[300:])
    assert expected_new
    _add(tmp_path, records[300:], 300)  # a new ingest commits: the next search must count its records
    after = search(archive, SearchQuery(q="发展"))
    assert after.total >= before + expected_new
    monkeypatch.setattr(cache_mod, "RESULT_CACHE_ENTRIES", 0)
    assert search(archive, SearchQuery(q="发展")).total == after.total


def test_cache_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _add(tmp_path, _generated_records(200, seed=3), 0)
    archive = Archive(tmp_path)
    monkeypatch.setattr(cache_mod, "RESULT_CACHE_ENTRIES", 3)
    for q in ["发展", "项目", "企业", "科技", "工作", "焦作"]:
        search(archive, SearchQuery(q=q))
    assert len(archive.snapshot().cache) <= 3
    monkeypatch.setattr(cache_mod, "RESULT_CACHE_DOCS", 1)
    search(archive, SearchQuery(q="市"))
    assert len(archive.snapshot().cache) == 1


def test_a_cached_term_read_by_a_matcher_that_moved_on_starts_where_it_stands(
        multi_segment: tuple[Archive, list[Record]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vecmatch, "POSTINGS_CACHE_MIN_BYTES", 0)
    vecmatch.clear_postings_cache()
    searcher = multi_segment[0].snapshot().searcher
    sub = searcher.leaf_searchers()[0][0]
    seg = vecmatch.segment_key(sub.reader())
    [(_, term)] = sub.reader().most_frequent_terms("words", 1)
    everything = list(sub.postings("words", term).all_ids())
    assert len(everything) > 20
    for cached in (False, True):
        m = sub.postings("words", term)
        m.skip_to(everything[len(everything) // 2])
        assert vecmatch.match_ids(m, seg).tolist() == everything[len(everything) // 2:]
        assert vecmatch.postings_cache_entries() == 1  # the first read put the whole list in the cache, the second used it
    vecmatch.clear_postings_cache()


def test_match_texts_read_in_place_are_the_columns_bytes(multi_segment: tuple[Archive, list[Record]]) -> None:
    from indexer.searching.substring import match_column

    searcher = multi_segment[0].snapshot().searcher
    checked = 0
    mapped = []
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        for name in ("text_match", "title_match"):
            texts = match_column(reader, name)
            assert texts is not None
            mapped.append(texts._map is not None)
            column = reader.column_reader(name)
            for docnum in range(reader.doc_count_all()):
                data = bytes(column[docnum])
                assert texts.text(docnum) == data
                if len(data) > 12:
                    assert texts.contains(docnum, data[3:9]) and texts.contains(docnum, data[-6:])
                    assert not texts.contains(docnum, data[-6:] + b"\xff")
                checked += 1
    assert checked > 2000 and mapped == [True] * 6 + [False] * 2  # both paths checked


def test_closing_an_archive_unmaps_its_match_texts(multi_segment: tuple[Archive, list[Record]]) -> None:
    archive = Archive(multi_segment[0].index_dir)
    needle = "".join(multi_segment[1][0].body.split())[10:14]
    assert search(archive, SearchQuery(q=needle)).total > 0  # 3+ characters: match texts read
    readers = [reader for reader, _ in archive.snapshot().searcher.ixreader.leaf_readers()]
    maps = [texts._map for reader in readers for texts in reader_cache(reader, "columns").values()
            if texts is not None and texts._map is not None]
    assert maps and not any(m.closed for m in maps)
    archive.close()
    assert all(m.closed for m in maps)  # the files' space is freed once a compaction deletes them


def test_a_person_facet_over_its_limit_keeps_the_original_top_names(tmp_path: Path) -> None:
    """260 reporters, many tied at the 100th place: the cut to the top 100 keeps the original's names and order."""
    from dataclasses import replace

    base = _generated_records(300, seed=3)
    records = []
    for k in range(260):  # reporter k signs k % 7 + 1 records
        for _ in range(k % 7 + 1):
            n = len(records)
            records.append(replace(base[n % len(base)], id=f"many{n:05d}", source=f"many/{n:05d}.txt",
                                   reporters=(f"记者{k:03d}",)))
    _add(tmp_path, records, 0)
    archive = Archive(tmp_path)
    for q, filters in (("", {}), ("发展", {}), ("", {"region": "温县"})):
        query = SearchQuery(q=q, **filters)
        _, _, facets = _reference(archive, query, None)
        got = search(archive, query).facets["reporter"]
        assert len(facets["reporter"]) == 100 and list(got.items()) == list(facets["reporter"].items())


def test_facet_rows_decoded_in_chunks_are_each_documents_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot's rows (parsed a chunk at a time) equal each document's row decoded on its own."""
    import indexer.index.facetfile as facetfile_mod
    from indexer.index.schema import decode_facets
    from indexer.searching.facets import FacetRow

    _add(tmp_path, _generated_records(60, seed=8), 0)
    monkeypatch.setattr(facetfile_mod, "DECODE_CHUNK", 7)  # 60 rows: eight full chunks and a remainder
    snap = Archive(tmp_path).snapshot()
    expected = [FacetRow.from_values(decode_facets(raw))
                for reader, _ in snap.searcher.ixreader.leaf_readers() for raw in reader.column_reader("facets")]
    assert len(expected) == 60 and snap.rows == expected
