"""The search-core contract on both backends: the embedded Whoosh index and a real two-node Sphinx cluster.

Both hold the same archive: the sample pages through each backend's real ingest, plus
2,000 generated records (names inside longer words, digits and Latin inside words).
Every test runs on both and compares with a brute-force scan of the records; the last
ones compare the two backends' answers with each other.
"""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import ClusterBackend, SearchQuery, WhooshBackend
from indexer.cluster.ingest import write_records
from indexer.index.ingest import record_documents
from indexer.index.store import open_index
from indexer.newspaper.parse import parse_file
from indexer.records import Record
from helpers import (PAGES, LocalCluster, assert_valid, brute_facets, generated_records, record_contains,
                     searchable_texts)

SEEDS = sorted(PAGES.glob("0*_*.txt"))
BACKENDS = ("whoosh", "cluster")


_searchable = searchable_texts
_contains = record_contains


@pytest.fixture(scope="module")
def corpus() -> list[Record]:
    seeds = [r for p in SEEDS for r in parse_file(p).records]
    return seeds + generated_records(2000, seed=11)


@pytest.fixture(scope="module")
def backends(local_cluster: LocalCluster, tmp_path_factory: pytest.TempPathFactory,
             corpus: list[Record]) -> dict[str, object]:
    generated = [r for r in corpus if r.id.startswith("g")]
    by_source: dict[str, list[Record]] = defaultdict(list)
    for record in generated:
        by_source[record.source].append(record)
    index_dir = tmp_path_factory.mktemp("whoosh")
    whoosh = WhooshBackend(str(index_dir))
    cluster = ClusterBackend(local_cluster.url)
    for backend in (whoosh, cluster):
        report = backend.ingest([str(p) for p in SEEDS], workers=1)
        assert not report.skipped and report.records_added == len(corpus) - len(generated)
    writer = open_index(str(index_dir)).writer()
    for source, records in by_source.items():
        for n, record in enumerate(records):
            writer.add_document(**record_documents(record, n, f"/gen/{source}", "h"))
        write_records(cluster.cluster, f"/gen/{source}", records, "h")
    writer.commit()
    return {"whoosh": whoosh, "cluster": cluster}


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, backends: dict[str, object]):
    return backends[request.param]


def _ids(backend, q: str, **filters: object) -> set[str]:
    ids = [r.id for r in backend.iter_results(SearchQuery(q=q, sort="oldest", **filters))]
    assert len(ids) == len(set(ids))
    return set(ids)


# --- recall and precision ----------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["吕沛", "官卫红", "新能源", "工作汇报", "市科技局", "住建", "园区", "9244.2万元",
                                  "924", "ITO", "SOEC", "ｓｏｅｃ", "９２４", "25311", "0-6", "建光", "焦作日報", "5", "沛"])
def test_hard_cases_find_exactly_the_records_containing_them(backend, corpus: list[Record], term: str) -> None:
    expected = {r.id for r in corpus if _contains(r, term)}
    assert expected
    assert _ids(backend, term) == expected
    assert _ids(backend, f'"{term}"') == expected


def _draw(data: st.DataObject, records: list[Record], shortest: int, longest: int) -> tuple[Record, str]:
    record = data.draw(st.sampled_from(records))
    part = data.draw(st.sampled_from(_searchable(record)))
    length = data.draw(st.integers(shortest, longest))
    start = data.draw(st.integers(0, max(0, len(part) - length)))
    return record, part[start:start + length]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_recall_any_substring_finds_its_record_and_only_records_containing_it(backend, corpus: list[Record],
                                                                                 data: st.DataObject) -> None:
    record, term = _draw(data, corpus, 1, 8)
    if term.strip() and '"' not in term:
        found = _ids(backend, f'"{term}"')
        assert record.id in found, term
        assert found == {r.id for r in corpus if _contains(r, term)}, term


# --- facets, boolean queries, order ----------------------------------------------------------------

