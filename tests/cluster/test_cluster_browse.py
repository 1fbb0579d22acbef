"""The browse views and record pages on a real two-node cluster, asked of the engine (``indexer.cluster.browse``).

Both backends hold the same archive: the sample pages and the browse pages of the site's
tests (pages numbered out of file-name order, a second edition of page 1, a page without
a label, an undated page) through each backend's real ingest, plus generated records
(files whose records carry many dates, so a day's pages sit on both shards) and a page of
undated records. The calendar, every issue, every page, every record's place, record pages
and ticked-record exports must equal the Whoosh backend's, and the web process must receive
only the rows a view shows: never every record's facet row.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from indexer import ClusterBackend, SearchQuery, WhooshBackend
from indexer.cluster.ingest import shard_of, write_records
from indexer.errors import BaokanError
from indexer.index.ingest import record_documents
from indexer.index.store import open_index
from indexer.records import Record
from helpers import BROWSE_PAGES, ISSUE_DAY, ISSUE_KEYS, PAGES, LocalCluster, browse_page_text, generated_records

# the browse pages' keys of that day, and the unlabelled sample page 004 of the same day (a file name sorts it)
KEYS = [*ISSUE_KEYS[:4], "004_16b43a71a00cea4c", *ISSUE_KEYS[4:]]


def _extra_records() -> dict[str, list[Record]]:
    """Generated pages: records of many dates a file; a file of undated records; a two-character headline."""
    by_file: dict[str, list[Record]] = defaultdict(list)
    for record in generated_records(300, seed=23):
        by_file[f"/gen/{record.source}"].append(record)
    undated = generated_records(4, seed=5)
    by_file["/gen/undated.txt"] = [replace(r, id=f"u{n}", pub_date=None, source="undated.txt")
                                   for n, r in enumerate(undated)]
    # a headline of two characters: the related records' quorum is both of them
    by_file["/gen/short.txt"] = [replace(undated[0], id="s0", title="春耕", pub_date="2022-03-05", source="short.txt")]
    return by_file


@pytest.fixture(scope="module")
def backends(local_cluster: LocalCluster, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    pages = tmp_path_factory.mktemp("pages")
    for name, (date, label, records) in BROWSE_PAGES.items():
        (pages / name).write_text(browse_page_text(date, label, records), "utf-8")
    files = [str(p) for p in sorted(PAGES.glob("0*_*.txt"))] + [str(p) for p in sorted(pages.iterdir())]
    index_dir = tmp_path_factory.mktemp("whoosh")
    whoosh, cluster = WhooshBackend(str(index_dir)), ClusterBackend(local_cluster.url)
    for backend in (whoosh, cluster):
        report = backend.ingest(files, workers=1)
        assert not report.skipped and report.records_added > 40
    writer = open_index(str(index_dir)).writer()
    for key, records in _extra_records().items():
        for n, record in enumerate(records):
            writer.add_document(**record_documents(record, n, key, "h"))
        write_records(cluster.cluster, key, records, "h")
    writer.commit()
    return {"whoosh": whoosh, "cluster": cluster}


def _answer(call) -> object:
    """What a backend call gives: its object as a dict, or its error's kind and message."""
    try:
        value = call()
    except BaokanError as exc:
        return type(exc).__name__, str(exc)
    return value.to_dict() if hasattr(value, "to_dict") else value


def _fresh(url: str, engine: bool = True) -> ClusterBackend:
    backend = ClusterBackend(url)
    backend.archive.engine = engine
    return backend


