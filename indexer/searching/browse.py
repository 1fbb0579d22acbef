"""Browse the archive as it was printed: the calendar of issues, one day's issue, one page, a record's place.

Read from the snapshot's facet columns (date, page file, position on the page per
docnum), so the calendar never reads a stored record; a day's issue reads the stored
records of that day only. A *page* is the records of one page file with one date, in
reading order (their ``ordinal``); an *issue* is all the pages of one date, ordered by
the number in their label (``第1版 要闻``, ``第2版 综合``…), then by file name.

Each page of an issue has a URL-safe ``key``: its number (``第3版 要闻`` -> ``3``,
``第A04版 民生`` -> ``A4``, ``第十二版`` -> ``12``), or the page file's stem when the
label has no number (``xiuwu_notes.txt`` -> ``xiuwu_notes``); a key already taken that
day gets ``-2``, ``-3``… (two editions of page 1 -> ``1``, ``1-2``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, NamedTuple

import numpy as np

from indexer.errors import InvalidInput, IssueNotFound
from indexer.records import Record
from indexer.searching.cache import cached
from indexer.searching.recordpage import _docnum_for_id
from indexer.searching.snapshot import Archive, Snapshot

MAX_PAGE_KEY = 120

# --- dates and page labels ----------------------------------------------------------------

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")


def parse_day(value: str) -> str:
    """A day written as ISO 8601 ("2021-11-13"); another shape ("2021/11/13", "昨天") raises InvalidInput.

    Only the shape is checked: "2021-02-30" is well formed and simply has no issue (404, not 400).
    """
    if _DAY.fullmatch(value or ""):
        return value
    raise InvalidInput(f"日期格式无效：{(value or '')[:40]}（应为 2021-11-13 这样的年-月-日）")


def parse_year(value: str) -> str:
    """A year as four digits ("2021"); anything else raises InvalidInput."""
    if _YEAR.fullmatch(value or ""):
        return value
    raise InvalidInput(f"年份无效：{(value or '')[:40]}（应为 2021 这样的四位数字）")


_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
# "第1版 要闻" / "第A04版 民生" / "A01 重点" / "第十二版" -> (letters, number, the rest)
_LABEL = re.compile(r"^\s*(?:第\s*)?(?P<letters>[A-Za-z]{0,2})\s*(?P<number>\d{1,3}|[零一二三四五六七八九十]{1,3})\s*版?"
                    r"\s*(?P<name>.*)$")


def _numeral(text: str) -> int:
    """ "12" -> 12, "十二" -> 12, "二十" -> 20, "九" -> 9."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)
    return _NUMERALS.get(text, 0)


class PageNumber(NamedTuple):
    """What a page label says: "第A04版 民生" -> PageNumber("A", 4, "第A04版", "民生")."""

    letters: str
    number: int
    printed: str  # the number as printed, with 版: "第3版", "A01版"
    name: str | None  # the page's name after the number: "要闻"

    @property
    def key(self) -> str:
        return f"{self.letters}{self.number}"


def page_number(label: str | None) -> PageNumber | None:
    """The number in a page label ("第3版 要闻" -> 3, name 要闻); None when it has none ("副刊")."""
    m = _LABEL.match(label or "")
    if not m or not label:
        return None
    letters, number = m.group("letters").upper(), _numeral(m.group("number"))
    printed = label[:m.start("name")].strip().replace(" ", "")
    if not printed.endswith("版"):
        printed += "版"
    return PageNumber(letters, number, printed, m.group("name").strip() or None)


# --- plain data: what the pages and the API show ---------------------------------------------


@dataclass(frozen=True)
class DayCount:
    """A day that has an issue: ``DayCount("2021-11-13", pages=4, records=31)``."""

    date: str
    pages: int
    records: int

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "pages": self.pages, "records": self.records}