@pytest.mark.parametrize("term, filters", [
    ("", {}),
    ("项目", {}),
    ("吕沛", {"region": "示范区"}),
    ("科技", {"kind": "caption", "region": "温县"}),
    ("新能源", {"date_from": "2000-01-01", "date_to": "2010-12-31", "reporter": "王晓东"}),
    ("发展", {"section": "时评", "region": "焦作市", "kind": "article"}),
])
def test_facet_counts_match_a_brute_force_count(backend, corpus: list[Record], term: str,
                                                filters: dict[str, str]) -> None:
    page = backend.search(SearchQuery(q=term, **filters))
    expected, total = brute_facets(corpus, term, filters)
    for name, counts in expected.items():
        assert page.facets[name] == dict(counts), name
    assert page.total == total
    assert len(list(backend.iter_results(SearchQuery(q=term, **filters)))) == total


@pytest.mark.parametrize("q, expect", [
    ("项目 -吕沛", lambda has: has("项目") and not has("吕沛")),
    ("-吕沛", lambda has: not has("吕沛")),
    ("吕沛 OR -项目", lambda has: has("吕沛") or not has("项目")),
    ("(温县 OR 孟州市) 发展 NOT ITO", lambda has: (has("温县") or has("孟州市")) and has("发展") and not has("ITO")),
    ("NOT (吕沛 OR 官卫红)", lambda has: not (has("吕沛") or has("官卫红"))),
])
def test_boolean_queries_match_a_brute_force_scan(backend, corpus: list[Record], q: str, expect: object) -> None:
    expected = {r.id for r in corpus if expect(lambda term, r=r: _contains(r, term))}  # type: ignore[operator]
    assert expected
    assert _ids(backend, q) == expected
    assert backend.search(SearchQuery(q=q)).total == len(expected)


def test_field_prefixes_and_dates(backend, corpus: list[Record]) -> None:
    assert _ids(backend, "记者:徐金华") == {r.id for r in corpus if "徐金华" in r.reporters} != set()
    assert _ids(backend, "标题:吕沛") == {r.id for r in corpus if "吕沛" in r.title} != set()
    assert _ids(backend, "地区:温县") == {r.id for r in corpus if r.region == "温县"} != set()
    assert _ids(backend, "类型:图片") == {r.id for r in corpus if r.kind == "caption"} != set()
    dated = {r.id for r in corpus if (r.pub_date or "").startswith("2021-11")}
    assert _ids(backend, "日期:2021-11") == dated != set()
    assert _ids(backend, "date:2021-11-01..2021-11-30 吕沛") == dated & _ids(backend, "吕沛")


def test_sorting_and_stable_paging(backend) -> None:
    newest = [h.pub_date for p in (1, 2, 3) for h in backend.search(SearchQuery(q="项目", sort="newest", page=p)).hits]
    assert newest == sorted(newest, reverse=True)
    oldest = [h.pub_date for h in backend.search(SearchQuery(q="项目", sort="oldest")).hits]
    assert oldest == sorted(oldest)
    for sort in ("relevance", "newest"):
        pages = [h.id for p in range(1, 6) for h in backend.search(SearchQuery(q="项目", sort=sort, page=p,
                                                                               page_size=7)).hits]
        assert len(pages) == len(set(pages)) == 35
        assert pages == [h.id for h in backend.search(SearchQuery(q="项目", sort=sort, page_size=35)).hits]
        assert pages == [r.id for r in backend.iter_results(SearchQuery(q="项目", sort=sort))][:35]


def test_headline_matches_rank_first(backend, corpus: list[Record]) -> None:
    page = backend.search(SearchQuery(q="吕沛", page_size=10))
    assert sum(1 for r in corpus if "吕沛" in r.title) >= 10
    assert all("吕沛" in h.title for h in page.hits)


def test_snippets_mark_the_terms(backend) -> None:
    page = backend.search(SearchQuery(q="官卫红"))
    assert page.total > 0
    marked = [re.findall(r"<mark>(.*?)</mark>", hit.snippet_html + hit.title_html) for hit in page.hits]
    assert any(marked) and all(re.fullmatch("(官卫红)+", m) for marks in marked for m in marks)


