"""Never a 500: bad parameters are 400 with a message, unknown ids 404, and no traceback ever shows."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp import create_app
from webapp.errors import CONTENT_SECURITY_POLICY

BAD_PARAMS = [
    ({"page": "-1"}, "参数 page 必须在 1 到 1000000 之间"),
    ({"page": "0"}, "参数 page 必须在 1 到 1000000 之间"),
    ({"page": "abc"}, "参数 page 必须是整数：abc"),
    ({"page": "1.5"}, "参数 page 必须是整数"),
    ({"page_size": "100000"}, "参数 page_size 必须在 1 到 100 之间"),
    ({"page_size": "0"}, "参数 page_size 必须在 1 到 100 之间"),
    ({"region": "火星"}, "未知地区：火星"),
    ({"region": "示范"}, "未知地区：示范"),
    ({"date_from": "2021-13"}, "月份超出范围：2021-13"),
    ({"date_to": "yesterday"}, "无法识别的日期：yesterday"),
    ({"date_from": "2021-02-30"}, "日期超出范围"),
    ({"date_from": "2022", "date_to": "2021"}, "起始日期晚于结束日期"),
    ({"q": "巡" * 10_000}, "检索式过长（10000 字，最多 1000 字）"),
    ({"sort": "random"}, "未知的排序方式：random"),
    ({"kind": "video"}, "未知的类型：video"),
    ({"reporter": "记" * 500}, "参数 reporter 过长"),
    ({"q": "巡察", "page": "600"}, "按相关度最多翻到第 10000 条"),
]


@pytest.mark.parametrize("params, message", BAD_PARAMS)
def test_bad_params_on_the_results_page_are_400_with_the_message(client, params, message):
    r = client.get("/search", query_string=params)
    assert r.status_code == 400
    assert r.mimetype == "text/html"
    assert message in r.text
    assert '<p class="error-message" id="error-message">' in r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize("params, message", BAD_PARAMS)
def test_bad_params_in_the_api_are_400_in_the_one_error_shape(client, params, message):
    r = client.get("/api/search", query_string=params)
    assert r.status_code == 400
    assert r.mimetype == "application/json"
    body = r.json
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == 400 and message in body["error"]


def test_known_gazetteer_region_without_records_is_not_an_error(client):
    # 解放区 is in the gazetteer but not in the seed archive: a filter on it is valid and finds nothing
    r = client.get("/api/search", query_string={"region": "解放区"})
    assert r.status_code == 200 and r.json["total"] == 0


def test_the_error_page_keeps_the_query_to_fix(client):
    html = client.get("/search", query_string={"q": "巡察", "date_from": "2021-13"}).text
    assert 'id="q" name="q" type="search" value="巡察"' in html
    assert 'href="/#syntax"' in html


@pytest.mark.parametrize("path", [
    "/records/ffffffffffffffff",
    "/records/..%2f..%2fetc%2fpasswd",
    "/records/../../etc/passwd",
    "/records/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/records/a7b80bef1ce778f6%00",
    "/records/" + "a" * 5000,
    "/records/%E5%B7%A1%E5%AF%9F",
    "/records/",
    "/no/such/page",
    "/static/../pyproject.toml",
    "/static/..%2f..%2fpyproject.toml",
])
def test_unknown_records_and_traversal_are_404_pages(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.mimetype == "text/html"
    assert "未找到" in r.text
    assert "Traceback" not in r.text and "/etc/passwd" not in r.text and "[project]" not in r.text


def test_record_404_names_the_id_escaped(client):
    r = client.get("/records/ffffffffffffffff")
    assert "没有编号为 ffffffffffffffff 的记录" in r.text


@pytest.mark.parametrize("path", [
    "/api/records/ffffffffffffffff",
    "/api/records/..%2f..%2fetc%2fpasswd",
    "/api/records/%2e%2e",
    "/api/records/" + "0" * 200,
    "/api/nothing",
])
def test_unknown_ids_in_the_api_are_404_json(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.json["ok"] is False and r.json["status"] == 404


def test_wrong_method_is_405_with_allow(client):
    r = client.post("/search", data={"q": "巡察"})
    assert r.status_code == 405
    assert "GET" in r.headers["Allow"]
    assert "不支持这种请求方法" in r.text
    r = client.delete("/api/search")
    assert r.status_code == 405 and r.json == {"ok": False, "error": "不支持这种请求方法", "status": 405}


def test_an_unexpected_exception_is_a_plain_500_without_traceback(seed_index_dir):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret /srv/path detail")

    @app.get("/api/boom")
    def api_boom():
        raise KeyError("secret")

    client = app.test_client()
    r = client.get("/boom")
    assert r.status_code == 500
    assert "服务器内部错误" in r.text
    assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    assert r.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    r = client.get("/api/boom")
    assert r.status_code == 500 and r.json == {"ok": False, "error": "服务器内部错误，请稍后再试", "status": 500}


def test_a_missing_index_is_503_without_the_server_path(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "nothing")}).test_client()
    r = client.get("/")
    assert r.status_code == 503
    assert "档案索引尚未建立" in r.text and str(tmp_path) not in r.text
    r = client.get("/api/search", query_string={"q": "巡察"})
    assert r.status_code == 503 and r.json["status"] == 503 and str(tmp_path) not in r.json["error"]
    assert client.get("/export.csv").status_code == 503


@pytest.mark.parametrize("path", [
    "/", "/search?q=巡察", "/search?page=abc", "/records/ffff", "/api/search", "/api/stats", "/api/openapi.json",
    "/api/search?page=abc", "/export.csv", "/export.jsonl", "/static/baokan.css", "/static/baokan.js", "/nowhere",
])
def test_security_headers_on_every_response(client, path):
    with client.get(path) as r:
        headers = r.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


# --- property: whatever the parameters, a 200 or a 4xx in the one error shape ---------------

PARAM_NAMES = ["q", "region", "date_from", "date_to", "kind", "reporter", "section", "sort", "page", "page_size"]
_values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["巡察", "示范区", "-1", "0", "99999999999999999999", "2021-11", "2021-02-29", "article",
                     "图片", "newest", '"', "(((", "OR", "NOT", "标题:", "日期:2021-13", "%00", "\x00", "../.."]),
    st.integers(-10**6, 10**7).map(str),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAM_NAMES), _values, max_size=5))
def test_api_search_never_fails_whatever_the_params(client, params):
    r = client.get("/api/search", query_string=params)
    assert r.status_code in (200, 400), (params, r.status_code, r.text[:200])
    body = r.json
    if r.status_code == 400:
        assert set(body) == {"ok", "error", "status"} and body["ok"] is False and body["error"]
    else:
        assert body["ok"] is True and body["total"] >= len(body["hits"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAM_NAMES), _values, max_size=5))
def test_results_page_never_fails_whatever_the_params(client, params):
    r = client.get("/search", query_string=params)
    assert r.status_code in (200, 400), (params, r.status_code)
    assert "Traceback" not in r.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record_id=st.text(max_size=80))
def test_record_ids_are_found_or_404(client, record_id):
    from urllib.parse import quote, urlsplit

    r = client.get("/api/records/" + quote(record_id, safe=""))
    # 308: werkzeug merges "//" ("/api/records//0" -> "/api/records/0"), on this site
    assert r.status_code in (200, 404, 308), (record_id, r.status_code)
    if r.status_code == 308:
        assert urlsplit(r.headers["Location"]).path.startswith("/api/records/")
        assert urlsplit(r.headers["Location"]).netloc in ("", "localhost")
    if r.status_code == 404:
        assert r.json["ok"] is False
