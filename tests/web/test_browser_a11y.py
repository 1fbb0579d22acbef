"""Accessibility in the real headless Chromium: axe-core on every page type, and the keyboard.

axe-core (the npm ``axe-core`` engine, installed by ``scripts/test.sh`` into the git-ignored
``.venv/axe``) is evaluated in each page through the DevTools protocol, which the site's CSP does
not govern, so the CSP stays on and the guard still checks it. Every page type, desktop and phone,
must have no violation of impact ``serious`` or ``critical``; the failure message lists every
violation (all impacts), and a summary by rule is written to ``/tmp/baokan-shots/axe-summary.json``.

The index is the demo archive (``webapp/demo_pages``: a few hundred records over several years), so
results pages have facets, a chart and many pages. Without axe-core or Chromium the tests skip,
unless ``BAOKAN_REQUIRE_BROWSER=1`` (set by ``.ci/run``), in which case they fail.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from helpers import DESKTOP, PHONE, SHOTS_DIR, Session, require_browser

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
REPAIRED_QUERY = '"巡察 (科技'
EMPTY_QUERY = "没有这个词ZZQX"


def _require_axe() -> Path:
    if AXE_JS.is_file():
        return AXE_JS
    message = f"{AXE_JS.relative_to(REPO)} not found (bash scripts/test.sh installs axe-core from npm)"
    if os.environ.get("BAOKAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"BAOKAN_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def demo_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive, indexed once by the real ingest (~30 s)."""
    _require_axe()
    require_browser()  # before building the index: skipping costs nothing
    from indexer import ingest
    from webapp.server import DEMO_PAGES

    index_dir = tmp_path_factory.mktemp("a11y_index")
    report = ingest([str(DEMO_PAGES)], str(index_dir))
    assert not report.skipped and report.records_added >= 300
    return index_dir


@pytest.fixture(scope="module")
def seed_index_dir(demo_index_dir: Path) -> Path:
    """The demo index stands in for the session's seed index: ``live_server`` serves it."""
    return demo_index_dir


@pytest.fixture(scope="module")
def axe_source() -> str:
    return _require_axe().read_text("utf-8")


@pytest.fixture(scope="module")
def urls(browser, live_server: str) -> dict[str, str]:
    """One URL for each page type, found by following the site's own links."""
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    try:
        def href(selector: str) -> str:
            link = page.locator(selector).first
            assert link.count(), f"{selector} not on {page.url}"
            value = link.get_attribute("href")
            parts = urlsplit(value)
            return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")

        found = {"home": "/", "results": "/search?q=" + quote("焦作"),
                 "results-empty": "/search?q=" + quote(EMPTY_QUERY),
                 "results-repaired": "/search?q=" + quote(REPAIRED_QUERY),
                 "issues": "/issues", "api": "/api", "not-found": "/no/such/page"}
        page.goto(found["results"])
        found["results-filtered"] = href(".facet-region li a")
        found["record"] = href("#hits .hit-title")
        page.goto(found["issues"])
        found["issue"] = href("#calendar a.day")
        page.goto(found["issue"])
        found["issue-page"] = href("#issue-pages h2 a")
        return found
    finally:
        context.close()