# --- the two backends agree ----------------------------------------------------------------------------

QUERIES = [{"q": "巡察"}, {"q": "吕沛 OR 官卫红", "region": ("示范区", "温县")}, {"q": "924"},
           {"q": "科技 -巡察", "kind": ("caption",)}, {"q": "", "date_from": "2021-11-01", "date_to": "2021-11-30"},
           {"q": "记者:徐金 日期:2015..", "sort": "oldest"}, {"q": '"焦作 日报"', "sort": "newest", "page": 2}]


@pytest.mark.parametrize("params", QUERIES, ids=[str(p) for p in QUERIES])
def test_both_backends_give_the_same_page(backends: dict[str, object], params: dict[str, object]) -> None:
    """Totals, every facet, the result set; in date order the very same hits."""
    query = SearchQuery(**params)  # type: ignore[arg-type]
    w, c = (backends[name].search(query) for name in BACKENDS)  # type: ignore[attr-defined]
    assert (c.total, c.facets, c.understood, c.notes) == (w.total, w.facets, w.understood, w.notes)
    all_w, all_c = ([r.id for r in backends[name].iter_results(query)] for name in BACKENDS)  # type: ignore[attr-defined]
    assert set(all_c) == set(all_w) and len(all_c) == w.total
    if query.sort != "relevance" or not query.q:
        assert [h.to_dict() for h in c.hits] == [h.to_dict() for h in w.hits]


def test_browse_views_records_and_stats_agree(backends: dict[str, object]) -> None:
    w, c = backends["whoosh"], backends["cluster"]
    sw, sc = w.stats(), c.stats()  # type: ignore[attr-defined]
    assert sc.index_bytes > 0
    # latest_pages aside: a generated file holds records of many dates, and which one stands for the file
    # depends on the order records are stored in (real pages have one date a file; issues are compared below)
    assert {**sc.to_dict(), "index_bytes": 0, "latest_pages": 0} == {**sw.to_dict(), "index_bytes": 0, "latest_pages": 0}
    assert c.archive_calendar().to_dict() == w.archive_calendar().to_dict()  # type: ignore[attr-defined]
    assert c.archive_calendar(year="2021").to_dict() == w.archive_calendar(year="2021").to_dict()  # type: ignore[attr-defined]
    day = sw.latest_pages[0][0]
    issue = w.issue(day)  # type: ignore[attr-defined]
    assert c.issue(day).to_dict() == issue.to_dict()  # type: ignore[attr-defined]
    key = issue.to_dict()["pages"][0]["key"]
    assert c.issue_page(day, key).to_dict() == w.issue_page(day, key).to_dict()  # type: ignore[attr-defined]
    some = [h.id for h in w.search(SearchQuery(q="巡察", sort="newest")).hits][:3] + ["g00007"]  # type: ignore[attr-defined]
    for rid in some:
        rw, rc = w.get_record(rid, q="巡察"), c.get_record(rid, q="巡察")  # type: ignore[attr-defined]
        assert (rc.record, rc.body_html, rc.title_html) == (rw.record, rw.body_html, rw.title_html)
        assert [h.id for h in rc.same_page] == [h.id for h in rw.same_page]
        assert rid not in {h.id for h in rc.related}
        assert c.record_position(rid).to_dict() == w.record_position(rid).to_dict()  # type: ignore[attr-defined]
    assert c.get_records(some) == w.get_records(some)  # type: ignore[attr-defined]


# --- the site and API on the cluster -------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster_client(local_cluster: LocalCluster, backends: dict[str, object]):
    from webapp import create_app

    return create_app({"TESTING": True, "BACKEND": local_cluster.url, "INDEX_DIR": "/nonexistent"}).test_client()