@dataclass(frozen=True)
class MonthCalendar:
    """One month of a year: the days that have an issue (others have none)."""

    month: str  # "2021-11"
    days: tuple[DayCount, ...]

    @property
    def records(self) -> int:
        return sum(d.records for d in self.days)

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "issues": len(self.days), "records": self.records,
                "days": [d.to_dict() for d in self.days]}


@dataclass(frozen=True)
class YearCount:
    """A year of the archive: how many issues (days), pages and records."""

    year: str
    issues: int
    pages: int
    records: int
    by_month: tuple[int, ...]  # issues in January … December

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "issues": self.issues, "pages": self.pages, "records": self.records,
                "by_month": list(self.by_month)}


@dataclass(frozen=True)
class DateJump:
    """The answer to "go to 2021-11-14": the day if it has an issue, else the nearest before and after."""

    date: str
    found: bool
    before: str | None
    after: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "found": self.found, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class ArchiveCalendar:
    """The archive by date: every year with counts, the months of one year, and an optional date jump."""

    years: tuple[YearCount, ...]
    year: str | None  # the year whose months are shown (the jump's, the asked one, else the latest)
    months: tuple[MonthCalendar, ...]  # the year's twelve months, January first
    jump: DateJump | None
    first: str | None
    last: str | None
    records: int  # dated records
    undated: int  # records whose date is unknown (not in any issue)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": True, "first": self.first, "last": self.last, "records": self.records,
                "undated": self.undated, "years": [y.to_dict() for y in self.years], "year": self.year,
                "months": [m.to_dict() for m in self.months],
                "jump": self.jump.to_dict() if self.jump else None}


@dataclass(frozen=True)
class PageEntry:
    """A record as a line of a page's contents: headline, kind, credits, place in reading order."""

    id: str
    position: int  # 1 = first on the page
    kind: str
    title: str
    excerpt: str  # the start of the text, for a photo without a headline
    reporters: tuple[str, ...]
    photographers: tuple[str, ...]
    section: str | None

    @classmethod
    def from_record(cls, record: Record, position: int, width: int = 60) -> PageEntry:
        text = " ".join(record.body.split())
        photographers = record.photographers + tuple(p for c in record.captions for p in c.photographers)
        return cls(record.id, position, record.kind, record.title, text[:width] + ("…" if len(text) > width else ""),
                   record.reporters, tuple(dict.fromkeys(photographers)), record.section)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "position": self.position, "kind": self.kind, "title": self.title,
                "excerpt": self.excerpt, "reporters": list(self.reporters),
                "photographers": list(self.photographers), "section": self.section}


@dataclass(frozen=True)
class PageRef:
    """A link to a page of an issue: its key and label."""

    date: str
    key: str
    label: str | None  # "第3版 要闻", or None when the page does not say

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "key": self.key, "label": self.label}


@dataclass(frozen=True)
class PageSummary:
    """A page in an issue's contents: its label, number, file and records in reading order."""

    key: str
    label: str | None
    number: str | None  # "第3版"
    name: str | None  # "要闻"
    source: str  # the page file's name
    entries: tuple[PageEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "number": self.number, "name": self.name,
                "source": self.source, "records": [e.to_dict() for e in self.entries]}


@dataclass(frozen=True)
class Issue:
    """One day's paper: its pages in order, and the issues before and after."""

    date: str
    paper: str | None
    pages: tuple[PageSummary, ...]
    previous: str | None
    next: str | None

    @property
    def records(self) -> int:
        return sum(len(p.entries) for p in self.pages)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": True, "date": self.date, "paper": self.paper, "records": self.records,
                "previous": self.previous, "next": self.next, "pages": [p.to_dict() for p in self.pages]}


