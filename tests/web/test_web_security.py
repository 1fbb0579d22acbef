"""Hostile text, in a query or inside an ingested page, comes out inert everywhere it can appear."""
from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest

from helpers import XSS_IMG, XSS_SCRIPT, XSS_TITLE

PAYLOADS = [XSS_SCRIPT, XSS_IMG, "javascript:alert(1)", "<b>加粗</b>", "'\"><svg onload=alert(1)>"]


class _Elements(HTMLParser):
    """Every start tag with its attributes, as the browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


SITE_TAGS = {"html", "head", "meta", "title", "link", "script", "body", "header", "a", "span", "form", "input",
             "button", "main", "footer", "section", "h1", "h2", "h3", "p", "code", "table", "tr", "td", "div",
             "ul", "li", "ol", "nav", "strong", "time", "mark", "figure", "figcaption", "svg", "line", "rect",
             "text", "aside", "article", "dl", "dt", "dd", "br", "meter"}


def assert_inert(html: str) -> None:
    """No markup from the payloads survives: only the site's own tags, one <script src>, no handlers."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.elements:
        assert tag in SITE_TAGS, f"unexpected <{tag}> element"
        assert not [a for a in attrs if a.startswith("on")], f"event handler on <{tag}>: {attrs}"
        assert "style" not in attrs, "inline style: the CSP forbids it"
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), attrs
    scripts = [attrs for tag, attrs in parser.elements if tag == "script"]
    assert scripts == [{"src": "/static/baokan.js", "defer": None}], scripts
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>加粗" not in html


def xss_record_id(client) -> str:
    hits = client.get("/api/search", query_string={"q": "恶意标题测试"}).json["hits"]
    (hit,) = [h for h in hits if h["title"] == XSS_TITLE]
    return hit["id"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_payloads_are_escaped_on_the_results_page(client, payload):
    for params in ({"q": payload}, {"q": payload, "reporter": payload}, {"q": "示范区", "section": payload},
                   {"reporter": payload, "sort": "newest"}):
        r = client.get("/search", query_string=params)
        assert r.status_code == 200
        assert_inert(r.text)
    html = client.get("/search", query_string={"q": XSS_SCRIPT + " 没有这种词"}).text
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt; 没有这种词"' in html  # search box
    assert "没有找到与“&lt;script&gt;alert(1)&lt;/script&gt; 没有这种词”相关的记录" in html  # empty state
    html = client.get("/search", query_string={"reporter": XSS_IMG}).text
    assert "记者：&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html  # chip
    assert '<span class="facet-value">&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</span>' in html  # active facet


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_rejected_param_is_escaped_in_the_error(client, payload):
    r = client.get("/search", query_string={"region": payload, "q": payload})
    assert r.status_code == 400
    assert "未知地区" in r.text
    assert_inert(r.text)
    r = client.get("/api/search", query_string={"region": payload})
    assert r.status_code == 400 and r.json["error"] == f"未知地区：{payload}"


def test_ingested_payload_is_escaped_in_hits_titles_and_snippets(client):
    for q in ("恶意标题测试", "检验网站", "会场一角", "示范区", ""):
        html = client.get("/search", query_string={"q": q, "page_size": 100}).text
        assert_inert(html)
    html = client.get("/search", query_string={"q": "恶意标题测试"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;示范区&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html \
        or "&lt;script&gt;alert(1)&lt;/script&gt;示范区&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    html = client.get("/search", query_string={"q": "检验网站"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<mark>检验网站</mark>" in html


def test_ingested_payload_is_escaped_on_the_record_page(client):
    rid = xss_record_id(client)
    for q in ("", "恶意标题测试", "script", XSS_SCRIPT, "检验网站"):
        r = client.get(f"/records/{rid}", query_string={"q": q})
        assert r.status_code == 200
        assert_inert(r.text)
    html = client.get(f"/records/{rid}").text
    citation = re.search(r'<p id="citation" class="citation">(.*?)</p>', html).group(1)
    assert citation == ("张三. &lt;script&gt;alert(1)&lt;/script&gt;示范区&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
                        "恶意标题测试[N]. 焦作日报, 2023-11-02(2).")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;加粗&lt;/b&gt;不应生效" in html
    # the photo on the same page, whose caption starts with <script>alert(2)</script>, in the side list
    same = re.search(r'<section class="same-page" id="same-page">(.*?)</section>', html, re.S).group(1)
    assert "href=\"/records/" in same


def test_records_linking_to_the_payload_are_inert(client):
    """Pages that list the hostile record as a neighbour or related coverage."""
    for hit in client.get("/api/search", query_string={"page_size": 100}).json["hits"]:
        assert_inert(client.get(f"/records/{hit['id']}").text)
    assert_inert(client.get("/").text)


def test_json_keeps_raw_text_in_plain_fields_and_escapes_html_fields(client):
    rid = xss_record_id(client)
    r = client.get("/api/search", query_string={"q": "恶意标题测试"})
    assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"
    hit = next(h for h in r.json["hits"] if h["id"] == rid)
    assert hit["title"] == XSS_TITLE  # data, served as JSON: inert
    assert "<script" not in hit["title_html"] and "<img" not in hit["title_html"]
    assert hit["title_html"].startswith("&lt;script&gt;alert(1)&lt;/script&gt;示范区&quot;&gt;&lt;img")
    assert "<script" not in hit["snippet"] and "<img" not in hit["snippet"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hit["snippet"]
    record = client.get(f"/api/records/{rid}").json
    assert record["record"]["title"] == XSS_TITLE
    for other in record["same_page"] + record["related"]:
        assert "<script" not in other["snippet"] and "<script" not in other["title_html"]


def test_exports_carry_the_payload_as_inert_data(client):
    r = client.get("/export.csv", query_string={"q": "恶意标题测试"})
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.headers["Content-Disposition"].startswith("attachment;")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert XSS_TITLE in [row["标题"] for row in rows]  # exact text, for the archivist; never rendered as HTML
    r = client.get("/export.jsonl", query_string={"q": "恶意标题测试"})
    assert r.headers["Content-Type"].startswith("application/x-ndjson")
    assert r.headers["Content-Disposition"].startswith("attachment;")


def test_static_script_satisfies_the_csp_by_being_a_file(client):
    with client.get("/static/baokan.js") as r:
        assert r.status_code == 200 and r.mimetype in ("text/javascript", "application/javascript")
        assert "copy-citation" in r.text
