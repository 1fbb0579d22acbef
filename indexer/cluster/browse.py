"""The browse views and record pages on the cluster, asked of the engine: only the rows a view shows come back.

The Whoosh path reads them from every record's facet columns; here no process holds
those (``ClusterSnapshot`` would read ~1 KB a record at every new generation). Instead:

* **the calendar** (``calendar``): one ``GROUP BY f_date`` gives each day's records and
  page files (``COUNT(DISTINCT fileid)``: exact over the shards because a file's records
  all live on one shard), one ``COUNT(*)`` the undated records; one row a day comes back;
* **a day's issue, one of its pages, a record's place** (``issue``, ``issue_page``,
  ``record_position``): the Whoosh path's own code (``indexer.searching.browse``) runs over
  a *window*: a ``ClusterSnapshot`` holding that day's records only (facet rows and stored
  records, ``WHERE f_date = …``), plus one record of the issue before and one of the issue
  after (``ORDER BY f_date … LIMIT 1``), which give previous/next and the nearest issues of
  a day without one. A record without a date is placed among the undated records of its
  page file (``WHERE fileid = … AND f_date = 0``), as on the Whoosh path;
* **a record page** (``record_page``): the record, its page file's records (``WHERE fileid = …``,
  put in reading order here) and related coverage (the quorum operator).

So each view receives what it shows (a calendar's days, an issue's records, a page's
records) and nothing per record of the archive. A calendar of more than ``DAYS_MAX`` days
(never a real archive: 1,095 years) returns None, and the caller counts it from facet rows.
A date that is not ISO (``2019-02``: the parser writes none) has ``f_date`` 0, so such a
record counts as undated here.
"""
from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from typing import Any

from indexer.cluster.ingest import date_number, doc_id
from indexer.cluster.search import OPTIONS, ClusterArchive, ClusterSnapshot, Generation, match_expression
from indexer.errors import IssueNotFound, QueryError, RecordNotFound
from indexer.records import Record
from indexer.searching import browse
from indexer.searching.browse import (ArchiveCalendar, DateJump, DayCount, Issue, IssuePage, MonthCalendar,
                                      RecordPosition, YearCount, parse_day, parse_year)
from indexer.searching.cache import cached
from indexer.searching.querylang import parse_query
from indexer.searching.recordpage import RecordPage
from indexer.searching.service import Hit
from indexer.text.grams import query_needle
from indexer.text.highlight import highlight

# days a calendar asks for at first (a daily since 1916), and at most (an agent sends at most max_matches
# groups, so a full answer may be cut: it is asked again with ten times as many). A grouping statement's
# cost grows with max_matches in Sphinx 2.2.11: 18 ms at 20,000 against 83 ms at 200,000 (20k records, 291 days)
DAYS_FIRST = 40_000
DAYS_MAX = 400_000
WINDOW_PAGE = 1000  # records (with their stored JSON) per statement of a window


# --- the calendar ---------------------------------------------------------------------------------

def day_counts(archive: ClusterArchive, first: int = DAYS_FIRST,
               most: int = DAYS_MAX) -> tuple[list[tuple[str, int, int]], int] | None:
    """((date, pages, records) of every day with an issue, ascending; records without a date), or None past
    ``most`` days."""
    cluster = archive.cluster
    asked = first
    while True:
        days, undated = cluster.batch(cluster.coordinator, [
            f"SELECT f_date, COUNT(DISTINCT fileid), COUNT(*) FROM dist WHERE f_date > 0 GROUP BY f_date "
            f"LIMIT {asked} OPTION max_matches={asked}", "SELECT COUNT(*) FROM dist WHERE f_date = 0"])
        archive.counters["groups_fetched"] += len(days)
        if len(days) < asked:
            break
        if asked >= most:
            return None
        asked = min(asked * 10, most)
    out = sorted((_date_text(int(d)), int(pages), int(n)) for d, pages, n in days)
    return out, int(undated[0][0]) if undated else 0


def _date_text(number: int) -> str:
    return f"{number // 10000:04d}-{number // 100 % 100:02d}-{number % 100:02d}"


