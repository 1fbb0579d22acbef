"""Hostile requests against the real server (waitress, loopback): never a 500, always bounded in time.

Every answer is a 200 or a 4xx; API and export errors have the one JSON shape
``{"ok": false, "error": ..., "status": N}``; no body shows a file path, a traceback or a
version; the ``Server`` header says only ``baokan``.
"""
from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from helpers import REPO, Server

LIMIT_SECONDS = 10.0
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


@pytest.fixture(scope="module")
def server(seed_index_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    srv = Server(seed_index_dir, tmp_path_factory.mktemp("hostile") / "server.log")
    srv.index_dir = seed_index_dir  # type: ignore[attr-defined]
    yield srv
    log = srv.stop()
    assert "Traceback" not in log, log[-3000:]  # no unhandled error during the whole module


def _leaks(srv: Server, body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    found = []
    for needle in (str(REPO), str(srv.index_dir), "site-packages", "Traceback", "File \"", "Werkzeug/",  # type: ignore[attr-defined]
                   "Python/3", "waitress/", "Flask/", "jieba", "whoosh", "/usr/lib", "/root"):
        if needle.lower() in text.lower():
            found.append(needle)
    return found


def _check(srv: Server, path: str, *, allow_200: bool = True, expect: int | None = None) -> tuple[int, bytes]:
    started = time.monotonic()
    status, headers, body = srv.get(path, timeout=LIMIT_SECONDS * 3)
    took = time.monotonic() - started
    short = path[:120]
    assert took < LIMIT_SECONDS, f"{short}: {took:.1f} s"
    assert status < 500, f"{short} -> {status}: {body[:300]!r}"
    if expect is not None:
        assert status == expect, f"{short} -> {status}: {body[:300]!r}"
    elif not allow_200:
        assert 400 <= status < 500, f"{short} -> {status}"
    assert headers.get("server") == "baokan", headers.get("server")
    assert not _leaks(srv, body), (short, _leaks(srv, body))
    app_answer = status not in (414, 431)  # those two come from waitress before the app sees the request
    json_endpoint = path.startswith("/api/") or path.startswith("/export.")
    if status >= 400 and json_endpoint and app_answer:
        data = json.loads(body)
        assert set(data) == {"ok", "error", "status"} and data["ok"] is False and data["status"] == status, data
        assert isinstance(data["error"], str) and data["error"]
    if app_answer:
        assert "default-src 'none'" in headers.get("content-security-policy", ""), short
        assert headers.get("x-content-type-options") == "nosniff"
    return status, body


def _api(**params: str) -> str:
    return "/api/search?" + urlencode(params)


def test_thousands_of_or_terms(server: Server) -> None:
    q = " OR ".join(random.Random(1).choices(CJK, k=3000))
    _check(server, _api(q=q), allow_200=False)
    _check(server, "/search?" + urlencode({"q": q}), allow_200=False)
    # as many terms as allowed, each a single character (a prefix over the bigram field): bounded
    q = " OR ".join(CJK[:63])
    _check(server, _api(q=q))
    _check(server, _api(q=" ".join(CJK[:63])))
    _check(server, _api(q=" ".join("-" + c for c in CJK[:63])))
    _check(server, _api(q=" OR ".join(f'"{a}{b}"' for a, b in zip(CJK[:60], CJK[60:120]))))


def test_nested_parentheses(server: Server) -> None:
    for depth in (15, 16, 17, 100, 400):
        q = "(" * depth + "会议" + ")" * depth
        if len(q) <= 1000:
            _check(server, _api(q=q))
        _check(server, _api(q="(" * depth + "会议"))
        _check(server, _api(q="会议" + ")" * depth))
    _check(server, _api(q="(" * 17 + "会议" + ")" * 17), expect=400)
    _check(server, _api(q='((((((会议 OR (巡察 -(项目 OR ("科技" (((('))


def test_long_queries(server: Server) -> None:
    for n in (999, 1000, 1001, 10_000, 100_000):
        _check(server, _api(q="巡" * n))
        _check(server, "/search?" + urlencode({"q": "巡" * n}))
    _check(server, _api(q='"' + "焦作日报" * 240 + '"'))
    _check(server, "/api/search?q=" + "a" * 300_000, allow_200=False)  # over waitress's header limit


def test_deep_paging_and_huge_pages(server: Server) -> None:
    for params in ({"q": "会议", "page": "100000"}, {"q": "", "page": "100000"}, {"q": "会议", "page": "10000000"},
                   {"page": "100000", "sort": "newest"}, {"q": "会议", "page": "-1"}, {"q": "会议", "page": "0"},
                   {"q": "会议", "page": "1e9"}, {"q": "会议", "page": "9" * 400},
                   {"q": "会议", "page_size": "100000"}, {"q": "会议", "page_size": "0"},
                   {"q": "会议", "page_size": "-5"}, {"q": "会议", "page_size": "9" * 400},
                   {"q": "会议", "page_size": "101"}, {"q": "会议", "page_size": "100", "page": "100"}):
        _check(server, _api(**params))
        _check(server, "/search?" + urlencode(params))
        _check(server, "/export.csv?" + urlencode(params))
    _check(server, _api(q="会议", page="100000"), expect=400)
    _check(server, _api(q="会议", page_size="100000"), expect=400)


def test_odd_parameters(server: Server) -> None:
    rng = random.Random(7)
    junk = ["\x00", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"), "%FF%FE", "\u202e",
            "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "\uffff" * 50, "😀" * 30,
            "".join(chr(c) for c in (rng.randrange(0x20, 0x30000) for _ in range(300)) if not 0xD800 <= c < 0xE000)]
    for name in ("q", "region", "kind", "sort", "date_from", "date_to", "reporter", "section", "page", "page_size"):
        for value in junk:
            _check(server, _api(**{name: value}))
            _check(server, "/search?" + urlencode({name: value}))
    _check(server, "/api/search?q=%FF%FE%00&region=%C0%AF")  # invalid UTF-8 in the URL
    _check(server, "/api/search?q=a&q=b&q=" + "c" * 5000)


@pytest.mark.parametrize("record_id", [
    "..%2F..%2Fetc%2Fpasswd", "..%252F..%252Fetc%252Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%00",
    "abc%00def", "a" * 5000, "a" * 64, "a" * 65, "..", "%2e%2e", "0" * 16 + "%0d%0aSet-Cookie:x=1",
    "%C0%AE%C0%AE%2F", quote("巡察"), "1;rm%20-rf%20%2F", "%252e%252e%252f",
])
def test_record_id_tampering(server: Server, record_id: str) -> None:
    for prefix in ("/api/records/", "/records/"):
        status, _ = _check(server, prefix + record_id)
        assert status == 404, (prefix + record_id, status)


@pytest.mark.parametrize("path", [
    "/static/..%2f..%2fwebapp%2f__init__.py", "/static/%2e%2e/%2e%2e/pyproject.toml", "/../../etc/passwd",
    "/static/../../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/api/../../etc/passwd", "/baokan.json",
    "/index_data/baokan.json", "/.git/config", "/api/openapi.json/../../../etc/passwd",
])
def test_path_traversal_outside_the_site(server: Server, path: str) -> None:
    status, body = _check(server, path)
    assert status in (404, 400, 308) or (status == 200 and b"root:" not in body and b"[core]" not in body), status
    assert b"root:x:0:0" not in body and b"[build-system]" not in body and b"schema_version" not in body


def test_error_bodies_do_not_echo_markup(server: Server) -> None:
    import http.client

    # JSON errors may echo the value, but only as JSON that a browser will not sniff into HTML
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", _api(q="会议", kind="<script>alert(1)</script>"))
        resp = conn.getresponse()
        resp.read()
    finally:
        conn.close()
    assert resp.status == 400 and resp.getheader("Content-Type", "").startswith("application/json")
    assert resp.getheader("X-Content-Type-Options") == "nosniff"
    status, body = _check(server, "/search?" + urlencode({"kind": "<script>alert(1)</script>"}), expect=400)
    assert b"<script>alert(1)" not in body


def test_methods_and_headers(server: Server) -> None:
    import http.client

    for method in ("POST", "PUT", "DELETE", "PATCH"):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            conn.request(method, "/api/search?q=x", body=b"x" * 1000)
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        assert resp.status == 405, (method, resp.status)
        data = json.loads(body)
        assert data == {"ok": False, "error": data["error"], "status": 405}
        assert resp.getheader("Server") == "baokan"
    for path in ("/", "/search?q=会议", "/api/stats", "/export.csv?q=会议", "/nope", "/api/nope"):
        status, headers, body = server.get(path)
        assert headers.get("server") == "baokan"
        assert not re.search(rb"\b\d+\.\d+\.\d+\b", headers.get("server", "").encode())
        assert "x-powered-by" not in headers
        assert not _leaks(server, body), path
