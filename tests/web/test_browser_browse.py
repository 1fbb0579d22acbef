"""Browsing the paper in a real headless Chromium: calendar -> day -> page -> record -> next record -> back to the search.

The app runs under waitress (``live_server`` in ``tests/web/conftest.py``) over the multi-day
index ``browse_index`` (the pages of ``helpers.BROWSE_PAGES``, built by the real ingest).
Screenshots of every browse page, desktop and phone, go to ``/tmp/baokan-shots/``.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import DESKTOP, ISSUE_DAY, PHONE, Session, query_of

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def seed_index_dir(browse_index: Path) -> Path:
    """The browse index stands in for the session's seed index: ``live_server`` serves it."""
    return browse_index


@pytest.fixture
def session(browser, live_server: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Session]:
    s = Session(browser, live_server, tmp_path, viewport=getattr(request, "param", DESKTOP))
    yield s
    s.close()


def click_to(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_calendar_day_page_record_next_record(session: Session):
    page = session.page
    page.goto("/")
    click_to(page, page.locator("#nav-issues"))
    assert urlsplit(page.url).path == "/issues"
    assert page.locator("h1").count() == 1 and page.locator("h1").inner_text() == "报纸日历"
    assert page.locator("#calendar-title").inner_text() == "2022年"  # the latest year first
    click_to(page, page.locator(".year-nav a", has_text="2021年"))
    assert query_of(page.url) == {"year": ["2021"]}
    session.shot("browse-desktop-calendar")

    click_to(page, page.locator(f'a.day[data-date="{ISSUE_DAY}"]'))
    assert urlsplit(page.url).path == f"/issues/{ISSUE_DAY}"
    assert page.locator("h1").inner_text() == "焦作日报 2021年11月13日"
    assert page.locator(".issue-page h2 a").all_inner_texts() == [
        "第1版 要闻", "第1版 要闻", "第3版 温县新闻", "第10版 副刊", "b_notes_20211113.txt"]
    session.shot("browse-desktop-issue")

    click_to(page, page.locator(".issue-page h2 a", has_text="第3版"))
    assert urlsplit(page.url).path == f"/issues/{ISSUE_DAY}/3"
    assert page.locator("h1").inner_text() == "2021年11月13日 第3版 温县新闻"
    assert page.locator("article.page-record").count() == 3
    session.shot("browse-desktop-page")

    click_to(page, page.locator("article.page-record h2 a").nth(1))
    assert page.locator("h1.record-title").inner_text() == "温县开展冬季消防安全检查"
    assert page.locator("#record-position .where").inner_text() == "2021-11-13 第3版，第2篇（本版共 3 篇）"
    session.shot("browse-desktop-record")

    click_to(page, page.locator("#next-record"))
    assert "2021-11-13 第3版，第3篇" in page.locator("#record-position .where").inner_text()
    click_to(page, page.locator("#up-page"))
    assert urlsplit(page.url).path == f"/issues/{ISSUE_DAY}/3"
    click_to(page, page.locator("#next-page"))
    assert urlsplit(page.url).path == f"/issues/{ISSUE_DAY}/10"
    click_to(page, page.locator("#up-issue"))
    click_to(page, page.locator("#next-issue"))
    assert urlsplit(page.url).path == "/issues/2022-03-05"
    session.guard.check()


def test_jump_to_an_empty_day_offers_the_nearest_issue(session: Session):
    page = session.page
    page.goto("/issues")
    page.locator("#jump-date").fill("2021-11-20")
    click_to(page, page.locator("#jump button[type=submit]"))
    assert query_of(page.url) == {"date": ["2021-11-20"]}
    assert "2021年11月20日没有报纸" in page.locator("#jump-result").inner_text()
    click_to(page, page.locator("#nearest-before"))
    assert urlsplit(page.url).path == f"/issues/{ISSUE_DAY}"
    page.goto("/issues")
    page.locator("#jump-date").fill(ISSUE_DAY)
    click_to(page, page.locator("#jump button[type=submit]"))
    assert urlsplit(page.url).path == f"/issues/{ISSUE_DAY}"
    session.guard.check()


def test_next_record_then_back_to_the_filtered_search(session: Session):
    page = session.page
    search = "/search?q=温县&region=温县&sort=oldest&page_size=50"
    page.goto(search)
    state = query_of(page.url)
    assert state == {"q": ["温县"], "region": ["温县"], "sort": ["oldest"], "page_size": ["50"]}
    click_to(page, page.locator("#hits a.hit-title", has_text="温县铁棍山药进入采挖季"))
    assert page.locator("#record-position .where").inner_text().startswith("2021-11-13 第3版，第1篇")
    click_to(page, page.locator("#next-record"))
    assert page.locator("h1.record-title").inner_text() == "温县开展冬季消防安全检查"
    assert page.locator("#record-body mark").count() > 0  # the highlight came along
    assert page.locator("#back-to-search").inner_text() == "← 返回“温县”的检索结果"
    click_to(page, page.locator("#back-to-search"))
    assert urlsplit(page.url).path == "/search" and query_of(page.url) == state
    session.guard.check()


@pytest.mark.parametrize("session", [PHONE], indirect=True)
def test_browse_pages_fit_a_phone(session: Session):
    page = session.page
    for path, name in (("/issues?year=2021", "calendar"), (f"/issues/{ISSUE_DAY}", "issue"),
                       (f"/issues/{ISSUE_DAY}/3", "page")):
        page.goto(path)
        assert page.locator("h1").count() == 1
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        session.shot(f"browse-phone-{name}")
    click_to(page, page.locator("article.page-record h2 a").nth(1))
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    session.shot("browse-phone-record")
    session.guard.check()
