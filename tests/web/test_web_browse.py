"""Browse by date, issue and page: every route and parameter, HTML and JSON from one object, bad input never a 500.

A small archive of its own (``browse_index`` in ``tests/web/conftest.py``), built by the real
ingest from the pages of ``helpers.BROWSE_PAGES``: three days over two years, pages numbered out
of file-name order (第1版, 第3版, 第10版), a second edition of page 1, a page without a page
label, and an undated page.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from helpers import ISSUE_DAY, ISSUE_KEYS, assert_valid


def make_client(index_dir: Path):
    from webapp import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})
    return app, app.test_client()


@pytest.fixture(scope="module")
def bclient(browse_index: Path):
    app, client = make_client(browse_index)
    yield client
    archive = app.extensions.get("baokan.archive")
    if archive is not None:
        archive.close()


def one_h1(html: str) -> str:
    found = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert len(found) == 1, found
    return re.sub(r"<[^>]+>", "", found[0]).strip()


def links(html: str, pattern: str) -> list[str]:
    return re.findall(rf'href="({pattern})"', html)


# --------------------------------------------------------------------------- calendar


def test_calendar_json(bclient, openapi):
    data = bclient.get("/api/issues").json
    assert_valid(openapi, "ArchiveCalendar", data)
    assert (data["first"], data["last"], data["records"], data["undated"]) == ("2021-11-12", "2022-03-05", 11, 1)
    assert [(y["year"], y["issues"], y["pages"], y["records"]) for y in data["years"]] == [
        ("2022", 1, 1, 1), ("2021", 2, 6, 10)]
    assert data["years"][1]["by_month"] == [0] * 10 + [2, 0]
    assert data["year"] == "2022" and len(data["months"]) == 12 and data["jump"] is None  # the latest year
    nov = bclient.get("/api/issues", query_string={"year": "2021"}).json["months"][10]
    assert nov == {"month": "2021-11", "issues": 2, "records": 10, "days": [
        {"date": "2021-11-12", "pages": 1, "records": 2}, {"date": "2021-11-13", "pages": 5, "records": 8}]}


def test_calendar_html_shows_the_same_days_as_the_json(bclient):
    r = bclient.get("/issues?year=2021")
    assert r.status_code == 200 and one_h1(r.text) == "报纸日历"
    days = bclient.get("/api/issues?year=2021").json["months"]
    linked = links(r.text, r"/issues/\d{4}-\d{2}-\d{2}")
    assert linked == [f"/issues/{d['date']}" for m in days for d in m["days"]]
    # a day's name is its visible day and count with screen-reader-only words around them (no aria-label that
    # would hide the visible text from speech control): "2021年11月13日，5版，8条"
    day = re.search(r'<a class="day" href="/issues/2021-11-13"[^>]*>(.*?)</a>', r.text).group(1)
    assert re.sub(r"<[^>]+>", "", day) == "2021年11月13日，5版，8条"
    assert re.sub(r'<span class="visually-hidden">.*?</span>|<[^>]+>', "", day) == "138"  # what is seen: 13, 8
    assert '<nav class="year-nav" aria-label="年份">' in r.text and 'href="/issues?year=2022"' in r.text
    assert re.search(r'<caption>11月 <span class="count">2期 · 10条</span></caption>', r.text)
    assert r.text.count('<th scope="col" abbr="星期一">一</th>') == 12  # twelve month grids with headings
    assert "另有 1 条日期不详" in r.text
    # the compact list by year: one row per year, month cells linking to that month's grid
    assert 'href="/issues?year=2021#m-2021-11" aria-label="2021年11月，2期">2</a>' in r.text
    assert 'href="/issues?year=2022#m-2022-03"' in r.text
    assert '<a id="nav-issues" href="/issues">报纸日历</a>' in r.text  # the site header links here


def test_jump_to_a_day_with_an_issue_redirects_to_it(bclient):
    r = bclient.get("/issues", query_string={"date": ISSUE_DAY})
    assert r.status_code == 302 and r.headers["Location"] == f"/issues/{ISSUE_DAY}"
    assert bclient.get("/api/issues", query_string={"date": ISSUE_DAY}).json["jump"] == {
        "date": ISSUE_DAY, "found": True, "before": "2021-11-12", "after": "2022-03-05"}


@pytest.mark.parametrize("date, before, after, year", [
    ("2021-11-20", "2021-11-13", "2022-03-05", "2021"),
    ("2019-01-01", None, "2021-11-12", "2021"),  # a year without issues shows the nearest one's
    ("2030-06-01", "2022-03-05", None, "2022"),
    ("2021-02-30", None, "2021-11-12", "2021"),  # well formed, no such day: no issue either
])
def test_jump_to_an_empty_day_offers_the_nearest_issues(bclient, openapi, date, before, after, year):
    data = bclient.get("/api/issues", query_string={"date": date}).json
    assert_valid(openapi, "ArchiveCalendar", data)
    assert data["jump"] == {"date": date, "found": False, "before": before, "after": after}
    assert data["year"] == year
    r = bclient.get("/issues", query_string={"date": date})
    assert r.status_code == 200
    notice = re.search(r'<div class="notice" id="jump-result" role="status">(.*?)</div>', r.text, re.S).group(1)
    assert "没有报纸" in notice
    assert links(notice, r"/issues/[0-9-]+") == [f"/issues/{d}" for d in (before, after) if d]
    assert f'id="jump-date" name="date" type="date" value="{date}"' in r.text


def test_empty_values_mean_not_given(bclient):
    assert bclient.get("/api/issues?year=&date=").json == bclient.get("/api/issues").json
    assert bclient.get("/issues?year=&date=").status_code == 200


def test_an_empty_archive_says_so(tmp_path):
    from indexer import ingest

    (tmp_path / "pages").mkdir()
    ingest([str(tmp_path / "pages")], str(tmp_path / "ix"), workers=1)
    app, client = make_client(tmp_path / "ix")
    try:
        assert client.get("/api/issues").json == {"ok": True, "first": None, "last": None, "records": 0,
                                                  "undated": 0, "years": [], "year": None, "months": [],
                                                  "jump": None}
        r = client.get("/issues")
        assert r.status_code == 200 and "档案中还没有报纸" in r.text and 'id="calendar-empty"' in r.text
        jump = client.get("/api/issues?date=2021-11-13").json["jump"]
        assert jump == {"date": "2021-11-13", "found": False, "before": None, "after": None}
        r = client.get("/api/issues/2021-11-13")
        assert r.status_code == 404 and "档案中还没有报纸" in r.json["error"]
    finally:
        app.extensions["baokan.archive"].close()


# --------------------------------------------------------------------------- an issue


def test_issue_json(bclient, openapi):
    data = bclient.get(f"/api/issues/{ISSUE_DAY}").json
    assert_valid(openapi, "Issue", data)
    assert (data["date"], data["paper"], data["records"], data["previous"], data["next"]) == (
        ISSUE_DAY, "焦作日报", 8, "2021-11-12", "2022-03-05")
    assert [p["key"] for p in data["pages"]] == ISSUE_KEYS
    assert [(p["label"], p["number"], p["name"], p["source"]) for p in data["pages"]] == [
        ("第1版 要闻", "第1版", "要闻", "a_20211113_1.txt"), ("第1版 要闻", "第1版", "要闻", "c_20211113_1.txt"),
        ("第3版 温县新闻", "第3版", "温县新闻", "a_20211113_3.txt"), ("第10版 副刊", "第10版", "副刊", "a_20211113_10.txt"),
        (None, None, None, "b_notes_20211113.txt")]
    third = data["pages"][2]["records"]
    assert [(e["position"], e["title"], e["kind"], e["reporters"]) for e in third] == [
        (1, "温县铁棍山药进入采挖季", "article", ["李建光"]), (2, "温县开展冬季消防安全检查", "article", ["付凯明"]),
        (3, "", "caption", [])]
    assert third[2]["photographers"] == ["蒋鑫"] and third[2]["excerpt"].startswith("11月12日,温县农民")
    first = bclient.get("/api/issues/2021-11-12").json
    assert first["previous"] is None and first["next"] == ISSUE_DAY
    assert bclient.get("/api/issues/2022-03-05").json["next"] is None


def test_issue_html_lists_the_pages_and_records_of_the_json(bclient):
    data = bclient.get(f"/api/issues/{ISSUE_DAY}").json
    r = bclient.get(f"/issues/{ISSUE_DAY}")
    assert r.status_code == 200
    assert one_h1(r.text) == "焦作日报 2021年11月13日"
    assert links(r.text, rf"/issues/{ISSUE_DAY}/[^\"]+") == [f"/issues/{ISSUE_DAY}/{k}" for k in ISSUE_KEYS]
    assert links(r.text, r"/records/\w+") == [f"/records/{e['id']}" for p in data["pages"] for e in p["records"]]
    assert '<a rel="prev" id="prev-issue" href="/issues/2021-11-12">' in r.text
    assert '<a rel="next" id="next-issue" href="/issues/2022-03-05">' in r.text
    assert '<nav class="prev-next" aria-label="上一期与下一期">' in r.text
    for page in data["pages"]:
        assert (page["label"] or page["source"]) in r.text
    assert "记者 李建光" in r.text and "摄影 蒋鑫" in r.text and "11月12日,温县农民在田间采挖铁棍山药。" in r.text
    assert "没有更早的一期" in bclient.get("/issues/2021-11-12").text


# --------------------------------------------------------------------------- a page


def test_page_json(bclient, openapi):
    data = bclient.get(f"/api/issues/{ISSUE_DAY}/3").json
    assert_valid(openapi, "IssuePage", data)
    assert (data["key"], data["label"], data["number"], data["name"], data["index"], data["pages"]) == (
        "3", "第3版 温县新闻", "第3版", "温县新闻", 3, 5)
    assert data["previous"] == {"date": ISSUE_DAY, "key": "1-2", "label": "第1版 要闻"}
    assert data["next"] == {"date": ISSUE_DAY, "key": "10", "label": "第10版 副刊"}
    assert [r["id"] for r in data["records"]] == [e["id"] for e in data["entries"]]
    assert "田间地头一派繁忙" in data["records"][0]["body"]
    issue = bclient.get(f"/api/issues/{ISSUE_DAY}").json
    assert data["entries"] == issue["pages"][2]["records"]  # the issue's contents and the page agree
    ends = [bclient.get(f"/api/issues/{ISSUE_DAY}/{k}").json for k in (ISSUE_KEYS[0], ISSUE_KEYS[-1])]
    assert ends[0]["previous"] is None and ends[1]["next"] is None
    assert ends[1]["label"] is None and ends[1]["source"] == "b_notes_20211113.txt"


def test_page_html_has_full_text_and_page_navigation(bclient):
    data = bclient.get(f"/api/issues/{ISSUE_DAY}/3").json
    r = bclient.get(f"/issues/{ISSUE_DAY}/3")
    assert r.status_code == 200
    assert one_h1(r.text) == "2021年11月13日 第3版 温县新闻"
    for record in data["records"]:
        html = r.text.replace("&#34;", '"')
        assert all(f"<p>{para}</p>" in html for para in record["body"].split("\n"))  # the full text, a paragraph each
        assert f'id="r-{record["id"]}"' in r.text
    assert f'<a rel="prev" id="prev-page" href="/issues/{ISSUE_DAY}/1-2">' in r.text
    assert f'<a rel="next" id="next-page" href="/issues/{ISSUE_DAY}/10">' in r.text
    assert f'<a id="up-issue" href="/issues/{ISSUE_DAY}">' in r.text
    assert '<nav class="crumbs" aria-label="位置">' in r.text
    assert "<dt>来源文件</dt><dd>a_20211113_3.txt</dd>" in r.text and "本期第 3 / 5 版" in r.text
    unlabelled = bclient.get(f"/issues/{ISSUE_DAY}/b_notes_20211113")
    assert unlabelled.status_code == 200 and "版面未标版次" in unlabelled.text and "已是最后一版" in unlabelled.text


# --------------------------------------------------------------------------- a record's place


def entries_of(bclient, page: str) -> list[dict]:
    return bclient.get(f"/api/issues/{ISSUE_DAY}/{page}").json["entries"]


def test_record_page_shows_where_it_sits_and_its_neighbours(bclient):
    first, second, third = entries_of(bclient, "3")
    r = bclient.get(f"/records/{second['id']}")
    where = re.search(r'<p class="where">(.*?)</p>', r.text, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", where) == "2021-11-13 第3版，第2篇（本版共 3 篇）"
    assert f'<a id="up-issue" href="/issues/{ISSUE_DAY}">' in where
    assert f'<a id="up-page" href="/issues/{ISSUE_DAY}/3">' in where
    assert f'<a rel="prev" id="prev-record" href="/records/{first["id"]}">' in r.text
    assert f'<a rel="next" id="next-record" href="/records/{third["id"]}">' in r.text
    assert '<nav class="record-position" id="record-position" aria-label="版面位置">' in r.text
    assert "本版第一篇" in bclient.get(f"/records/{first['id']}").text
    assert "本版最后一篇" in bclient.get(f"/records/{third['id']}").text
    unlabelled = entries_of(bclient, "b_notes_20211113")[0]
    assert "2021-11-13 b_notes_20211113.txt，第1篇" in re.sub(r"<[^>]+>", "", bclient.get(
        f"/records/{unlabelled['id']}").text)


def test_an_undated_record_has_a_place_but_no_issue(bclient):
    hit = bclient.get("/api/search", query_string={"q": "云台山"}).json["hits"][0]
    r = bclient.get(f"/records/{hit['id']}")
    assert r.status_code == 200
    where = re.search(r'<p class="where">(.*?)</p>', r.text, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", where) == "undated_notes.txt，第1篇（本版共 1 篇）"
    assert 'id="up-issue"' not in r.text


SEARCH_STATE = "/search?q=温县&region=温县&kind=article&sort=oldest&page_size=50&page=1"


def test_back_returns_to_the_search_with_all_its_state(bclient):
    first, second, _ = entries_of(bclient, "3")
    r = bclient.get(f"/records/{second['id']}", query_string={"q": "温县", "back": SEARCH_STATE})
    back = re.search(r'<a id="back-to-search" href="([^"]+)">(.*?)</a>', r.text)
    assert back.group(1).replace("&amp;", "&") == SEARCH_STATE
    assert back.group(2) == "← 返回“温县”的检索结果"
    # the neighbours on the page keep the highlight and the way back
    prev = re.search(r'id="prev-record" href="([^"]+)"', r.text).group(1).replace("&amp;", "&")
    assert prev == f"/records/{first['id']}?q={quote('温县')}&back={quote(SEARCH_STATE, safe='/?')}"
    r = bclient.get(prev)
    assert re.search(r'id="back-to-search" href="([^"]+)"', r.text).group(1).replace("&amp;", "&") == SEARCH_STATE
    assert bclient.get(urlsplit(SEARCH_STATE).path + "?" + urlsplit(SEARCH_STATE).query).status_code == 200


def test_back_from_the_referring_search(bclient):
    rid = entries_of(bclient, "3")[0]["id"]
    r = bclient.get(f"/records/{rid}", headers={"Referer": f"http://localhost{SEARCH_STATE}"})
    assert re.search(r'id="back-to-search" href="([^"]+)"', r.text).group(1).replace("&amp;", "&") == SEARCH_STATE
    for referer in ("http://evil.example/search?q=x", f"http://localhost/issues/{ISSUE_DAY}"):
        r = bclient.get(f"/records/{rid}", headers={"Referer": referer})
        assert 'id="back-to-search"' not in r.text


@pytest.mark.parametrize("back", [
    "//evil.example/search?q=x", "https://evil.example/search?q=x", "/search/../export.csv?q=x", "/export.csv?q=x",
    "javascript:alert(1)//search", "/\\evil.example/search", "/search?q=x\r\nSet-Cookie: a=b", "search?q=x",
    "/search?" + "q" * 5000,
])
def test_back_is_never_an_open_redirect(bclient, back):
    rid = entries_of(bclient, "3")[0]["id"]
    r = bclient.get(f"/records/{rid}", query_string={"back": back})
    assert r.status_code == 200
    assert 'id="back-to-search"' not in r.text  # no q either: no way back shown
    r = bclient.get(f"/records/{rid}", query_string={"back": back, "q": "温县"})
    assert re.search(r'id="back-to-search" href="([^"]+)"', r.text).group(1) == f"/search?q={quote('温县')}"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("path, status, message", [
    ("/issues/abc", 400, "日期格式无效"),
    ("/issues/2021-1-13", 400, "日期格式无效"),
    ("/issues/2021年11月13日", 400, "日期格式无效"),
    ("/issues/２０２１-１１-１３", 400, "日期格式无效"),
    ("/issues/2021-11-14", 404, "2021-11-14 没有报纸（之前最近一期 2021-11-13、之后最近一期 2022-03-05）"),
    ("/issues/2021-02-30", 404, "没有报纸"),
    ("/issues/2021-11-13/99", 404, "2021-11-13 没有“99”这一版（本期共 5 版：1、1-2、3、10、b_notes_20211113）"),
    ("/issues/2021-11-13/" + "9" * 300, 404, "这一版"),
    ("/issues/2021-11-14/1", 404, "没有报纸"),
    ("/issues/abc/1", 400, "日期格式无效"),
    ("/issues?year=abc", 400, "年份无效"),
    ("/issues?year=1999", 404, "1999年没有报纸（档案收录 2021—2022 年）"),
    ("/issues?date=2021/11/13", 400, "日期格式无效"),
    ("/issues?date=<script>", 400, "日期格式无效"),
])
def test_bad_dates_and_pages_are_400_or_404_in_the_one_error_shape(bclient, openapi, path, status, message):
    api = bclient.get("/api" + path)
    assert api.status_code == status
    assert_valid(openapi, "Error", api.json)
    assert api.json["status"] == status and message in api.json["error"]
    html = bclient.get(path)
    assert html.status_code == status and html.mimetype == "text/html"
    assert message.replace("“", "&#8220;") in html.text or message in html.text
    assert "<script>" not in html.text.split("<main", 1)[1]


def test_the_openapi_document_describes_the_browse_api(openapi):
    paths = openapi["paths"]
    assert {"/api/issues", "/api/issues/{date}", "/api/issues/{date}/{page}"} <= set(paths)
    for path in ("/api/issues/{date}", "/api/issues/{date}/{page}"):
        assert set(paths[path]["get"]["responses"]) == {"200", "400", "404", "503"}
    assert [p["name"] for p in paths["/api/issues"]["get"]["parameters"]] == ["year", "date"]


def test_a_page_shows_the_staff_its_furniture_names(tmp_path: Path) -> None:
    """"责任编辑：崔国强  校对：赵  凯" at the foot of a page: dropped from the text, shown as the page's metadata."""
    from indexer import ingest
    from webapp import create_app

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "jzrb_20231206_2.txt").write_text(
        "焦作日报 | 2023年12月6日 星期三 | 第2版 综合\n\n我市启动冬季供暖保障专项行动\n\n"
        "本报讯（记者 杜玲）12月5日，记者从市城市管理局获悉，市区集中供暖全面运行。\n\n"
        "责任编辑：崔国强  校对：赵  凯\n", "utf-8")
    ingest([str(pages)], str(tmp_path / "ix"), workers=1)
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "ix")})
    try:
        client = app.test_client()
        data = client.get("/api/issues/2023-12-06/2").json
        assert data["staff"] == ["责任编辑：崔国强", "校对：赵凯"]
        html = client.get("/issues/2023-12-06/2").text
        assert '<dd class="page-staff">责任编辑：崔国强　校对：赵凯</dd>' in html
        assert "责任编辑" not in data["records"][0]["body"]
    finally:
        archive = app.extensions.get("baokan.archive")
        if archive is not None:
            archive.close()