def test_browse_views_equal_the_whoosh_backends_and_read_no_facet_rows(local_cluster: LocalCluster,
                                                                       backends: dict[str, object]) -> None:
    """Every view on the test corpus, errors included, as the Whoosh backend gives it; the cluster backend's
    process never reads every record's facet row for them (it did before: ``ClusterSnapshot``)."""
    whoosh: WhooshBackend = backends["whoosh"]  # type: ignore[assignment]
    cluster = _fresh(local_cluster.url)
    before = _fresh(local_cluster.url, engine=False)  # every record's facet row: the Whoosh path's own code
    checked = 0

    def same(view, *args, old: bool = False) -> None:
        nonlocal checked
        expected = _answer(lambda: view(whoosh)(*args))
        assert _answer(lambda: view(cluster)(*args)) == expected, (args, expected)
        if old:
            assert _answer(lambda: view(before)(*args)) == expected, args
        checked += 1

    calendar = whoosh.archive_calendar()
    years = [y.year for y in calendar.years]
    dates = sorted(d.date for y in years for m in whoosh.archive_calendar(year=y).months for d in m.days)
    assert len(dates) > 100 and calendar.undated == 5  # the undated page's record and the undated file's four
    for year, date in [(None, None), *((y, None) for y in years), ("1990", None), ("2030", None), ("20x1", None),
                       (None, ISSUE_DAY), (None, "2021-11-14"), (None, "1900-01-01"), (None, "2100-01-01"),
                       (years[-1], ISSUE_DAY), (None, "2021/11/13"), (None, "2021-02-30")]:
        same(lambda b: b.archive_calendar, year, date, old=True)
    for date in dates + ["2021-11-14", "1900-01-01", "2100-01-01", "2021-02-30", "13-11-2021"]:
        same(lambda b: b.issue, date)
    issue = whoosh.issue(ISSUE_DAY)
    assert [p.key for p in issue.pages] == KEYS
    same(lambda b: b.issue, ISSUE_DAY, old=True)
    for date in [ISSUE_DAY, *dates[::9]]:
        for page in whoosh.issue(date).pages:
            same(lambda b: b.issue_page, date, page.key, old=date == ISSUE_DAY)
            for entry in page.entries:
                same(lambda b: b.record_position, entry.id)
                same(lambda b: lambda rid: {**b.get_record(rid, q="温县").to_dict(), "related": 0}, entry.id)
        same(lambda b: b.issue_page, date, "99")
    undated = [r.id for r in whoosh.get_records(["u0", "u1", "u2", "u3"])]
    undated_page = next(e.id for e in whoosh.search(SearchQuery(q="云台山景区")).hits)
    for rid in [*undated, undated_page, "s0"]:
        same(lambda b: b.record_position, rid, old=True)
        same(lambda b: lambda r: {**b.get_record(r, q="").to_dict(), "related": 0}, rid)
    for rid in ("nosuchid", "g0000#1", "u9"):
        same(lambda b: b.record_position, rid)
        same(lambda b: b.get_record, rid)
    same(lambda b: b.get_records, ["g00001", "u2", "g00001", "s0"], old=True)
    same(lambda b: b.get_records, ["g00001", "nosuchid"])
    assert checked > 300
    assert cluster.archive._snap is None, "a browse view read every record's facet row"
    assert before.archive._snap is not None


def test_each_browse_view_receives_only_the_rows_it_shows(local_cluster: LocalCluster,
                                                          backends: dict[str, object]) -> None:
    """Counted by the cluster backend: the calendar one row a day; an issue, its pages and its records' places
    that day's records (and one record of each neighbouring issue); a record page its page file's records and
    its related ones; a ticked export the records ticked. Before, the first of them read every record's facet
    row (``facet_rows_fetched`` = the whole archive)."""
    whoosh: WhooshBackend = backends["whoosh"]  # type: ignore[assignment]
    archive_size = whoosh.stats().records
    cluster = _fresh(local_cluster.url)
    counters = cluster.archive.counters

    calendar = cluster.archive_calendar(year="2021")
    days = sum(y.issues for y in calendar.years)
    assert counters["groups_fetched"] == days < archive_size
    assert counters["facet_rows_fetched"] == counters["records_fetched"] == 0
    cluster.archive_calendar(date=ISSUE_DAY)  # the same day counts, kept for this generation
    assert counters["groups_fetched"] == days

    issue = cluster.issue(ISSUE_DAY)
    on_the_day = issue.records
    assert on_the_day == whoosh.issue(ISSUE_DAY).records > 5
    assert counters["records_fetched"] == on_the_day
    assert counters["facet_rows_fetched"] == on_the_day + 2  # the issues before and after: one record each
    for page in issue.pages:  # the same window: nothing more comes back
        cluster.issue_page(ISSUE_DAY, page.key)
        for entry in page.entries:
            cluster.record_position(entry.id)
    assert (counters["facet_rows_fetched"], counters["records_fetched"]) == (on_the_day + 2, on_the_day)

    seen = dict(counters)
    page = issue.pages[KEYS.index("3")]
    record = cluster.get_record(page.entries[0].id)
    related = len(record.related)
    assert len(record.same_page) == len(page.entries) - 1 and related <= 5
    assert counters["facet_rows_fetched"] - seen["facet_rows_fetched"] == len(page.entries)
    assert counters["records_fetched"] - seen["records_fetched"] <= len(page.entries) + related

    seen = dict(counters)
    assert [r.id for r in cluster.get_records(["g00003", "u1"])] == ["g00003", "u1"]
    assert counters["records_fetched"] - seen["records_fetched"] <= 2  # (none if a related list brought them)
    assert counters["facet_rows_fetched"] == seen["facet_rows_fetched"]
    assert cluster.archive._snap is None

    old = _fresh(local_cluster.url, engine=False)
    old.issue(ISSUE_DAY)
    assert old.archive.counters["facet_rows_fetched"] == archive_size  # what the engine path spares


