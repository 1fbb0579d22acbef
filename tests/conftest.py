"""Shared fixtures. Web fixtures (flaskr style): ``seed_index_dir``, ``app``, ``client``, ``runner``."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED_PAGES, XSS_PAGE


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index, built once per session by the real ``ingest`` from the two seeds and the XSS page."""
    from indexer.index.ingest import ingest

    pages = tmp_path_factory.mktemp("web_pages")
    for seed in SEED_PAGES:
        (pages / seed.name).write_bytes(seed.read_bytes())
    (pages / "xss_20231102.txt").write_text(XSS_PAGE, "utf-8")
    index_dir = tmp_path_factory.mktemp("web_index")
    report = ingest([str(pages)], str(index_dir), workers=1)
    assert not report.skipped, report.skipped
    assert report.records_added > 0
    return index_dir


@pytest.fixture
def app(seed_index_dir: Path):
    from webapp import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)})
    yield app
    archive = app.extensions.get("baokan.archive")
    if archive is not None:
        archive.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