def test_api_responses_on_the_cluster_are_valid_against_the_openapi_document(cluster_client) -> None:
    openapi = cluster_client.get("/api/openapi.json").json
    page = cluster_client.get("/api/search", query_string={"q": "吕沛", "region": "示范区", "page_size": 5}).json
    assert_valid(openapi, "SearchPage", page)
    assert page["total"] > 0
    rid = page["hits"][0]["id"]
    assert_valid(openapi, "RecordPage", cluster_client.get(f"/api/records/{rid}", query_string={"q": "巡察"}).json)
    stats = cluster_client.get("/api/stats").json
    assert_valid(openapi, "Stats", stats)
    assert_valid(openapi, "ArchiveCalendar", cluster_client.get("/api/issues").json)
    day = stats["latest_pages"][0]["date"]
    issue = cluster_client.get(f"/api/issues/{day}").json
    assert_valid(openapi, "Issue", issue)
    assert_valid(openapi, "IssuePage", cluster_client.get(f"/api/issues/{day}/{issue['pages'][0]['key']}").json)
    missing = cluster_client.get("/api/records/nosuchid")
    assert missing.status_code == 404
    assert_valid(openapi, "Error", missing.json)


def test_export_and_pages_on_the_cluster(cluster_client) -> None:
    total = cluster_client.get("/api/search", query_string={"q": "项目"}).json["total"]
    rows = list(csv.reader(io.StringIO(cluster_client.get("/export.csv", query_string={"q": "项目"}).text.lstrip("\ufeff"))))
    assert len(rows) - 1 == total > 20
    html = cluster_client.get("/search", query_string={"q": "吕沛"})
    assert html.status_code == 200 and "<mark>吕沛</mark>" in html.text
    assert cluster_client.get("/issues").status_code == 200


def test_unknown_backend_is_a_clear_error(tmp_path: Path) -> None:
    from indexer import InvalidInput, open_backend

    with pytest.raises(InvalidInput, match="未知的检索后端"):
        open_backend("elastic://localhost:9200")
    assert isinstance(open_backend("whoosh:" + str(tmp_path)), WhooshBackend)


# --- the engine path: exact queries filtered, counted and ordered by the engine --------------------------

ENGINE_QUERIES = [
    {"q": "项目"}, {"q": "项目", "sort": "newest", "page": 3, "page_size": 7}, {"q": "项目", "sort": "oldest"},
    {"q": "吕沛", "region": ("示范区", "温县"), "kind": ("article",)},
    {"q": "科技", "reporter": ("王晓东", "徐金华"), "date_from": "2000-01-01", "date_to": "2015-12-31"},
    {"q": "发展", "section": ("时评",), "region": ("焦作市",), "kind": ("article", "caption"), "sort": "newest"},
    {"q": "发展", "date_from": "2021-11-01", "date_to": "2021-11-30"},  # one month: the day facet too
    {"q": "项目 -吕沛", "sort": "oldest", "page": 2}, {"q": "(温县 OR 孟州市) 发展", "sort": "newest"},
    {"q": "吕沛 OR 官卫红", "photographer": ("叶华", "刘明")}, {"q": "标题:吕沛 记者:王晓东"}, {"q": "地区:温县 项目"},
    {"q": "类型:图片 科技", "sort": "newest"}, {"q": "日期:2021 项目"}, {"q": "日期:2010..2020", "sort": "oldest"},
    {"q": "", "region": ("温县",)}, {"q": "", "sort": "oldest", "page": 40}, {"q": "沛"},
    {"q": '"市科技局"'}, {"q": "焦作日報"}, {"q": "不存在的词语"},
    {"q": "发展", "correspondent": ("不存在",), "sort": "newest"},
]


def _text_terms(q: str) -> int:
    """How many text terms (not kind terms or dates) a query has."""
    from indexer.searching.querylang import Text, parse_query

    def walk(node: object) -> int:
        if isinstance(node, Text):
            return int(node.field != "kind")
        return sum(walk(c) for c in getattr(node, "children", ())) + (walk(node.child) if hasattr(node, "child") else 0)

    return walk(parse_query(q).tree)


