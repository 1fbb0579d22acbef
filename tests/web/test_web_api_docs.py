"""The API described for people (/api) and for machines (the OpenAPI document says exactly what is accepted),
and next/prev in /api/search."""
from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qs, urlsplit

from indexer import QueryError, SearchQuery
from webapp.api import DATE_PATTERN


def parameter(document, path, name):
    return next(p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name)


def value_schema(param):
    """The schema of one value (of each value, for a repeated parameter)."""
    schema = param["schema"]
    return schema["items"] if schema.get("type") == "array" else schema


# --- next / prev ---------------------------------------------------------------------------------


def test_next_and_prev_walk_the_pages_and_are_null_at_the_ends(client):
    first = client.get("/api/search", query_string={"sort": "oldest", "page_size": 7, "region": "示范区"}).json
    assert first["prev"] is None and first["pages"] > 1
    seen, page = [], first
    while True:
        seen += [h["id"] for h in page["hits"]]
        if page["next"] is None:
            break
        url = urlsplit(page["next"])
        assert url.scheme == "http" and url.netloc == "localhost" and url.path == "/api/search"
        assert parse_qs(url.query) == {"sort": ["oldest"], "page_size": ["7"], "region": ["示范区"],
                                       "page": [str(page["page"] + 1)]}
        page = client.get(url.path + "?" + url.query).json
        assert client.get(urlsplit(page["prev"]).path + "?" + urlsplit(page["prev"]).query).json["page"] == \
            page["page"] - 1
    assert page["page"] == first["pages"]
    everything = client.get("/api/search", query_string={"sort": "oldest", "page_size": 100, "region": "示范区"}).json
    assert seen == [h["id"] for h in everything["hits"]]


def test_one_page_of_results_has_neither(client):
    data = client.get("/api/search", query_string={"q": "巡察", "page_size": 100}).json
    assert data["pages"] == 1 and data["next"] is None and data["prev"] is None


def test_past_the_last_page_prev_goes_to_the_last(client):
    data = client.get("/api/search", query_string={"page": 50, "page_size": 10}).json
    assert data["hits"] == [] and data["next"] is None
    assert parse_qs(urlsplit(data["prev"]).query)["page"] == [str(data["pages"])]


# --- the /api page -------------------------------------------------------------------------------


def test_api_page_lists_every_endpoint_with_parameters_and_live_examples(client):
    r = client.get("/api")
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.text
    assert "<h1>API 说明</h1>" in html and 'lang="zh-CN"' in html
    document = client.get("/api/openapi.json").json
    for path, operations in document["paths"].items():
        assert f"<code>GET {path}</code>" in html
        assert operations["get"]["summary"] in html
        for p in operations["get"].get("parameters", []):
            assert f"<code>{p['name']}</code>" in html
    examples = re.findall(r'<li><a href="([^"]+)">', html.split('class="api-examples"', 1)[1])
    assert len(examples) >= len(document["paths"])
    for href in examples:
        href = href.replace("&amp;", "&")
        assert client.get(href).status_code == 200, href
    assert "/api/search?q=焦作" in html  # shown readable, not %-encoded
    assert "/export.csv?id=" in html and "headers=keys" in html


def test_api_page_without_an_index_is_503(tmp_path):
    from webapp import create_app

    r = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client().get("/api")
    assert r.status_code == 503 and r.json["ok"] is False


def test_the_footer_links_to_the_api_page(client):
    assert 'href="/api"' in client.get("/").text


# --- the document declares what is enforced ------------------------------------------------------

YEARS = ["999", "0999", "1000", "1999", "2000", "2023", "2024", "2100", "2400", "2999", "3000", "20210"]
MONTHS = ["0", "00", "1", "01", "2", "02", "4", "09", "11", "12", "13", "123"]
DAYS = ["0", "1", "01", "9", "28", "29", "30", "31", "32"]