@dataclass(frozen=True)
class IssuePage:
    """One page of an issue with the full text of its records in reading order, and the pages around it."""

    date: str
    paper: str | None
    page: PageSummary
    records: tuple[Record, ...]
    sections: tuple[str, ...]  # the columns its records carry, in order
    index: int  # 1 = the issue's first page
    pages: int  # how many pages the issue has
    previous: PageRef | None
    next: PageRef | None

    @property
    def staff(self) -> tuple[str, ...]:
        """The page's staff as printed on it ("责任编辑：崔国强"), from its records."""
        return next((r.page_staff for r in self.records if r.page_staff), ())

    def to_dict(self) -> dict[str, Any]:
        p = self.page
        return {"ok": True, "date": self.date, "paper": self.paper, "key": p.key, "label": p.label,
                "number": p.number, "name": p.name, "source": p.source, "sections": list(self.sections),
                "staff": list(self.staff),
                "index": self.index, "pages": self.pages,
                "previous": self.previous.to_dict() if self.previous else None,
                "next": self.next.to_dict() if self.next else None,
                "entries": [e.to_dict() for e in p.entries], "records": [r.to_dict() for r in self.records]}


@dataclass(frozen=True)
class RecordPosition:
    """Where a record sits: its issue and page (None when undated), its place, its neighbours on the page."""

    record_id: str
    date: str | None
    page: PageRef | None
    number: str | None  # "第3版", or the page file's name when the label has no number
    position: int
    count: int  # records on the page
    previous: PageEntry | None
    next: PageEntry | None

    @property
    def text(self) -> str:
        """ "2021-11-13 第3版，第2篇"."""
        where = " ".join(part for part in (self.date, self.number) if part)
        return f"{where}，第{self.position}篇" if where else f"第{self.position}篇"

    def to_dict(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "date": self.date, "page": self.page.to_dict() if self.page else None,
                "number": self.number, "position": self.position, "count": self.count, "text": self.text,
                "previous": self.previous.to_dict() if self.previous else None,
                "next": self.next.to_dict() if self.next else None}


# --- the snapshot by day ---------------------------------------------------------------------


class _Days(NamedTuple):
    """A snapshot's dated live records sorted by (date, page file, ordinal), sliced by day."""

    dates: list[str]  # the days that have records, ascending
    starts: np.ndarray  # day i is docs[starts[i]:starts[i + 1]]
    pages: np.ndarray  # distinct page files per day
    docs: np.ndarray
    undated: int


def _days(snap: Snapshot) -> _Days:
    def compute() -> _Days:
        cols = snap.columns
        live = snap.live_docs()
        dated = live[np.array([cols.dates[c] is not None for c in range(len(cols.dates))], bool)[cols.date[live]]] \
            if live.size else live
        order = np.lexsort((cols.ordinal[dated], cols.file[dated], cols.date[dated]))
        docs = dated[order]
        codes, files = cols.date[docs], cols.file[docs]
        new_day = np.ones(docs.size, bool)
        new_day[1:] = codes[1:] != codes[:-1]
        new_page = new_day.copy()
        new_page[1:] |= files[1:] != files[:-1]
        starts = np.flatnonzero(new_day)
        pages = np.add.reduceat(new_page.astype(np.int64), starts) if starts.size else np.zeros(0, np.int64)
        dates = [cols.dates[c] for c in codes[starts]]
        return _Days(dates, np.append(starts, docs.size), pages, docs, int(live.size - dated.size))

    return cached(snap, ("browse-days",), compute, lambda d: int(d.docs.size))


def _day_index(days: _Days, date: str) -> int | None:
    i = bisect.bisect_left(days.dates, date)
    return i if i < len(days.dates) and days.dates[i] == date else None


def _nearest(days: _Days, date: str) -> tuple[str | None, str | None]:
    """The last issue before ``date`` and the first after it."""
    lo, hi = bisect.bisect_left(days.dates, date), bisect.bisect_right(days.dates, date)
    return (days.dates[lo - 1] if lo > 0 else None), (days.dates[hi] if hi < len(days.dates) else None)


