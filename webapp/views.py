"""The HTML site: home, results, record pages. Each renders the same object the API returns."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from indexer.errors import RecordNotFound
from indexer import FIELD_LABELS, KIND_LABELS, MAX_RELEVANCE_DEPTH, RecordPage, SearchPage, SearchQuery
from webapp import get_backend
from webapp.browse import back_query, back_to_search
from webapp.citation import display_title, gbt7714
from webapp.params import (changed_args, current_stats, hidden_fields, query_from_args, run_search, search_url,
                           toggled)

bp = Blueprint("views", __name__)

SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
PAGE_SIZES = (20, 50, 100)
MAX_RECORD_ID = 64
# the repeatable facet filters, in the sidebar's order (the date groups sit after kind)
MULTI_FACETS = ("region", "kind", "reporter", "photographer", "correspondent", "section")
EXPORT_FORMATS = (("csv", "CSV"), ("jsonl", "JSON Lines"), ("ris", "RIS"), ("bib", "BibTeX"))


# --- the date filter as year / month / day ------------------------------------------------


def year_bounds(year: str) -> tuple[str, str]:
    return f"{year}-01-01", f"{year}-12-31"


def month_bounds(month: str) -> tuple[str, str]:
    """"2021-11" -> ("2021-11-01", "2021-11-30")."""
    y, m = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{calendar.monthrange(y, m)[1]:02d}"


def selected_year(query: SearchQuery) -> str | None:
    """The year the date filter is exactly (2021-01-01..2021-12-31), else None."""
    if query.date_from and query.date_to and (query.date_from, query.date_to) == year_bounds(query.date_from[:4]):
        return query.date_from[:4]
    return None


def selected_month(query: SearchQuery) -> str | None:
    """The month the date filter is exactly (2021-11-01..2021-11-30), else None."""
    if query.date_from and query.date_to and (query.date_from, query.date_to) == month_bounds(query.date_from[:7]):
        return query.date_from[:7]
    return None


def selected_day(query: SearchQuery) -> str | None:
    """The day the date filter is exactly (2021-11-05..2021-11-05), else None."""
    return query.date_from if query.date_from and query.date_from == query.date_to else None


def focus_year(query: SearchQuery) -> str | None:
    """The one year the date filter lies within: its months are shown and charted."""
    if query.date_from and query.date_to and query.date_from[:4] == query.date_to[:4]:
        return query.date_from[:4]
    return None


def focus_month(query: SearchQuery) -> str | None:
    """The one month the date filter lies within: its days are shown and charted."""
    if query.date_from and query.date_to and query.date_from[:7] == query.date_to[:7]:
        return query.date_from[:7]
    return None


def month_label(month: str) -> str:
    return f"{month[:4]}年{int(month[5:7])}月"


def date_label(query: SearchQuery) -> str:
    day = selected_day(query)
    if day:
        return f"{month_label(day)}{int(day[8:10])}日"
    month = selected_month(query)
    if month:
        return month_label(month)
    year = selected_year(query)
    if year:
        return f"{year}年"
    if query.date_from and query.date_to:
        return f"{query.date_from} 至 {query.date_to}"
    if query.date_from:
        return f"{query.date_from} 起"
    return f"至 {query.date_to}"


# --- view models built from one SearchPage ---------------------------------------------


@dataclass(frozen=True)
class FacetItem:
    value: str
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    items: tuple[FacetItem, ...]
    multi: bool = False  # values toggle on and off together (region=温县&region=孟州市)

    @property
    def peak(self) -> int:
        """The largest count (the month histogram's scale)."""
        return max((i.count for i in self.items), default=0)


@dataclass(frozen=True)
class Chip:
    name: str
    label: str
    url: str


@dataclass(frozen=True)
class Bar:
    label: str
    title: str
    count: int
    url: str
    x: float
    y: float
    width: float
    height: float
    active: bool
    minor: bool  # its label is hidden on a phone (every other one)


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_every: int
    max_count: int


def value_label(name: str, value: str) -> str:
    return KIND_LABELS.get(value, value) if name == "kind" else value


def facet_groups(page: SearchPage) -> list[FacetGroup]:
    """Sidebar groups; a facet that came back empty is skipped, not an error.

    Each value links to the search with that one value added to its filter, or
    removed if it is on: ``region=温县`` + 孟州市 -> ``region=温县&region=孟州市``.
    """
    query = page.query
    groups: list[FacetGroup] = []
    for name in MULTI_FACETS:
        counts = page.facets.get(name) or {}
        active = getattr(query, name)
        items = [FacetItem(value, value_label(name, value), count,
                           search_url(query, **{name: toggled(query, name, value)}), value in active)
                 for value, count in counts.items()]
        # a chosen value that nothing matches any more stays visible, so it can be switched off
        items[:0] = [FacetItem(value, value_label(name, value), 0, search_url(query, **{name: toggled(query, name, value)}),
                               True) for value in active if value not in counts]
        if items:
            groups.append(FacetGroup(name, FIELD_LABELS[name], tuple(items), multi=True))
        if name == "kind":
            groups.extend(_date_groups(page))
    return groups


def _date_url(query: SearchQuery, bounds: tuple[str, str] | None) -> str:
    return search_url(query, date_from=bounds and bounds[0], date_to=bounds and bounds[1])


def _date_groups(page: SearchPage) -> list[FacetGroup]:
    """年份; 月份 (under a chosen year its months, else every month of every year); under a chosen month its days."""
    query = page.query
    year_sel, day_sel = selected_year(query), selected_day(query)
    year_in, month_in = focus_year(query), focus_month(query)
    years = []
    for year, count in (page.facets.get("year") or {}).items():
        active = year_sel == year or (year_in == year and year_sel is None)
        years.append(FacetItem(year, f"{year}年", count, _date_url(query, None if active else year_bounds(year)),
                               active))
    groups = [FacetGroup("year", FIELD_LABELS["year"], tuple(years))] if years else []
    month_counts = page.facets.get("month") or {}
    if year_in:
        months = [FacetItem(month, f"{int(month[5:7])}月", count,
                            _date_url(query, year_bounds(year_in) if month_in == month else month_bounds(month)),
                            month_in == month)
                  for month, count in sorted(month_counts.items()) if month.startswith(year_in)]
        title = f"{year_in}年 · {FIELD_LABELS['month']}"
    else:  # no year chosen: the month histogram across all years, newest first
        months = [FacetItem(month, month_label(month), count, _date_url(query, month_bounds(month)), False)
                  for month, count in month_counts.items()]
        title = FIELD_LABELS["month"]
    if months:
        groups.append(FacetGroup("month", title, tuple(months)))
    if month_in:
        days = [FacetItem(day, f"{int(day[8:10])}日", count,
                          _date_url(query, month_bounds(month_in) if day_sel == day else (day, day)), day_sel == day)
                for day, count in sorted((page.facets.get("day") or {}).items()) if day.startswith(month_in)]
        if days:
            groups.append(FacetGroup("day", f"{month_label(month_in)} · {FIELD_LABELS['day']}", tuple(days)))
    return groups


def chips(query: SearchQuery) -> list[Chip]:
    """Active filters, one chip per value, each with the URL that removes just that value."""
    out: list[Chip] = []
    for name in MULTI_FACETS:
        for value in getattr(query, name):
            out.append(Chip(name, f"{FIELD_LABELS[name]}：{value_label(name, value)}",
                            search_url(query, **{name: toggled(query, name, value)})))
        if name == "kind" and (query.date_from or query.date_to):
            out.append(Chip("date", f"{FIELD_LABELS['date']}：{date_label(query)}",
                            search_url(query, date_from=None, date_to=None)))
    return out


def _series(page: SearchPage) -> tuple[str, list[tuple[str, str, str, int]], str | None]:
    """The chart's level: (title, [(key, label, tooltip, count)], the selected key).

    It starts where the date filter is (year, a chosen year's months, a chosen month's days)
    and goes finer while its level has a single value: hits all of 2022 -> 2022's months;
    all of 2022-07 (so 2022 too) -> its days. If no finer level has more than one value, it stays.
    """
    query = page.query
    years = page.facets.get("year") or {}
    months = page.facets.get("month") or {}
    days = page.facets.get("day") or {}
    month_in, year_in = focus_month(query), focus_year(query)
    level, scope = ("day", month_in) if month_in else ("month", year_in) if year_in else ("year", None)

    def nonzero(level: str, scope: str | None) -> list[str]:
        counts = {"year": years, "month": months, "day": days}[level]
        return [k for k, n in counts.items() if n and (scope is None or k.startswith(scope))]

    at, within = level, scope
    while at != "day":  # a level of one value: look at the next finer one within that value
        here = nonzero(at, within)
        if len(here) != 1:
            break
        at, within = ("month" if at == "year" else "day"), here[0]
        if len(nonzero(at, within)) > 1:
            level, scope = at, within
            break
    if level == "year":
        if not years:
            return "各年命中数", [], None
        lo, hi = int(min(years)), int(max(years))
        # a stray far-off date must not draw a thousand empty bars
        keys = sorted(years) if hi - lo > 200 else [str(y) for y in range(lo, hi + 1)]
        return "各年命中数", [(k, k, f"{k}年", years.get(k, 0)) for k in keys], selected_year(query)
    if level == "month":
        keys = [f"{scope}-{m:02d}" for m in range(1, 13)]
        return (f"{scope}年各月命中数", [(k, f"{int(k[5:7])}月", month_label(k), months.get(k, 0)) for k in keys],
                selected_month(query))
    assert scope is not None
    last = int(month_bounds(scope)[1][8:10])
    keys = [f"{scope}-{d:02d}" for d in range(1, last + 1)]
    return (f"{month_label(scope)}各日命中数",
            [(k, str(int(k[8:10])), f"{month_label(k)}{int(k[8:10])}日", days.get(k, 0)) for k in keys],
            selected_day(query))


def _bounds(key: str) -> tuple[str, str]:
    """A chart key's date filter: "2021" -> the year, "2021-11" -> the month, "2021-11-05" -> the day."""
    if len(key) == 4:
        return year_bounds(key)
    if len(key) == 7:
        return month_bounds(key)
    return key, key


def timeline(page: SearchPage) -> Chart | None:
    """Hits over time as SVG bars: by year, month or day, the finest level that has more than one value."""
    title, series, sel = _series(page)
    peak = max((c for *_, c in series), default=0)
    if peak == 0:
        return None
    width, height, top, bottom = 640, 160, 16, 22
    slot = width / len(series)
    bar_w = max(2.0, slot * 0.7)
    label_every = max(1, -(-len(series) // 12))
    bars = []
    for i, (key, label, tip, count) in enumerate(series):
        h = (height - top - bottom) * count / peak
        bars.append(Bar(label=label, title=f"{tip}：{count} 条", count=count, url=_date_url(page.query, _bounds(key)),
                        x=round(i * slot + (slot - bar_w) / 2, 1), y=round(height - bottom - h, 1),
                        width=round(bar_w, 1), height=round(h, 1), active=sel == key,
                        minor=(i // label_every) % 2 == 1))
    return Chart(title, tuple(bars), width, height, label_every, peak)


def last_page(page: SearchPage) -> int:
    """The last page reachable: relevance paging stops at MAX_RELEVANCE_DEPTH hits."""
    if page.sort == "relevance" and page.query.q:
        return min(page.pages, max(1, MAX_RELEVANCE_DEPTH // page.query.page_size))
    return page.pages


def page_links(page: SearchPage) -> list[tuple[int | None, str | None]]:
    """(number, url) for the pager: first, a window around the current page, last; None = gap."""
    query = page.query
    last = last_page(page)
    wanted = {1, last, *range(max(1, query.page - 2), min(last, query.page + 2) + 1)}
    out: list[tuple[int | None, str | None]] = []
    prev = 0
    for n in sorted(wanted):
        if n - prev > 1:
            out.append((None, None))
        out.append((n, search_url(query, page=n)))
        prev = n
    return out


_QUOTES = re.compile(r'["“”]')


def unquoted_url(page: SearchPage) -> str | None:
    """A search that found nothing with quotes in it: the same search without them (``"巡察 (科技`` -> ``巡察 (科技``)."""
    q = page.query.q
    if page.total or not _QUOTES.search(q):
        return None
    bare = " ".join(_QUOTES.sub(" ", q).split())
    return search_url(page.query, q=bare) if bare else None


# --- routes ----------------------------------------------------------------------------


@bp.get("/")
def index() -> str:
    stats = current_stats()
    return render_template("home.html", stats=stats)


@bp.get("/search")
def search() -> str | Response:
    if "within" in request.args:  # 二次检索: the current search AND the new terms, as a URL of its own
        query = query_from_args(request.args)
        return redirect(search_url(query, q=query.within(request.args.get("within", "")).q), 303)
    page = run_search(request.args)
    query = page.query
    last = last_page(page)
    base = request.script_root
    return render_template(
        "search.html",
        page=page,
        query=query,
        q=query.q,
        q_has_quotes=bool(_QUOTES.search(query.q)),
        unquoted_url=unquoted_url(page),
        facet_groups=facet_groups(page),
        chips=chips(query),
        chart=timeline(page),
        pager=page_links(page) if last > 1 else [],
        last_page=last,
        prev_url=search_url(query, page=min(query.page - 1, last)) if query.page > 1 else None,
        next_url=search_url(query, page=query.page + 1) if query.page < last else None,
        sorts=[(s, label, search_url(query, sort=None if s == "relevance" else s), s == page.sort)
               for s, label in SORT_LABELS.items() if query.q or s != "relevance"],
        page_sizes=[(n, search_url(query, page_size=None if n == 20 else n), n == query.page_size)
                    for n in PAGE_SIZES],
        clear_url=url_for("views.search", **changed_args(query, date_from=None, date_to=None,
                                                          **{name: None for name in MULTI_FACETS})),
        csv_url=url_for("export.csv", **changed_args(query, page_size=None)),
        jsonl_url=url_for("export.jsonl", **changed_args(query, page_size=None)),
        # ticked records: /export.csv?id=…&id=… (the form sends only the ticked ids)
        pick_exports=[(ext, label, f"{base}/export.{ext}") for ext, label in EXPORT_FORMATS],
        api_url=url_for("api.search", **changed_args(query, page=query.page)),
        hidden=hidden_fields(query, q=None),  # the search box keeps filters, sort and page size
        within_hidden=hidden_fields(query),  # 在结果中检索 keeps q as well
    )


def record_page(record_id: str, q: str) -> RecordPage:
    """The record behind /records/<id> and /api/records/<id>; RecordNotFound -> 404."""
    if not record_id or len(record_id) > MAX_RECORD_ID or not record_id.isascii() or not record_id.isalnum():
        raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
    return get_backend().get_record(record_id, q=q[:1000])


@bp.get("/records/<record_id>")
def record(record_id: str) -> str:
    q = request.args.get("q", "")
    rp = record_page(record_id, q)
    # the search it came from, with all its filters, sort and page: ?back=/search?… (or a /search Referer)
    came_from = back_to_search()
    back = came_from or (url_for("views.search", q=q) if q else None)
    return render_template(
        "record.html",
        rp=rp,
        r=rp.record,
        q=q[:1000],
        citation=gbt7714(rp.record, current_app.config["PAPER"]),
        display_title=display_title(rp.record),
        permalink=url_for("views.record", record_id=rp.record.id, _external=True),
        back_url=back,
        back_q=back_query(back),
        position=get_backend().record_position(rp.record.id),
        neighbour_args={"q": q[:1000] or None, "back": came_from},  # the next record keeps the way back
    )
