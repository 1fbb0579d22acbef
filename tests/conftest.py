"""Shared fixtures. Web fixtures (flaskr style): ``seed_index_dir``, ``app``, ``client``, ``runner``."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED_PAGES = (DATA / "000_26f9c0bf5d7a20f6.txt", DATA / "004_16b43a71a00cea4c.txt")

# A hostile page: markup in the headline, the body and a photo caption must come out inert.
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'
XSS_TITLE = f"{XSS_SCRIPT}示范区{XSS_IMG}恶意标题测试"
XSS_PAGE = f"""焦作日报
2023年11月2日 星期四
第2版 综合

# {XSS_TITLE}

本报讯(记者 张三)11月1日上午,示范区召开会议。正文里有{XSS_SCRIPT}和{XSS_IMG}以及javascript:alert(1)这样的内容,用来检验网站是否正确转义。

会议强调,要把巡察整改工作抓实抓好,<b>加粗</b>不应生效。

<script>alert(2)</script>会场一角。本报记者 李四 摄
"""


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index, built once per session by the real ``ingest`` from the two seeds and the XSS page."""
    from indexer.ingest import ingest

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