def test_a_two_character_headline_has_related_records(local_cluster: LocalCluster,
                                                      backends: dict[str, object]) -> None:
    """The quorum of a headline of two characters is both of them: "春耕"/2 is refused by searchd ("quorum
    threshold too high"), and that warning made the record page a 503 (any two-character headline)."""
    cluster = _fresh(local_cluster.url)
    page = cluster.get_record("s0")
    assert page.record.title == "春耕" and page.related
    assert all("春" in h.title + h.snippet_html and "耕" in h.title + h.snippet_html for h in page.related)


def test_the_sites_browse_pages_on_the_cluster_read_no_facet_rows(local_cluster: LocalCluster,
                                                                  backends: dict[str, object]) -> None:
    """The calendar, an issue, a page, a record page (with its place on the page) and a ticked export, through
    the Flask app on the cluster: all 200, and the web process never holds every record's facet row."""
    from webapp import create_app

    app = create_app({"TESTING": True, "BACKEND": local_cluster.url, "INDEX_DIR": "/nonexistent"})
    client = app.test_client()
    assert client.get("/issues").status_code == 200
    assert client.get("/issues", query_string={"year": "2021"}).status_code == 200
    issue = client.get(f"/api/issues/{ISSUE_DAY}").json
    assert [p["key"] for p in issue["pages"]] == KEYS
    page = client.get(f"/issues/{ISSUE_DAY}/3")
    assert page.status_code == 200 and "温县铁棍山药进入采挖季" in page.text
    rid = issue["pages"][2]["records"][1]["id"]
    record = client.get(f"/records/{rid}")
    assert record.status_code == 200 and "第3版</a>，第2篇" in record.text and "（本版共 3 篇）" in record.text
    assert client.get(f"/api/records/{rid}").json["record"]["id"] == rid
    assert client.get("/export.csv", query_string={"id": [rid, "u0"]}).status_code == 200
    assert client.get("/issues/2021-11-14").status_code == 404
    backend = app.extensions["baokan.backend"]
    assert backend.archive._snap is None
    assert backend.archive.counters["browse_views"] >= 3


def test_the_calendar_counts_a_days_pages_on_both_shards(local_cluster: LocalCluster,
                                                         backends: dict[str, object]) -> None:
    """``COUNT(DISTINCT fileid)`` per day over the distributed index: exact because a file lives on one shard;
    the corpus has days whose pages sit on both."""
    cluster: ClusterBackend = backends["cluster"]  # type: ignore[assignment]
    whoosh: WhooshBackend = backends["whoosh"]  # type: ignore[assignment]
    shards: dict[str, set[int]] = defaultdict(set)
    for key, records in _extra_records().items():
        for record in records:
            if record.pub_date:
                shards[record.pub_date].add(shard_of(key, 2))
    split = [d for d, s in shards.items() if len(s) == 2]
    assert split, "no day with pages on both shards"
    for date in split:
        assert cluster.issue(date).to_dict() == whoosh.issue(date).to_dict()
        month = {d.date: d for m in cluster.archive_calendar(date=date).months for d in m.days}
        expected = {d.date: d for m in whoosh.archive_calendar(date=date).months for d in m.days}
        assert month[date] == expected[date] and month[date].pages >= 2


def test_a_calendar_answering_as_many_days_as_asked_is_asked_again(local_cluster: LocalCluster,
                                                                   backends: dict[str, object]) -> None:
    """An agent sends at most max_matches groups: a full answer may be cut, so it is asked again with ten times
    as many days, and past the bound the calendar is left to the facet rows (None), never cut short."""
    from indexer.cluster.browse import day_counts

    cluster = _fresh(local_cluster.url)
    full = day_counts(cluster.archive)
    assert full is not None and len(full[0]) > 100 and full[1] == 5
    assert day_counts(cluster.archive, first=3, most=100_000) == full
    assert day_counts(cluster.archive, first=3, most=30) is None


def test_a_day_of_more_records_than_a_statement_brings_is_read_in_pages(local_cluster: LocalCluster,
                                                                        backends: dict[str, object],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A window reads a day's records ``WINDOW_PAGE`` at a time (by document id): with pages of 2 records the
    issue, its pages and its records' places are still the Whoosh backend's."""
    import indexer.cluster.browse as engine_browse

    whoosh: WhooshBackend = backends["whoosh"]  # type: ignore[assignment]
    monkeypatch.setattr(engine_browse, "WINDOW_PAGE", 2)
    cluster = _fresh(local_cluster.url)
    issue = whoosh.issue(ISSUE_DAY)
    assert cluster.issue(ISSUE_DAY) == issue and issue.records > 2 * 4
    for page in issue.pages:
        assert cluster.issue_page(ISSUE_DAY, page.key) == whoosh.issue_page(ISSUE_DAY, page.key)
        for entry in page.entries:
            assert cluster.record_position(entry.id) == whoosh.record_position(entry.id)
    assert cluster.archive.counters["records_fetched"] == issue.records