def _missing_issue(days: _Days, date: str) -> IssueNotFound:
    before, after = _nearest(days, date)
    near = "、".join(f"{label} {d}" for label, d in (("之前最近一期", before), ("之后最近一期", after)) if d)
    return IssueNotFound(f"{date} 没有报纸" + (f"（{near}）" if near else "（档案中还没有报纸）"))


# --- public functions -------------------------------------------------------------------------


def archive_calendar(archive: Archive, year: str | None = None, date: str | None = None) -> ArchiveCalendar:
    """The calendar: every year's counts, the months of ``year`` (default: the jump's year, else the latest).

    ``date`` is a jump ("2021-11-14"): found, or the nearest issues before and after.
    Raises InvalidInput for a malformed year or date, IssueNotFound for a year without issues.
    """
    year = parse_year(year) if year is not None else None
    date = parse_day(date) if date is not None else None
    days = _days(archive.snapshot())
    counts = np.diff(days.starts)
    by_year: dict[str, list[int]] = {}  # year -> [issues, pages, records, issues in January, …, December]
    for d, n, p in zip(days.dates, counts.tolist(), days.pages.tolist()):
        acc = by_year.setdefault(d[:4], [0] * 15)
        acc[0] += 1
        acc[1] += p
        acc[2] += n
        acc[2 + int(d[5:7])] += 1
    years = tuple(YearCount(y, acc[0], acc[1], acc[2], tuple(acc[3:]))
                  for y, acc in sorted(by_year.items(), reverse=True))
    jump = None
    if date is not None:
        found = _day_index(days, date) is not None
        before, after = _nearest(days, date)
        jump = DateJump(date, found, before, after)
    # the year asked for, else the jump's (or, when that year has none, its nearest issue's), else the latest
    near = [d for d in ((date,) if date else ()) + ((jump.before, jump.after) if jump else ()) if d and d[:4] in by_year]
    shown = year or (near[0][:4] if near else None) or (years[0].year if years else None)
    if year is not None and year not in by_year:
        first, last = (days.dates[0][:4], days.dates[-1][:4]) if days.dates else (None, None)
        raise IssueNotFound(f"{year}年没有报纸" + (f"（档案收录 {first}—{last} 年）" if first else "（档案中还没有报纸）"))
    months: list[MonthCalendar] = []
    if shown is not None:
        in_year = [i for i, d in enumerate(days.dates) if d.startswith(shown)]
        for m in range(1, 13):
            key = f"{shown}-{m:02d}"
            months.append(MonthCalendar(key, tuple(DayCount(days.dates[i], int(days.pages[i]), int(counts[i]))
                                                   for i in in_year if days.dates[i].startswith(key))))
    return ArchiveCalendar(years=years, year=shown, months=tuple(months), jump=jump,
                           first=days.dates[0] if days.dates else None, last=days.dates[-1] if days.dates else None,
                           records=int(days.docs.size), undated=days.undated)


def _page_order(key: tuple[PageNumber | None, str, str]) -> tuple[Any, ...]:
    number, source, file = key
    return (0, number.letters, number.number, source, file) if number else (1, "", 0, source, file)


def _issue_pages(snap: Snapshot, days: _Days, i: int) -> list[tuple[PageSummary, list[Record]]]:
    """The pages of day ``i`` in order, each with its records in reading order."""
    cols = snap.columns
    docs = days.docs[days.starts[i]:days.starts[i + 1]]
    by_file: dict[int, list[Record]] = {}
    for d in docs.tolist():  # already in (file, ordinal) order
        by_file.setdefault(int(cols.file[d]), []).append(snap.record(d))
    pages = []
    for code, records in by_file.items():
        label = records[0].page
        pages.append(((page_number(label), records[0].source, cols.files[code]), records))
    pages.sort(key=lambda item: _page_order(item[0]))
    out: list[tuple[PageSummary, list[Record]]] = []
    used: set[str] = set()
    for (number, source, file), records in pages:
        base = number.key if number else (PurePath(source or file).stem or "page")
        key, n = base, 1
        while key in used:
            n += 1
            key = f"{base}-{n}"
        used.add(key)
        summary = PageSummary(key=key, label=records[0].page, number=number.printed if number else None,
                              name=number.name if number else None, source=source,
                              entries=tuple(PageEntry.from_record(r, k) for k, r in enumerate(records, start=1)))
        out.append((summary, records))
    return out