def date_candidates():
    yield from ("", "年", "-", "2021-", "2021--01", "2021-11-05日年", "2021年年", "2021月", "abc", "２０２１")
    for y in YEARS:
        yield y
        yield y + "年"
    for y, sep, m in itertools.product(YEARS[2:-2], "-/.年", MONTHS):
        for end in ("", "月", "月年", "日"):
            yield f"{y}{sep}{m}{end}"
    for y, m, d in itertools.product(("2023", "2024", "2100", "2000"), MONTHS[:10], DAYS):
        for seps, end in ((("-", "-"), ""), (("年", "月"), "日"), (("/", "/"), ""), ((".", "."), "日月年"),
                          (("-", "月"), "")):
            yield f"{y}{seps[0]}{m}{seps[1]}{d}{end}"


def accepted(value: str) -> bool:
    try:
        SearchQuery.from_params({"date_from": value})
    except QueryError:
        return False
    return True


def test_the_date_pattern_is_exactly_what_the_server_accepts():
    """Every candidate (all the forms, the edges of years, months and leap days) is matched by the
    declared pattern if and only if the search accepts it (full-width digits are tolerated, not declared)."""
    pattern = re.compile(DATE_PATTERN)
    candidates = list(dict.fromkeys(date_candidates()))
    assert len(candidates) > 3000
    disagree = [v for v in candidates if bool(pattern.match(v)) != accepted(v) and not v.startswith("２")]
    assert disagree == []
    assert pattern.match("2024-02-29") and not pattern.match("2023-02-29") and not pattern.match("2100-2-29")


def test_search_parameters_are_declared_as_enforced(client):
    document = client.get("/api/openapi.json").json
    for path in ("/api/search", "/export.csv", "/export.jsonl", "/export.ris", "/export.bib"):
        for name in ("date_from", "date_to"):
            assert value_schema(parameter(document, path, name))["pattern"] == DATE_PATTERN
        regions = value_schema(parameter(document, path, "region"))["enum"]
        assert "" in regions and {"示范区", "温县", "孟州市"} <= set(regions)
        kinds = value_schema(parameter(document, path, "kind"))["enum"]
        assert set(kinds) == {"", "article", "caption", "文章", "图片", "照片"}
        assert value_schema(parameter(document, path, "reporter"))["maxLength"] == 100
    assert parameter(document, "/api/search", "page")["schema"]["maximum"] == 1_000_000
    for region in regions:
        assert client.get("/api/search", query_string={"region": region}).status_code == 200, region
    assert client.get("/api/search", query_string={"region": "火星"}).status_code == 400
    for kind in kinds:
        assert client.get("/api/search", query_string={"kind": kind}).status_code == 200, kind
    assert client.get("/api/search", query_string={"reporter": "张" * 101}).status_code == 400
    assert client.get("/api/search", query_string={"page": 1_000_001}).status_code == 400


def test_export_parameters_are_declared(client):
    document = client.get("/api/openapi.json").json
    for fmt in ("csv", "jsonl", "ris", "bib"):
        ids = parameter(document, f"/export.{fmt}", "id")
        assert ids["style"] == "form" and ids["explode"] is True
        assert ids["schema"]["maxItems"] == 1000 and ids["schema"]["items"]["pattern"] == "^[0-9A-Za-z]{1,64}$"
        assert set(document["paths"][f"/export.{fmt}"]["get"]["responses"]) == {"200", "400", "404", "503"}
    assert parameter(document, "/export.csv", "headers")["schema"]["enum"] == ["", "zh", "keys"]
    for fmt, media in (("ris", "application/x-research-info-systems"), ("bib", "application/x-bibtex")):
        op = document["paths"][f"/records/{{id}}.{fmt}"]["get"]
        assert list(op["responses"]["200"]["content"]) == [media]
        assert set(op["responses"]) == {"200", "404", "503"}


def test_the_document_without_an_index_still_answers(tmp_path):
    from webapp import create_app

    r = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client().get("/api/openapi.json")
    assert r.status_code == 200 and "enum" not in value_schema(parameter(r.json, "/api/search", "region"))