@pytest.fixture(scope="module")
def candidates(local_cluster: LocalCluster, backends: dict[str, object]) -> ClusterBackend:
    """The same cluster searched by the candidates-and-check path alone (every matching id fetched)."""
    backend = ClusterBackend(local_cluster.url)
    backend.archive.engine = False
    return backend


@pytest.mark.parametrize("params", ENGINE_QUERIES, ids=[str(p) for p in ENGINE_QUERIES])
def test_the_engine_path_gives_what_the_candidates_path_and_whoosh_give(backends: dict[str, object],
                                                                          candidates: ClusterBackend,
                                                                          params: dict[str, object]) -> None:
    query = SearchQuery(**params)  # type: ignore[arg-type]
    engine: ClusterBackend = backends["cluster"]  # type: ignore[assignment]
    before = engine.archive.counters["engine_searches"]
    e = engine.search(query)
    assert engine.archive.counters["engine_searches"] == before + 1, "not answered by the engine"
    c, w = candidates.search(query), backends["whoosh"].search(query)  # type: ignore[attr-defined]
    assert (e.total, e.facets) == (c.total, c.facets) == (w.total, w.facets)
    assert e.understood == w.understood and e.sort == w.sort
    if query.sort != "relevance" or not query.q:
        assert [h.to_dict() for h in e.hits] == [h.to_dict() for h in c.hits] == [h.to_dict() for h in w.hits]
    elif _text_terms(query.q) == 1:  # one term: the engine's weight is the candidates path's, so the same order
        assert [h.id for h in e.hits] == [h.id for h in c.hits]
    # both ways of counting: from the facet rows of few matches (most of these), and by the engine's GROUP BY
    from indexer.cluster.engine import engine_plan, run_plan
    from indexer.searching.querylang import parse_query

    start = (query.page - 1) * query.page_size
    plan = engine_plan(parse_query(query.q), query, start + query.page_size)
    assert plan is not None
    rows_here = run_plan(engine.cluster, plan, query, start, query.page_size, few=5000)
    grouped = run_plan(engine.cluster, plan, query, start, query.page_size, few=0)
    assert rows_here is not None and grouped is not None and grouped.facet_rows == 0
    assert (rows_here.total, rows_here.facets, rows_here.ids) == (grouped.total, grouped.facets, grouped.ids)
    assert grouped.facets == w.facets
    exported = [r.id for r in engine.iter_results(query)]
    assert len(exported) == len(set(exported)) == e.total
    assert set(exported) == {r.id for r in candidates.iter_results(query)}
    if query.sort != "relevance" or not query.q:
        assert exported == [r.id for r in backends["whoosh"].iter_results(query)]  # type: ignore[attr-defined]
    assert exported[start:start + query.page_size] == [h.id for h in e.hits]


def test_an_exact_search_holds_no_facet_rows_and_receives_only_its_page(local_cluster: LocalCluster,
                                                                        backends: dict[str, object]) -> None:
    """The point of the engine path: this process gets the page's ids, not every match's, and never reads
    every record's facet row; a Latin term still takes the candidates path (and reads them)."""
    from indexer.cluster.engine import FEW

    backend = ClusterBackend(local_cluster.url)
    page = backend.search(SearchQuery(q="项目", region=("温县",), sort="newest", page_size=10))
    rare = backend.search(SearchQuery(q="标题:吕沛 记者:王晓东"))
    everything = backend.search(SearchQuery(q="", kind=("article",)))
    assert backend.archive._snap is None  # no facet rows read
    # 项目 (before its filter) and the whole archive match more than FEW records: counted by the engine,
    # only the page comes back; the rare query's few matches come back with their facet rows, counted here
    assert page.total > 10 and everything.total > FEW and backend.search(SearchQuery(q="项目")).total > FEW
    assert 0 < rare.total <= FEW
    # (the pages of the three large searches brought their records inline; the rare one's are asked by id)
    assert backend.archive.counters == {"engine_searches": 4, "ids_fetched": 10 + rare.total + 20 + 20,
                                        "facet_rows_fetched": rare.total, "records_fetched": min(rare.total, 20)}
    latin = backend.search(SearchQuery(q="ITO"))
    assert latin.total > 0 and backend.archive._snap is not None
    assert backend.archive.counters["candidate_searches"] == 1
    assert backend.archive.counters["ids_fetched"] >= 30 + latin.total


