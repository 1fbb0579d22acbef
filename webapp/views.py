"""The HTML site: home, results, record pages. Each renders the same object the API returns."""
from __future__ import annotations

import calendar
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request, url_for

from indexer.errors import RecordNotFound
from indexer import FIELD_LABELS, KIND_LABELS, MAX_RELEVANCE_DEPTH, RecordPage, SearchPage, SearchQuery, get_record
from webapp import get_archive
from webapp.citation import display_title, gbt7714
from webapp.params import changed_args, current_stats, run_search, search_url

bp = Blueprint("views", __name__)

SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
PAGE_SIZES = (20, 50, 100)
MAX_RECORD_ID = 64


# --- the date filter as year / month ------------------------------------------------


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


def focus_year(query: SearchQuery) -> str | None:
    """The one year the date filter lies within: its months are shown and charted."""
    if query.date_from and query.date_to and query.date_from[:4] == query.date_to[:4]:
        return query.date_from[:4]
    return None


def date_label(query: SearchQuery) -> str:
    month = selected_month(query)
    if month:
        return f"{month[:4]}年{int(month[5:7])}月"
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


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_every: int
    max_count: int


def _toggle(query: SearchQuery, name: str, value: str) -> str:
    return search_url(query, **{name: None if getattr(query, name) == value else value})


def facet_groups(page: SearchPage) -> list[FacetGroup]:
    """Sidebar groups; a facet that came back empty is skipped, not an error."""
    query = page.query
    groups: list[FacetGroup] = []
    for name in ("region", "kind", "year", "reporter", "section"):
        counts = page.facets.get(name) or {}
        if name == "year":
            groups.extend(_date_groups(page))
            continue
        items = [FacetItem(value, KIND_LABELS.get(value, value) if name == "kind" else value, count,
                           _toggle(query, name, value), getattr(query, name) == value)
                 for value, count in counts.items()]
        active = getattr(query, name)
        if active and not any(i.active for i in items):
            items.insert(0, FacetItem(active, KIND_LABELS.get(active, active) if name == "kind" else active,
                                      0, search_url(query, **{name: None}), True))
        if items:
            groups.append(FacetGroup(name, FIELD_LABELS[name], tuple(items)))
    return groups


def _date_groups(page: SearchPage) -> list[FacetGroup]:
    """年份, and under a selected year its 月份: a year link sets date_from/date_to to that year."""
    query = page.query
    year_sel, month_sel, focus = selected_year(query), selected_month(query), focus_year(query)
    years = []
    for year, count in (page.facets.get("year") or {}).items():
        active = year_sel == year or (focus == year and year_sel is None)
        url = (search_url(query, date_from=None, date_to=None) if active
               else search_url(query, date_from=year_bounds(year)[0], date_to=year_bounds(year)[1]))
        years.append(FacetItem(year, f"{year}年", count, url, active))
    groups = [FacetGroup("year", FIELD_LABELS["year"], tuple(years))] if years else []
    if focus:
        months = []
        for month, count in sorted((page.facets.get("month") or {}).items()):
            if not month.startswith(focus):
                continue
            lo, hi = month_bounds(month) if month_sel != month else year_bounds(focus)
            months.append(FacetItem(month, f"{int(month[5:7])}月", count,
                                    search_url(query, date_from=lo, date_to=hi), month_sel == month))
        if months:
            groups.append(FacetGroup("month", f"{focus}年 · {FIELD_LABELS['month']}", tuple(months)))
    return groups


def chips(query: SearchQuery) -> list[Chip]:
    """Active filters, each with the URL that removes it."""
    out: list[Chip] = []
    if query.region:
        out.append(Chip("region", f"{FIELD_LABELS['region']}：{query.region}", search_url(query, region=None)))
    if query.kind:
        out.append(Chip("kind", f"{FIELD_LABELS['kind']}：{KIND_LABELS.get(query.kind, query.kind)}",
                        search_url(query, kind=None)))
    if query.date_from or query.date_to:
        out.append(Chip("date", f"{FIELD_LABELS['date']}：{date_label(query)}",
                        search_url(query, date_from=None, date_to=None)))
    if query.reporter:
        out.append(Chip("reporter", f"{FIELD_LABELS['reporter']}：{query.reporter}", search_url(query, reporter=None)))
    if query.section:
        out.append(Chip("section", f"{FIELD_LABELS['section']}：{query.section}", search_url(query, section=None)))
    return out