def calendar(archive: ClusterArchive, year: str | None = None, date: str | None = None) -> ArchiveCalendar | None:
    """``indexer.searching.browse.archive_calendar`` from the engine's day counts (None: too many days)."""
    year = parse_year(year) if year is not None else None
    date = parse_day(date) if date is not None else None
    gen = archive.generation()
    counted = cached(gen, ("browse-days",), lambda: day_counts(archive), lambda v: len(v[0]) if v else 0)
    if counted is None:
        return None
    days, undated = counted
    dates = [d for d, _, _ in days]
    by_year: dict[str, list[int]] = {}  # year -> [issues, pages, records, issues in January, …, December]
    for d, pages, n in days:
        acc = by_year.setdefault(d[:4], [0] * 15)
        acc[0] += 1
        acc[1] += pages
        acc[2] += n
        acc[2 + int(d[5:7])] += 1
    years = tuple(YearCount(y, acc[0], acc[1], acc[2], tuple(acc[3:]))
                  for y, acc in sorted(by_year.items(), reverse=True))
    jump = None
    if date is not None:
        lo, hi = bisect.bisect_left(dates, date), bisect.bisect_right(dates, date)
        jump = DateJump(date, lo < hi, dates[lo - 1] if lo > 0 else None, dates[hi] if hi < len(dates) else None)
    # the year asked for, else the jump's (or, when that year has none, its nearest issue's), else the latest
    near = [d for d in ((date,) if date else ()) + ((jump.before, jump.after) if jump else ()) if d and d[:4] in by_year]
    shown = year or (near[0][:4] if near else None) or (years[0].year if years else None)
    if year is not None and year not in by_year:
        first, last = (dates[0][:4], dates[-1][:4]) if dates else (None, None)
        raise IssueNotFound(f"{year}年没有报纸" + (f"（档案收录 {first}—{last} 年）" if first else "（档案中还没有报纸）"))
    months: list[MonthCalendar] = []
    if shown is not None:
        in_year = [day for day in days if day[0].startswith(shown)]
        for m in range(1, 13):
            key = f"{shown}-{m:02d}"
            months.append(MonthCalendar(key, tuple(DayCount(d, pages, n) for d, pages, n in in_year
                                                   if d.startswith(key))))
    return ArchiveCalendar(years=years, year=shown, months=tuple(months), jump=jump,
                           first=dates[0] if dates else None, last=dates[-1] if dates else None,
                           records=sum(n for _, _, n in days), undated=undated)


# --- windows: a few records as a snapshot the Whoosh path's browse code reads ---------------------------

class Window:
    """An archive whose snapshot is one window (what ``indexer.searching.browse`` asks of an archive)."""

    def __init__(self, snap: ClusterSnapshot) -> None:
        self.snap = snap

    def snapshot(self) -> ClusterSnapshot:
        return self.snap


def window(archive: ClusterArchive, gen: Generation, where: str, around: int = 0) -> Window:
    """The records ``where`` selects (facet rows and stored records), and with ``around`` (a date number) one
    record of the last day before it and one of the first day after it; kept per generation."""

    def compute() -> ClusterSnapshot:
        cluster = archive.cluster
        rows: list[tuple[int, str]] = []
        records: dict[int, Record] = {}
        last = 0
        neighbours = [f"SELECT id, facets FROM dist WHERE f_date > 0 AND f_date {op} {around} ORDER BY f_date "
                      f"{order} LIMIT 1 OPTION max_matches=1" for op, order in (("<", "DESC"), (">", "ASC")) if around]
        while True:
            page_sql = (f"SELECT id, facets, data FROM dist WHERE {where} AND id > {last} ORDER BY id ASC "
                        f"LIMIT {WINDOW_PAGE} OPTION max_matches={WINDOW_PAGE}")
            results = cluster.batch(cluster.coordinator, [page_sql, *neighbours])
            page = results[0]
            for extra in results[1:]:
                rows.extend((int(docid), facets) for docid, facets in extra)
            neighbours = []
            for docid, facets, data in page:
                rows.append((int(docid), facets))
                records[int(docid)] = Record.from_dict(json.loads(data))
            if len(page) < WINDOW_PAGE:
                break
            last = int(page[-1][0])
        archive.counters["facet_rows_fetched"] += len(rows)
        archive.counters["records_fetched"] += len(records)
        return ClusterSnapshot(cluster, gen.generation, archive.counters, rows=rows, records=records)

    return Window(cached(gen, ("browse-window", where, around), compute, lambda snap: len(snap.rows)))


def day_window(archive: ClusterArchive, date: str) -> Window:
    """A day's records and its neighbouring issues (``date`` well formed: ``parse_day``)."""
    number = date_number(parse_day(date))
    return window(archive, archive.generation(), f"f_date = {number}", around=number)


def issue(archive: ClusterArchive, date: str) -> Issue:
    archive.counters["browse_views"] += 1
    return browse.issue(day_window(archive, date), date)  # type: ignore[arg-type]


