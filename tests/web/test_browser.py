"""The site in a real headless Chromium (Debian's ``chromium``, driven by Playwright's sync API).

The app runs under waitress (the production server ``baokan serve`` uses) on a free
loopback port (``live_server`` and ``browser`` in ``tests/web/conftest.py``), serving the
session index built by ``conftest.seed_index_dir`` (the two seed pages plus the hostile XSS
page). Every test checks at the end that no dialog
opened, no script error happened and the site satisfied its own CSP.

Screenshots of the home, results and record pages (desktop and phone) are written
under each test's ``tmp_path`` and copied to ``/tmp/baokan-shots/`` for a human look.

Without ``/usr/bin/chromium`` the tests skip, unless ``BAOKAN_REQUIRE_BROWSER=1``
(set by ``.ci/run``), in which case they fail.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import DESKTOP, NO_HSCROLL, PHONE, TIMEOUT_MS, XSS_IMG, XSS_SCRIPT, Session, query_of, total

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def desktop(open_session) -> Session:
    return open_session(viewport=DESKTOP)


def facet_counts(page, name: str) -> dict[str, int]:
    items = page.locator(f".facet-{name} li").all()
    return {item.locator(".facet-value").inner_text(): int(item.locator(".count").inner_text())
            for item in items}


def search_from_home(page, q: str) -> None:
    page.goto("/")
    page.locator("#q").fill(q)
    with page.expect_navigation():
        page.locator("#q").press("Enter")


# --------------------------------------------------------------------------- 1. search


def test_search_from_home_shows_highlighted_hits(desktop: Session):
    page = desktop.page
    page.goto("/")
    assert page.locator("h1").inner_text() == "焦作日报档案检索"
    assert int(page.locator("#stat-records").inner_text()) > 0
    desktop.shot("desktop-home")

    page.locator("#q").fill("巡察")
    with page.expect_navigation():
        page.locator(".hero button[type=submit]").click()
    assert urlsplit(page.url).path == "/search"
    assert query_of(page.url)["q"] == ["巡察"]
    assert page.locator("#q").input_value() == "巡察"  # the box keeps the query
    n = total(page)
    hits = page.locator("#hits .hit")
    assert n >= 2 and hits.count() == min(n, 20)
    marks = page.locator("#hits mark").all_inner_texts()
    assert marks and all("巡察" in m for m in marks), marks
    for i in range(hits.count()):  # every hit has a highlighted snippet or title
        assert hits.nth(i).locator("mark").count() > 0
    # The mark is styled, i.e. the stylesheet loaded under the CSP.
    background = page.locator("#hits mark").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    desktop.shot("desktop-results")
    desktop.guard.check()


# --------------------------------------------------------------------------- 2. facets, URL state, back


def test_region_facet_changes_counts_url_and_back_restores(desktop: Session):
    page = desktop.page
    search_from_home(page, "巡察")
    before_url, before_total = page.url, total(page)
    before_regions = facet_counts(page, "region")
    before_kinds = facet_counts(page, "kind")
    assert len(before_regions) >= 2, before_regions
    assert page.locator("#chips").count() == 0
    region, count = min(before_regions.items(), key=lambda kv: kv[1])
    assert count < before_total

    link = page.locator(".facet-region a", has_text=region)
    with page.expect_navigation():
        link.click()
    assert query_of(page.url).get("region") == [region]
    assert query_of(page.url).get("q") == ["巡察"]
    assert total(page) == count
    assert page.locator("#hits .hit").count() == count
    assert page.locator(".hit .meta-region").all_inner_texts() == [region] * count
    chip = page.locator("#chips .chip-region")
    assert chip.count() == 1 and region in chip.inner_text()
    active = page.locator(".facet-region li.active")
    assert active.count() == 1 and region in active.inner_text()
    # The region facet counts as if its own filter were off (pick another region in one click);
    # every other facet now counts only the filtered hits.
    assert facet_counts(page, "region") == before_regions
    assert facet_counts(page, "kind") != before_kinds
    assert sum(facet_counts(page, "kind").values()) == count
    assert sum(facet_counts(page, "year").values()) == count
    filtered_url = page.url

    page.go_back()
    page.wait_for_url(before_url)
    assert page.url == before_url
    assert total(page) == before_total
    assert facet_counts(page, "region") == before_regions
    assert page.locator("#chips").count() == 0

    page.go_forward()
    page.wait_for_url(filtered_url)
    assert total(page) == count and page.locator("#chips .chip-region").count() == 1

    # Removing the chip drops the filter (and only it).
    with page.expect_navigation():
        page.locator("#chips .chip-region").click()
    assert "region" not in query_of(page.url) and query_of(page.url)["q"] == ["巡察"]
    assert total(page) == before_total
    desktop.guard.check()


def test_sort_and_page_state_live_in_the_url(desktop: Session):
    page = desktop.page
    page.goto("/search?page_size=10")
    n = total(page)
    assert n > 10, "the seed archive should need more than one page of 10"
    first_page_ids = page.locator("#hits .hit").evaluate_all("els => els.map(e => e.dataset.id)")
    with page.expect_navigation():
        page.locator("#pager a.next").click()
    assert query_of(page.url).get("page") == ["2"] and query_of(page.url).get("page_size") == ["10"]
    second_page_ids = page.locator("#hits .hit").evaluate_all("els => els.map(e => e.dataset.id)")
    assert second_page_ids and not set(first_page_ids) & set(second_page_ids)
    assert page.locator(".sort .active").count() == 1  # without a query: newest first, no 相关度
    with page.expect_navigation():
        page.locator(".sort a.sort-oldest").click()
    assert query_of(page.url).get("sort") == ["oldest"] and "page" not in query_of(page.url)
    assert page.locator(".sort .sort-oldest").get_attribute("aria-current") == "true"
    dates = page.locator("#hits .hit time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates and dates == sorted(dates)
    # A bookmarked URL reproduces the same page in a fresh tab.
    other = desktop.context.new_page()
    desktop.guard.watch(other)
    other.goto(page.url)
    assert other.locator("#hits .hit").evaluate_all("els => els.map(e => e.dataset.id)") == \
        page.locator("#hits .hit").evaluate_all("els => els.map(e => e.dataset.id)")
    desktop.guard.check()


def test_year_then_month_drill_down_and_chart(desktop: Session):
    page = desktop.page
    page.goto("/search")
    everything = total(page)
    years = facet_counts(page, "year")
    year, count = max(years.items(), key=lambda kv: kv[1])
    # no year chosen: the month histogram across all years ("2022年7月"), not a year's months ("7月")
    assert all("年" in label for label in facet_counts(page, "month"))
    with page.expect_navigation():
        page.locator(".facet-year a", has_text=year).click()
    y = year.rstrip("年")
    assert query_of(page.url).get("date_from") == [f"{y}-01-01"]
    assert query_of(page.url).get("date_to") == [f"{y}-12-31"]
    assert total(page) == count < everything
    assert page.locator("#chips .chip-date").count() == 1
    months = facet_counts(page, "month")
    assert months and sum(months.values()) == count
    assert page.locator("svg.timeline rect.bar").count() >= 1  # by month within the year
    month, month_count = next(iter(months.items()))
    with page.expect_navigation():
        page.locator(".facet-month a", has_text=month).click()
    assert total(page) == month_count
    assert page.locator(".facet-month li.active").count() == 1
    page.go_back()
    assert total(page) == count
    page.go_back()
    assert total(page) == everything and page.locator("#chips").count() == 0
    desktop.guard.check()


# --------------------------------------------------------------------------- 3. record + citation

# 作者. 标题[N]. 报纸名, YYYY-MM-DD(版次).  (author, date and 版次 are left out when unknown)
GBT7714 = re.compile(r"^(?:[^.]+\. )?.+\[N\]\. [^,]+"
                     r"(?:, \d{4}-\d{2}-\d{2}(?:\([0-9A-Za-z一二三四五六七八九十]+\))?)?\.$")


def wait_for_copy_status(page) -> None:
    # Not wait_for_function("…"): polling a string needs eval, which the site's CSP forbids.
    from playwright.sync_api import expect

    expect(page.locator("#copy-status")).to_have_text(re.compile(r"\S"), timeout=TIMEOUT_MS)


def open_first_clean_hit(page) -> str:
    """Open the first 巡察 hit that is not the hostile test page; returns its title."""
    search_from_home(page, "巡察")
    link = page.locator("#hits .hit a.hit-title").filter(has_not_text="恶意标题").first
    title = link.inner_text()
    with page.expect_navigation():
        link.click()
    return title


def test_record_page_highlight_citation_and_copy(open_session):
    session = open_session(viewport=DESKTOP)
    session.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=session.base)
    page = session.page
    title = open_first_clean_hit(page)
    assert urlsplit(page.url).path.startswith("/records/")
    assert query_of(page.url).get("q") == ["巡察"]
    assert page.locator("h1.record-title").inner_text() == title
    body = page.locator("#record-body")
    assert len(body.inner_text()) > 100  # the full text, not a snippet
    marks = body.locator("mark").all_inner_texts()
    assert marks and all("巡察" in m for m in marks)
    assert page.locator("p.back a").inner_text().startswith("← 返回")

    citation = page.locator("#citation").inner_text().strip()
    assert GBT7714.match(citation), citation
    assert f"{title}[N]. 焦作日报, " in citation
    record_date = page.locator("#record-meta time").get_attribute("datetime")
    # The seed pages have no masthead, so no 版次: it is left out rather than invented.
    assert record_date and re.search(rf", {record_date}(\(\w+\))?\.$", citation), citation
    permalink = page.locator("#permalink").get_attribute("href")
    assert permalink == session.base + urlsplit(page.url).path
    session.shot("desktop-record")

    page.locator("#copy-citation").click()
    wait_for_copy_status(page)
    assert page.locator("#copy-status").inner_text() == "已复制"
    assert page.evaluate("navigator.clipboard.readText()") == citation

    # The permalink opens the same record; the back link returns to the results.
    with page.expect_navigation():
        page.locator("p.back a").click()
    assert urlsplit(page.url).path == "/search" and query_of(page.url)["q"] == ["巡察"]
    session.guard.check()


def test_copy_citation_without_async_clipboard_falls_back(open_session):
    """Plain-http intranet hosts have no navigator.clipboard: the button still copies (or says so)."""
    session = open_session(viewport=DESKTOP)
    session.context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = session.page
    open_first_clean_hit(page)
    page.evaluate("""() => { window.__copied = null;
        document.addEventListener('copy', () => { window.__copied = String(document.getSelection()); }); }""")
    page.locator("#copy-citation").click()
    wait_for_copy_status(page)
    status = page.locator("#copy-status").inner_text()
    assert status in ("已复制", "复制失败，请手动选择文本复制"), status
    if status == "已复制":
        assert page.evaluate("window.__copied") == page.locator("#citation").inner_text().strip()
    assert page.locator("textarea").count() == 0  # the helper textarea is cleaned up
    session.guard.check()


# --------------------------------------------------------------------------- 4. CSV export


def read_csv_download(download) -> tuple[bytes, list[dict[str, str]]]:
    data = Path(download.path()).read_bytes()
    return data, list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_export_csv_is_the_whole_result_set(desktop: Session):
    page = desktop.page
    search_from_home(page, "巡察")
    n = total(page)
    titles = page.locator("#hits .hit a.hit-title").all_inner_texts()
    with page.expect_download() as info:
        page.locator("a.export-csv").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".csv") and "巡察" in download.suggested_filename
    data, rows = read_csv_download(download)
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM"
    assert len(rows) == n
    assert sorted(r["标题"] for r in rows) == sorted(titles)
    assert any(re.search(r"[\u4e00-\u9fff]", r["标题"]) for r in rows)
    assert all("巡察" in (r["标题"] + r["正文"]) for r in rows)
    assert {r["编号"] for r in rows} == set(
        page.locator("#hits .hit").evaluate_all("els => els.map(e => e.dataset.id)"))

    # The export is the whole set, not the visible page.
    page.goto("/search?page_size=10")
    everything = total(page)
    assert page.locator("#hits .hit").count() == 10 < everything
    with page.expect_download() as info:
        page.locator("a.export-csv").click()
    _, rows = read_csv_download(info.value)
    assert len(rows) == everything
    assert len({r["编号"] for r in rows}) == everything
    desktop.guard.check()


# --------------------------------------------------------------------------- 5. XSS

MARKER = '<img src=x onerror="window.__xss=1">'
HOSTILE_QUERIES = [XSS_SCRIPT, XSS_IMG, MARKER, f"示范区 {MARKER}", "javascript:alert(1)",
                   "'\"><svg onload=alert(1)>"]

INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(`${el.tagName} ${a.name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)
          && /^\\s*javascript:/i.test(a.value)) bad.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const s of document.scripts) if (!s.src.endsWith('/static/baokan.js')) bad.push('script ' + s.outerHTML);
  for (const img of document.images) bad.push('img ' + img.outerHTML);
  for (const el of document.querySelectorAll('svg *')) if (el.closest('svg.timeline') === null) bad.push('svg');
  for (const b of document.querySelectorAll('b, iframe, object, embed')) bad.push(b.outerHTML);
  if (window.__xss !== undefined) bad.push('window.__xss set');
  return bad;
}"""