def _load_issue(archive: Archive, date: str) -> tuple[_Days, int, list[tuple[PageSummary, list[Record]]]]:
    date = parse_day(date)
    snap = archive.snapshot()
    days = _days(snap)
    i = _day_index(days, date)
    if i is None:
        raise _missing_issue(days, date)
    return days, i, cached(snap, ("browse-issue", date), lambda: _issue_pages(snap, days, i),
                           lambda pages: sum(len(r) for _, r in pages))


def _paper(pages: list[tuple[PageSummary, list[Record]]]) -> str | None:
    return next((r.paper for _, records in pages for r in records if r.paper), None)


def issue(archive: Archive, date: str) -> Issue:
    """One day's issue ("2021-11-13"); InvalidInput for a malformed date, IssueNotFound for a day without one."""
    days, i, pages = _load_issue(archive, date)
    return Issue(date=days.dates[i], paper=_paper(pages), pages=tuple(p for p, _ in pages),
                 previous=days.dates[i - 1] if i > 0 else None,
                 next=days.dates[i + 1] if i + 1 < len(days.dates) else None)


def issue_page(archive: Archive, date: str, page: str) -> IssuePage:
    """One page of an issue by its key ("3"); InvalidInput for a malformed date, IssueNotFound if there is none."""
    days, i, pages = _load_issue(archive, date)
    keys = [p.key for p, _ in pages]
    if len(page) > MAX_PAGE_KEY or page not in keys:
        raise IssueNotFound(f"{days.dates[i]} 没有“{page[:40]}”这一版（本期共 {len(keys)} 版：{'、'.join(keys)}）")
    k = keys.index(page)
    summary, records = pages[k]

    def ref(j: int) -> PageRef | None:
        return PageRef(days.dates[i], pages[j][0].key, pages[j][0].label) if 0 <= j < len(pages) else None

    return IssuePage(date=days.dates[i], paper=_paper(pages), page=summary, records=tuple(records),
                     sections=tuple(dict.fromkeys(r.section for r in records if r.section)), index=k + 1,
                     pages=len(pages), previous=ref(k - 1), next=ref(k + 1))


def record_position(archive: Archive, record_id: str) -> RecordPosition:
    """Where a record sits on its page and in its issue; RecordNotFound for an unknown id."""
    snap = archive.snapshot()
    docnum = _docnum_for_id(snap, record_id)
    cols = snap.columns
    date = cols.dates[cols.date[docnum]]
    if date is not None:
        days, i, pages = _load_issue(archive, date)
        for summary, records in pages:
            ids = [r.id for r in records]
            if record_id in ids:
                k = ids.index(record_id)
                entries = summary.entries
                return RecordPosition(record_id, date, PageRef(date, summary.key, summary.label),
                                      summary.number or summary.source, k + 1, len(entries),
                                      entries[k - 1] if k > 0 else None,
                                      entries[k + 1] if k + 1 < len(entries) else None)
    # undated: its place among the undated records of its page file
    live = snap.live_docs()
    same = live[(cols.file[live] == cols.file[docnum]) & (cols.date[live] == cols.date[docnum])]
    same = same[np.argsort(cols.ordinal[same], kind="stable")].tolist()
    k = same.index(docnum)
    record = snap.record(docnum)
    number = page_number(record.page)

    def entry(j: int) -> PageEntry | None:
        return PageEntry.from_record(snap.record(same[j]), j + 1) if 0 <= j < len(same) else None

    return RecordPosition(record_id, None, None, number.printed if number else (record.page or record.source),
                          k + 1, len(same), entry(k - 1), entry(k + 1))