def issue_page(archive: ClusterArchive, date: str, page: str) -> IssuePage:
    archive.counters["browse_views"] += 1
    return browse.issue_page(day_window(archive, date), date, page)  # type: ignore[arg-type]


def _row(archive: ClusterArchive, record_id: str, columns: str) -> tuple[Any, ...]:
    """The row of one record (``id``, ``rid``, then ``columns``); RecordNotFound as on the Whoosh path."""
    rows = archive.cluster.query(archive.cluster.coordinator, f"SELECT id, rid, {columns} FROM dist WHERE id = %s",
                                 (doc_id(record_id),)) if record_id.isalnum() else []
    if not rows or rows[0][1] != record_id:
        raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
    return rows[0]


def record_position(archive: ClusterArchive, record_id: str) -> RecordPosition:
    """Where a record sits: over its day's window, or (undated) the undated records of its page file."""
    archive.counters["browse_views"] += 1
    _, _, fileid, number = _row(archive, record_id, "fileid, f_date")
    if int(number):
        place = day_window(archive, _date_text(int(number)))
    else:
        place = window(archive, archive.generation(), f"fileid = {int(fileid)} AND f_date = 0")
    return browse.record_position(place, record_id)  # type: ignore[arg-type]


# --- record pages ---------------------------------------------------------------------------------------

def records_named(archive: ClusterArchive, record_ids: Sequence[str]) -> tuple[Record, ...]:
    """The records with these ids, in that order; RecordNotFound names the first unknown one."""
    gen = archive.generation()
    wanted = {rid: doc_id(rid) for rid in record_ids if rid.isalnum()}
    found = archive.fetch_records(gen, list(dict.fromkeys(wanted.values())))
    out = []
    for rid in record_ids:
        record = found.get(wanted.get(rid, 0))
        if record is None or record.id != rid:
            raise RecordNotFound(f"没有编号为 {rid[:40]} 的记录")
        out.append(record)
    return tuple(out)


def record_page(archive: ClusterArchive, record_id: str, q: str = "", related: int = 5) -> RecordPage:
    """One record with its page neighbours in reading order and related coverage (records sharing most of
    its headline's characters: the engine's quorum operator)."""
    gen = archive.generation()
    docid, _, fileid = _row(archive, record_id, "fileid")
    page = window(archive, gen, f"fileid = {int(fileid)}").snap
    cols = page.columns
    ordered = sorted(range(len(page.rows)), key=lambda d: (int(cols.ordinal[d]), d))
    records = page.records(ordered)
    record = next((r for r in records if r.id == record_id), None)
    if record is None:  # removed by an ingest between the two statements
        raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
    try:
        terms = parse_query(q).highlight_terms if q else ()
    except QueryError:
        terms = ()
    same_page = tuple(Hit.from_record(r, ()) for r in records if r.id != record_id)
    exclude = {int(docid), *(int(d) for d in page.docids.tolist())}
    return RecordPage(record=record, body_html=highlight(record.body, terms),
                      title_html=highlight(record.title, terms), same_page=same_page,
                      related=related_hits(archive, gen, record, exclude, related), terms=terms,
                      captions_html=tuple(highlight(c.text, terms) for c in record.captions))


def related_hits(archive: ClusterArchive, gen: Generation, record: Record, exclude: set[int],
                 count: int) -> tuple[Hit, ...]:
    """Records best matching most of the headline's characters (document ids in ``exclude`` left out)."""
    expr = match_expression(query_needle(record.title or record.body[:30]))
    if not count or not expr:
        return ()
    words = [w.strip('"*') for w in expr.replace('"', " ").split()]
    words = [w for w in dict.fromkeys(words) if w][:24]
    if len(words) < 2:
        return ()
    # a quorum must be below the word count (searchd warns "quorum threshold too high" and the warning is a
    # failure here): two words are both asked for
    quorum = " ".join(words) if len(words) == 2 else '"' + " ".join(words) + f'"/{max(2, len(words) // 2)}'
    cluster = archive.cluster
    rows = cluster.query(cluster.coordinator, f"SELECT id FROM dist WHERE MATCH(%s) LIMIT %s OPTION {OPTIONS}",
                         (quorum, count + len(exclude)))
    ids = [int(r[0]) for r in rows if int(r[0]) not in exclude][:count]
    found = archive.fetch_records(gen, ids)
    return tuple(Hit.from_record(found[d], ()) for d in ids if d in found)