def run_axe(page, source: str) -> list[dict]:
    """axe-core's violations on the page as it is now (all rules of WCAG 2.x A/AA and best practice)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source + "\n;void 0")
    return page.evaluate("""async () => {
        const result = await window.axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                      summary: n.failureSummary}))}));
    }""")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])})")
        lines += [f"    {n['target']}  {n['html']}\n      {(n['summary'] or '').replace(chr(10), ' ')}"
                  for n in v["nodes"]]
    return "\n".join(lines)


SUMMARY: dict[str, dict[str, int]] = {}


@pytest.fixture(scope="module", autouse=True)
def write_summary() -> Iterator[None]:
    yield
    if SUMMARY:
        SHOTS_DIR.mkdir(parents=True, exist_ok=True)
        (SHOTS_DIR / "axe-summary.json").write_text(json.dumps(SUMMARY, ensure_ascii=False, indent=1), "utf-8")


PAGE_TYPES = ["home", "results", "results-filtered", "results-empty", "results-repaired", "record",
              "issues", "issue", "issue-page", "api", "not-found"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_serious_or_critical_violation(browser, live_server: str, urls: dict[str, str],
                                                    axe_source: str, tmp_path: Path, kind: str,
                                                    viewport: dict[str, int]):
    session = Session(browser, live_server, tmp_path, viewport=viewport)
    try:
        page = session.page
        response = page.goto(urls[kind])
        assert response is not None and response.status == (404 if kind == "not-found" else 200)
        if kind.startswith("results") and page.locator("input.pick").count():
            page.locator("input.pick").first.check()  # the export buttons enabled, "已选 1 条"
        violations = run_axe(page, axe_source)
        width = "phone" if viewport == PHONE else "desktop"
        SUMMARY[f"{kind}/{width}"] = dict(Counter(f"{v['impact']}:{v['id']}:{len(v['nodes'])}"
                                                  for v in violations))
        session.shot(f"a11y-{kind}-{width}")
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        assert not blocking, f"axe-core on {urls[kind]} ({width}):\n{describe(violations)}"
        assert page.locator("h1").count() == 1, f"{kind}: one h1 per page\n{describe(violations)}"
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        session.guard.check()
    finally:
        session.close()


# --------------------------------------------------------------------------- keyboard


FOCUS_STYLE = """() => {
    const el = document.activeElement, s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.getAttribute('class') || '',
            href: el.getAttribute('href') || '', text: (el.textContent || '').trim().slice(0, 40),
            visible: outline || shadow, focusVisible: el.matches(':focus-visible'),
            region: el.closest('#facets') ? 'facets' : el.closest('#hits') ? 'hits'
                  : el.closest('#pager') ? 'pager' : el.closest('header') ? 'header'
                  : el.closest('#chart') ? 'chart' : el.closest('.skip-links') ? 'skip' : ''};
}"""


def tab_through(page, limit: int = 400) -> list[dict]:
    """Reload, then press Tab from the top of the page until the focus leaves it; what each stop was."""
    page.reload()  # Chromium Tabs on from the last focused element, even after blur(): start afresh
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_STYLE)
        if info["tag"] == "body" or (stops and info == stops[0] and len(stops) > 1):
            break
        stops.append(info)
    return stops


def test_tab_order_reaches_search_facets_hits_pager_with_a_visible_focus(browser, live_server: str,
                                                                        urls: dict[str, str], tmp_path: Path):
    session = Session(browser, live_server, tmp_path, viewport=DESKTOP)
    try:
        page = session.page
        page.goto(urls["results"])
        stops = tab_through(page)
        assert stops, "Tab focused nothing"
        assert stops[0]["cls"].startswith("skip"), f"the first Tab stop is the skip link: {stops[0]}"

        def first(predicate) -> int:
            for i, s in enumerate(stops):
                if predicate(s):
                    return i
            raise AssertionError(f"not reached by Tab: {[(s['tag'], s['id'], s['text']) for s in stops]}")

        search_box = first(lambda s: s["id"] == "q")
        facet = first(lambda s: s["region"] == "facets")
        hit = first(lambda s: s["region"] == "hits" and "hit-title" in s["cls"])
        pager = first(lambda s: s["region"] == "pager")
        assert search_box < facet < hit < pager, (search_box, facet, hit, pager)
        invisible = [s for s in stops if not s["visible"]]
        assert not invisible, f"focused without a visible focus indicator: {invisible}"
        assert all(s["focusVisible"] for s in stops)
        session.shot("a11y-keyboard-focus")

        # The first skip link shows when focused and jumps to the results: the next Tab lands in them.
        page.goto(urls["results"])
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.get_attribute("class") == "skip-link" and skip.is_visible()
        assert skip.evaluate("a => a.getBoundingClientRect().left") >= 0, "the focused skip link is on screen"
        target = skip.get_attribute("href")
        assert target == "#results"
        page.keyboard.press("Enter")
        assert urlsplit(page.url).fragment == "results"
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('#results')")
        session.guard.check()
    finally:
        session.close()


def test_chart_and_checkboxes_work_from_the_keyboard(browser, live_server: str, urls: dict[str, str],
                                                     tmp_path: Path):
    session = Session(browser, live_server, tmp_path, viewport=DESKTOP)
    try:
        page = session.page
        page.goto(urls["results"])
        # Checkbox: focus, Space ticks it, the status and the export buttons follow.
        box = page.locator("input.pick").first
        box.focus()
        assert page.evaluate(FOCUS_STYLE)["visible"]
        page.keyboard.press("Space")
        assert box.is_checked()
        assert page.locator("#pick-status").inner_text() == "已选 1 条"
        assert page.locator("button.export-picked").first.is_enabled()
        page.keyboard.press("Space")
        assert not box.is_checked() and page.locator("button.export-picked").first.is_disabled()

        # Chart: its bars are links in the Tab order, with a focus indicator and a name; Enter follows one.
        bars = page.locator("#chart a.bar-link")
        assert bars.count() >= 3
        stops = tab_through(page)
        chart_stops = [s for s in stops if s["region"] == "chart"]
        assert len(chart_stops) == bars.count(), chart_stops
        assert all(s["visible"] for s in chart_stops), chart_stops
        bar = bars.nth(1)
        bar.focus()
        name = bar.evaluate("a => a.getAttribute('aria-label') || a.querySelector('title').textContent")
        assert name.strip()
        href = bar.get_attribute("href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(href) or urlsplit(page.url).query == urlsplit(href).query
        session.guard.check()
    finally:
        session.close()
