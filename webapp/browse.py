"""Browse the archive as printed: calendar, issue, page; each page and its JSON come from one object.

    /issues?year=2021&date=2021-11-14    calendar (a date with an issue redirects to it)
    /issues/2021-11-13                   that day's issue, its pages in order
    /issues/2021-11-13/3                 page 3 (the key: the number in 第3版, else the page file's stem)
    /api/issues…                         the same three as JSON
"""
from __future__ import annotations

import calendar as _calendar
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit, urlunsplit

from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for

from indexer import ArchiveCalendar
from webapp import get_backend

bp = Blueprint("browse", __name__)

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
MAX_BACK = 4000


def calendar_of(args: Mapping[str, str]) -> ArchiveCalendar:
    """The calendar for ``?year=&date=`` (an empty value means not given)."""
    return get_backend().archive_calendar(year=args.get("year") or None, date=args.get("date") or None)


# --- view models ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarDay:
    """A cell of a month grid: a day of the month, with its issue's counts when it has one."""

    day: int  # 0 = a cell outside the month
    date: str
    pages: int
    records: int


def month_weeks(month: str, days: Mapping[str, tuple[int, int]]) -> list[list[CalendarDay]]:
    """The weeks of "2021-11" (Monday first), each day with (pages, records) from ``days`` or (0, 0)."""
    year, m = int(month[:4]), int(month[5:7])
    weeks = []
    for week in _calendar.Calendar().monthdayscalendar(year, m):
        row = []
        for d in week:
            date = f"{month}-{d:02d}" if d else ""
            pages, records = days.get(date, (0, 0))
            row.append(CalendarDay(d, date, pages, records))
        weeks.append(row)
    return weeks


def cn_date(date: str | None) -> str:
    """ "2021-11-13" -> "2021年11月13日"."""
    if not date:
        return "日期不详"
    return f"{date[:4]}年{int(date[5:7])}月{int(date[8:10])}日"


@bp.app_template_filter("cn_date")
def _cn_date_filter(date: str | None) -> str:
    return cn_date(date)


def search_back_url(value: str | None) -> str | None:
    """``value`` if it is a relative ``/search?…`` URL of this site, else None (never an open redirect).

    "/search?q=巡察&region=温县&page=2" -> itself; "//evil.example/search", "https://…", "/export.csv?…" -> None.
    """
    if not value or len(value) > MAX_BACK or any(c in value for c in "\\\r\n\t"):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path != url_for("views.search"):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def back_to_search() -> str | None:
    """The search this record was opened from: the ``back`` parameter, else a same-site /search Referer."""
    back = search_back_url(request.args.get("back"))
    if back is None and request.referrer:
        ref = urlsplit(request.referrer)
        if ref.scheme in ("http", "https") and ref.netloc == request.host:
            back = search_back_url(urlunsplit(("", "", ref.path, ref.query, "")))
    return back


def back_query(back: str | None) -> str:
    """The ``q`` of a back URL ("/search?q=巡察&region=温县" -> "巡察")."""
    return (parse_qs(urlsplit(back).query).get("q") or [""])[0] if back else ""


# --- routes -----------------------------------------------------------------------------------


@bp.get("/issues")
def issues() -> str | Response:
    cal = calendar_of(request.args)
    if cal.jump is not None and cal.jump.found:
        return redirect(url_for("browse.issue_view", date=cal.jump.date))
    months = [(m, month_weeks(m.month, {d.date: (d.pages, d.records) for d in m.days})) for m in cal.months]
    return render_template("issues.html", cal=cal, months=months, weekdays=WEEKDAYS,
                           api_url=url_for("browse.api_issues", **{k: v for k, v in request.args.items()
                                                                    if k in ("year", "date") and v}))


@bp.get("/issues/<date>")
def issue_view(date: str) -> str:
    return render_template("issue.html", issue=get_backend().issue(date))


@bp.get("/issues/<date>/<page>")
def page_view(date: str, page: str) -> str:
    return render_template("issue_page.html", ip=get_backend().issue_page(date, page))


@bp.get("/api/issues")
def api_issues() -> Response:
    return jsonify(calendar_of(request.args).to_dict())


@bp.get("/api/issues/<date>")
def api_issue(date: str) -> Response:
    return jsonify(get_backend().issue(date).to_dict())


@bp.get("/api/issues/<date>/<page>")
def api_page(date: str, page: str) -> Response:
    return jsonify(get_backend().issue_page(date, page).to_dict())