def test_facets_with_more_groups_than_first_asked_are_asked_again(backends: dict[str, object]) -> None:
    """A shard returns at most max_matches groups: a facet answering that many is asked again with more,
    and past the bound the search is left to the candidates path (None), never counted short."""
    from indexer.cluster.engine import engine_plan, run_plan
    from indexer.searching.querylang import parse_query

    engine: ClusterBackend = backends["cluster"]  # type: ignore[assignment]
    query = SearchQuery(q="发展", region=("温县", "示范区"))
    plan = engine_plan(parse_query(query.q), query, 20)
    assert plan is not None
    full = run_plan(engine.cluster, plan, query, 0, 20, few=0)
    assert full is not None and len(full.facets["month"]) > 20 and len(full.facets["reporter"]) > 2
    retried = run_plan(engine.cluster, plan, query, 0, 20, groups=2, max_groups=20_000, few=0)
    assert retried is not None and (retried.total, retried.facets, retried.ids) == (full.total, full.facets, full.ids)
    assert run_plan(engine.cluster, plan, query, 0, 20, groups=2, max_groups=20, few=0) is None


@pytest.mark.parametrize("q, why", [("924", "digits"), ("-吕沛", "only a negative term"),
                                    ("吕沛 OR 类型:图片", "a kind term inside OR"), ("ITO 项目", "Latin letters")])
def test_queries_the_engine_cannot_match_exactly_take_the_candidates_path(q: str, why: str) -> None:
    from indexer.cluster.engine import engine_plan
    from indexer.searching.querylang import parse_query

    assert engine_plan(parse_query(q), SearchQuery(q=q), 20) is None, why
    assert engine_plan(parse_query("项目"), SearchQuery(q="项目", page=6000), 120_000) is None  # past the depth


def test_stats_from_the_engine_equal_the_facet_rows_count(local_cluster: LocalCluster,
                                                          backends: dict[str, object]) -> None:
    """``stats()`` asks the engine (the site's home page and region check read no facet rows); its figures are
    those ``snapshot_stats`` counts over every facet row, the newest page files included."""
    from indexer.searching.stats import snapshot_stats

    backend = ClusterBackend(local_cluster.url)
    engine = backend.stats()
    assert backend.archive._snap is None
    rows = snapshot_stats(backend.archive.snapshot(), engine.index_bytes)
    assert engine == rows and engine.records > 2000 and len(engine.latest_pages) == 8
    for latest in (1, 3, 40):
        backend.archive._gen = None  # a fresh generation: nothing cached
        assert backend.stats(latest).latest_pages == snapshot_stats(backend.archive.snapshot(), 0, latest).latest_pages


def test_the_site_searches_the_cluster_without_reading_facet_rows(local_cluster: LocalCluster,
                                                                  backends: dict[str, object]) -> None:
    """The home page, a filtered search (its region checked against the archive's) and its JSON twin: all
    answered by the engine; the web process never reads every record's facet row for them."""
    from webapp import create_app

    app = create_app({"TESTING": True, "BACKEND": local_cluster.url, "INDEX_DIR": "/nonexistent"})
    client = app.test_client()
    assert client.get("/").status_code == 200
    html = client.get("/search", query_string={"q": "项目", "region": "温县", "sort": "newest"})
    api = client.get("/api/search", query_string={"q": "发展", "region": ["温县", "示范区"]}).json
    assert html.status_code == 200 and "<mark>项目</mark>" in html.text and api["total"] > 0
    backend = app.extensions["baokan.backend"]
    assert backend.archive._snap is None
    assert backend.archive.counters["engine_searches"] == 2 and not backend.archive.counters["candidate_searches"]