def assert_inert(page) -> None:
    assert page.evaluate(INJECTED) == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-only"])
def test_hostile_markup_never_runs(open_session, bypass_csp: bool):
    """Payloads in queries and in an ingested page stay text.

    ``escaping-only`` turns the CSP off, so the escaping itself is tested and not
    just the CSP that would otherwise block an injected inline script.
    """
    session = open_session(viewport=DESKTOP, bypass_csp=bypass_csp)
    page = session.page
    for q in HOSTILE_QUERIES:
        search_from_home(page, q)
        assert page.locator("#q").input_value() == q  # echoed back as text
        assert_inert(page)
        page.goto("/api/search?q=" + q.replace("#", "%23").replace("&", "%26"))
        assert_inert(page)

    # The hostile page: title, body, caption, facets, chips, citation, related lists.
    page.goto("/search?q=恶意标题测试")
    assert total(page) >= 1
    hit = page.locator("#hits .hit a.hit-title").first
    assert XSS_SCRIPT in hit.inner_text()
    assert_inert(page)
    for name in ("region", "reporter", "kind"):
        link = page.locator(f".facet-{name} a").first
        with page.expect_navigation():
            link.click()
        assert_inert(page)
    assert page.locator("#chips .chip").count() == 3
    assert_inert(page)
    with page.expect_navigation():
        page.locator("#hits .hit a.hit-title").first.click()
    assert urlsplit(page.url).path.startswith("/records/")
    assert XSS_SCRIPT in page.locator("h1.record-title").inner_text()
    body = page.locator("#record-body").inner_text()
    assert XSS_IMG in body and "<b>加粗</b>" in body
    citation = page.locator("#citation").inner_text()
    assert XSS_SCRIPT in citation and citation.endswith("[N]. 焦作日报, 2023-11-02(2).")
    assert_inert(page)
    if not bypass_csp:
        session.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=session.base)
        page.locator("#copy-citation").click()
        wait_for_copy_status(page)
        assert XSS_SCRIPT in page.evaluate("navigator.clipboard.readText()")
    session.shot(f"desktop-xss-record-{'csp' if not bypass_csp else 'nocsp'}")
    # Same-page and related lists link to other records; open each, all inert.
    for href in page.locator("aside a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        page.goto(href)
        assert_inert(page)
    assert page.evaluate("window.__xss") is None
    session.guard.check()


def test_site_satisfies_its_own_csp(desktop: Session):
    """The CSP header is on every page and the site's own CSS, JS, icon and SVG chart all load."""
    page = desktop.page
    for path in ("/", "/search?q=巡察", "/search", "/search?q=不存在的词语组合xyz", "/records/nope",
                 "/search?page=abc"):
        response = page.goto(path)
        assert response is not None
        csp = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        # Stylesheet applied: the body font is not the browser default serif.
        family = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert family and family.lower() not in ("serif", "times new roman", '"times new roman"'), family
        assert page.evaluate("document.styleSheets.length") >= 1
        assert page.evaluate("[...document.styleSheets].every(s => { try { return s.cssRules.length > 0 }"
                             " catch (e) { return false } })")
    page.goto("/search?q=巡察")
    assert page.locator("svg.timeline rect.bar").count() > 0
    desktop.guard.check()


# --------------------------------------------------------------------------- 6. phone

def test_phone_viewport_has_no_horizontal_scroll(open_session):
    session = open_session(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = session.page
    page.goto("/")
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    assert page.evaluate(NO_HSCROLL), page.evaluate("document.scrollingElement.scrollWidth")
    session.shot("phone-home")
    search_from_home(page, "巡察")
    assert total(page) >= 2
    assert page.evaluate(NO_HSCROLL), page.evaluate("document.scrollingElement.scrollWidth")
    session.shot("phone-results")
    box = page.locator("#q").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # the results come before the facets on a phone
    assert page.locator("#hits").bounding_box()["y"] < page.locator("#facets").bounding_box()["y"]
    page.goto("/search?page_size=10")
    assert page.evaluate(NO_HSCROLL)
    open_first_clean_hit(page)
    assert page.evaluate(NO_HSCROLL), page.evaluate("document.scrollingElement.scrollWidth")
    session.shot("phone-record")
    page.goto("/search?q=恶意标题测试")  # long unbroken hostile title
    assert page.evaluate(NO_HSCROLL), page.evaluate("document.scrollingElement.scrollWidth")
    session.guard.check()


def test_phone_chart_labels_are_readable(open_session):
    session = open_session(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = session.page
    page.goto("/search")
    # every label shown (a phone hides every other one, so the rest have room)
    sizes = page.locator("svg.timeline text").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.getBoundingClientRect().height)")
    assert sizes
    assert min(sizes) >= 9, f"chart label heights in CSS px: {sizes}"
    session.guard.check()
