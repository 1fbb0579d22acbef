"""Facets in the real headless Chromium: tick two regions, tick two records and export them, and the
results page on a phone (chart labels, syntax examples, placeholder), on the facet index
(``facet_index`` in ``tests/web/conftest.py``, served by ``live_server``). Screenshots go to
``/tmp/baokan-shots/`` (facets-*.png) for a human look.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import rispy
from helpers import DESKTOP, NO_HSCROLL, PHONE, query_of, total

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def seed_index_dir(facet_index: Path) -> Path:
    """The facet index stands in for the session's seed index: ``live_server`` serves it."""
    return facet_index


def region_counts(page) -> dict[str, int]:
    return {li.locator(".facet-value").inner_text(): int(li.locator(".count").inner_text())
            for li in page.locator(".facet-region li").all()}


def test_tick_two_regions_then_export_two_ticked_records(open_session):
    session = open_session(viewport=DESKTOP)
    page = session.page
    page.goto("/search?q=会议")
    everything = total(page)
    counts = region_counts(page)
    with page.expect_navigation():
        page.locator(".facet-region a", has_text="温县").click()
    with page.expect_navigation():
        page.locator(".facet-region a", has_text="孟州市").click()
    assert query_of(page.url) == {"q": ["会议"], "region": ["温县", "孟州市"]}
    assert total(page) == counts["温县"] + counts["孟州市"] < everything
    assert set(page.locator(".hit .meta-region").all_inner_texts()) == {"温县", "孟州市"}
    assert page.locator(".hit").count() == total(page)
    assert page.locator(".facet-region li.active").count() == 2
    assert region_counts(page) == counts  # counted as if the region filter were off
    assert page.locator("#chips .chip-region").count() == 2
    session.shot("facets-two-regions")

    # untick one: its chip goes, the other stays
    with page.expect_navigation():
        page.locator("#chips .chip-region", has_text="温县").click()
    assert query_of(page.url) == {"q": ["会议"], "region": ["孟州市"]}
    assert total(page) == counts["孟州市"]
    page.go_back()
    page.wait_for_url("**region=%E5%AD%9F%E5%B7%9E%E5%B8%82")

    # tick two records: the buttons wake up and export just those
    buttons = page.locator("button.export-picked")
    assert all(b.is_disabled() for b in buttons.all())
    ids = page.locator(".hit").evaluate_all("els => els.map(e => e.dataset.id)")[:2]
    for rid in ids:
        page.locator(f"#pick-{rid}").check()
    assert page.locator("#pick-status").inner_text() == "已选 2 条"
    with page.expect_download() as info:
        page.locator("button.export-picked-csv").click()
    download = info.value
    assert download.url.endswith(f"/export.csv?id={ids[0]}&id={ids[1]}")
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 3  # the header and the two records
    assert {rid for rid in ids if any(rid in row for row in rows[1:])} == set(ids)

    # the same two as RIS, for EndNote or Zotero: a reference manager's parser reads them back
    with page.expect_download() as info:
        page.locator("button.export-picked-ris").click()
    entries = rispy.loads(Path(info.value.path()).read_text("utf-8-sig"))
    assert [e["type_of_reference"] for e in entries] == ["NEWS", "NEWS"]
    assert sorted(e["urls"][0].split("/records/")[-1] for e in entries) == sorted(ids) and all(e["title"] for e in entries)

    # and one record's own RIS link on its page
    page.goto(f"/records/{ids[0]}")
    with page.expect_download() as info:
        page.locator("#cite-ris").click()
    (entry,) = rispy.loads(Path(info.value.path()).read_text("utf-8-sig"))
    assert entry["title"] == page.locator("h1.record-title").inner_text()
    session.guard.check()


@pytest.mark.parametrize("viewport, name", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_results_page_reads_well_on_desktop_and_phone(open_session, viewport, name):
    extra = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True} if name == "phone" else {}
    session = open_session(viewport=viewport, **extra)
    page = session.page
    page.goto("/search?q=春耕")  # one month: the chart is by day, 31 bars
    assert page.locator("figure.chart figcaption").inner_text() == "2023年3月各日命中数"
    sizes = page.locator("svg.timeline text").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none')"
        ".map(e => e.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 9, f"chart label heights in CSS px: {sizes}"
    boxes = page.locator("svg.timeline text.bar-label").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.getBoundingClientRect())"
        ".map(r => [r.left, r.right])")
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:])), f"chart labels overlap: {boxes}"
    assert page.evaluate(NO_HSCROLL)
    session.shot(f"facets-days-{name}")
    page.goto("/search")  # the month histogram
    rows = page.locator(".facet-month li").evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
    assert len(rows) == len(set(rows)), "each month on its own row"
    session.shot(f"facets-months-{name}")
    page.goto('/search?q="巡察 (科技')  # nothing found: retry without quotes; no toolbar
    assert page.locator("#retry a").inner_text() == "巡察 (科技"
    assert page.locator(".toolbar").count() == 0
    # every syntax example stays on one line
    heights = page.locator("#syntax code").evaluate_all("els => els.map(e => e.getClientRects().length)")
    assert heights and set(heights) == {1}, heights
    assert page.evaluate(NO_HSCROLL)
    session.shot(f"facets-empty-{name}")
    page.goto("/")
    field = page.locator("#q")
    fits = field.evaluate("e => { const c = document.createElement('canvas').getContext('2d');"
                          " const s = getComputedStyle(e); c.font = s.fontSize + ' ' + s.fontFamily;"
                          " return c.measureText(e.placeholder).width <= e.clientWidth"
                          " - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }")
    assert fits, "the placeholder is cut off"
    session.shot(f"facets-home-{name}")
    session.guard.check()