def timeline(page: SearchPage) -> Chart | None:
    """Hits over time as SVG bars: by year, or by month when the search lies within one year."""
    query = page.query
    focus = focus_year(query)
    if focus:
        months = page.facets.get("month") or {}
        keys = [f"{focus}-{m:02d}" for m in range(1, 13)]
        series = [(k, f"{int(k[5:7])}月", f"{focus}年{int(k[5:7])}月", months.get(k, 0)) for k in keys]
        title = f"{focus}年各月命中数"
        sel = selected_month(query)
        urls = {k: search_url(query, date_from=month_bounds(k)[0], date_to=month_bounds(k)[1]) for k in keys}
    else:
        years = page.facets.get("year") or {}
        if not years:
            return None
        lo, hi = int(min(years)), int(max(years))
        if hi - lo > 200:  # a stray far-off date must not draw a thousand empty bars
            keys = sorted(years)
        else:
            keys = [str(y) for y in range(lo, hi + 1)]
        series = [(k, k, f"{k}年", years.get(k, 0)) for k in keys]
        title = "各年命中数"
        sel = selected_year(query)
        urls = {k: search_url(query, date_from=year_bounds(k)[0], date_to=year_bounds(k)[1]) for k in keys}
    peak = max((c for *_, c in series), default=0)
    if peak == 0:
        return None
    width, height, top, bottom = 640, 160, 16, 22
    slot = width / len(series)
    bar_w = max(2.0, slot * 0.7)
    bars = []
    for i, (key, label, tip, count) in enumerate(series):
        h = (height - top - bottom) * count / peak
        bars.append(Bar(label=label, title=f"{tip}：{count} 条", count=count, url=urls[key],
                        x=round(i * slot + (slot - bar_w) / 2, 1), y=round(height - bottom - h, 1),
                        width=round(bar_w, 1), height=round(h, 1), active=sel == key))
    label_every = max(1, -(-len(series) // 12))
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


# --- routes ----------------------------------------------------------------------------


@bp.get("/")
def index() -> str:
    stats = current_stats()
    return render_template("home.html", stats=stats)


@bp.get("/search")
def search() -> str:
    page = run_search(request.args)
    query = page.query
    last = last_page(page)
    return render_template(
        "search.html",
        page=page,
        query=query,
        q=query.q,
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
        clear_url=url_for("views.search", **changed_args(query, region=None, kind=None, reporter=None,
                                                          section=None, date_from=None, date_to=None)),
        csv_url=url_for("export.csv", **changed_args(query, page_size=None)),
        jsonl_url=url_for("export.jsonl", **changed_args(query, page_size=None)),
        api_url=url_for("api.search", **changed_args(query, page=query.page)),
        hidden=changed_args(query, q=None),  # the search box keeps filters, sort and page size
    )


def record_page(record_id: str, q: str) -> RecordPage:
    """The record behind /records/<id> and /api/records/<id>; RecordNotFound -> 404."""
    if not record_id or len(record_id) > MAX_RECORD_ID or not record_id.isascii() or not record_id.isalnum():
        raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
    return get_record(get_archive(), record_id, q=q[:1000])


@bp.get("/records/<record_id>")
def record(record_id: str) -> str:
    q = request.args.get("q", "")
    rp = record_page(record_id, q)
    return render_template(
        "record.html",
        rp=rp,
        r=rp.record,
        q=q[:1000],
        citation=gbt7714(rp.record, current_app.config["PAPER"]),
        display_title=display_title(rp.record),
        permalink=url_for("views.record", record_id=rp.record.id, _external=True),
        back_url=url_for("views.search", q=q) if q else None,
    )
