"""Web fixtures shared by several modules: ``live_server``, ``browser`` and ``open_session`` (a real
Chromium on the app under waitress), ``openapi`` (the app's OpenAPI document), and ``facet_index``
and ``browse_index`` (indexes of their own).

Each keeps the scope it had in the module that defined it (``open_session`` per test, the rest per
module). ``live_server`` looks ``seed_index_dir`` up by name, so a module that overrides
``seed_index_dir`` (the demo index in ``test_browser_a11y``, the facet index in
``test_browser_facets``, the browse index in ``test_browser_browse``) gets it served.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import (BROWSE_PAGES, CHROMIUM, CHROMIUM_ARGS, DAYS, Session, browse_page_text, facet_page,
                     require_browser)

# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def live_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """The real app under waitress on 127.0.0.1:<free port>; yields the base URL."""
    require_browser()  # before building the index: skipping costs nothing
    seed_index_dir: Path = request.getfixturevalue("seed_index_dir")
    import waitress

    from webapp import create_app

    app = create_app({"INDEX_DIR": str(seed_index_dir)})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4, ident="baokan")
    thread = threading.Thread(target=server.run, name="baokan-waitress", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()  # the loop ends once its socket map is empty
        server.task_dispatcher.shutdown()
        thread.join(timeout=10)
        archive = app.extensions.get("baokan.archive")
        if archive is not None:
            archive.close()


@pytest.fixture(scope="module")
def browser(live_server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                              headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_session(browser, live_server: str, tmp_path: Path) -> Iterator:
    """Opens ``Session`` s (context options as keywords) on ``live_server``; closes them after the test."""
    sessions: list[Session] = []

    def make(**context_options) -> Session:
        session = Session(browser, live_server, tmp_path, **context_options)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


# --------------------------------------------------------------------------- the OpenAPI document


@pytest.fixture(scope="module")
def openapi(seed_index_dir):
    from webapp import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)}).test_client().get("/api/openapi.json").json


# --------------------------------------------------------------------------- indexes of their own


@pytest.fixture(scope="module")
def facet_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index by the real ingest: nine days over three years, four regions, people of every kind."""
    from indexer import ingest

    pages = tmp_path_factory.mktemp("facet_pages")
    for n, (day, topic) in enumerate(DAYS):
        (pages / f"jzrb_{day.replace('-', '')}_{n}.txt").write_text(facet_page(n, day, topic), "utf-8")
    index_dir = tmp_path_factory.mktemp("facet_index")
    report = ingest([str(pages)], str(index_dir), workers=1)
    assert not report.skipped and report.records_added == 3 * len(DAYS)
    return index_dir


@pytest.fixture(scope="module")
def browse_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index by the real ingest of ``helpers.BROWSE_PAGES``: three days over two years, one undated page."""
    from indexer import ingest

    pages = tmp_path_factory.mktemp("browse_pages")
    for name, (date, label, records) in BROWSE_PAGES.items():
        (pages / name).write_text(browse_page_text(date, label, records), "utf-8")
    index_dir = tmp_path_factory.mktemp("browse_index")
    report = ingest([str(pages)], str(index_dir), workers=1)
    assert not report.skipped and report.records_added == 12
    return index_dir
