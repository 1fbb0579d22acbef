"""The JSON API: same object as the pages, readable Chinese, ISO dates, and it matches its OpenAPI document."""
from __future__ import annotations

import json
import re

import pytest
from helpers import assert_valid, validator

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_search_body(client):
    r = client.get("/api/search", query_string={"q": "巡察", "page_size": 5})
    assert r.status_code == 200
    assert r.mimetype == "application/json"
    assert "巡察".encode() in r.data and b"\\u5de1" not in r.data  # readable Chinese, not \uXXXX
    data = r.json
    assert data["ok"] is True
    assert data["understood"] == "巡察"
    # a repeatable filter is a list, empty when off
    assert data["query"] == {"q": "巡察", "region": [], "date_from": None, "date_to": None, "kind": [],
                             "reporter": [], "section": [], "photographer": [], "correspondent": [],
                             "sort": "relevance", "page": 1, "page_size": 5}
    assert set(data["facets"]) == {"region", "year", "month", "day", "kind", "reporter", "photographer",
                                   "correspondent", "section"}
    assert data["total"] >= len(data["hits"]) > 0
    assert data["hits"][0]["title"] == "市委第四巡察组巡察市科技局党组情况反馈会召开"
    assert all(DATE.match(h["pub_date"]) for h in data["hits"] if h["pub_date"])
    assert sum(data["facets"]["kind"].values()) == data["total"]


def test_search_pages_through_results(client):
    everything = client.get("/api/search", query_string={"sort": "oldest", "page_size": 100}).json
    ids = [h["id"] for h in everything["hits"]]
    assert everything["total"] == len(ids)
    seen = []
    for page in range(1, everything["total"] // 7 + 2):
        data = client.get("/api/search", query_string={"sort": "oldest", "page_size": 7, "page": page}).json
        assert data["page"] == page and data["page_size"] == 7 and data["pages"] == -(-len(ids) // 7)
        seen += [h["id"] for h in data["hits"]]
    assert seen == ids


def test_search_filters_and_normalised_dates(client):
    data = client.get("/api/search", query_string={"date_from": "2021", "date_to": "2021-11", "kind": "文章"}).json
    assert data["query"]["date_from"] == "2021-01-01" and data["query"]["date_to"] == "2021-11-30"
    assert data["query"]["kind"] == ["article"]
    assert data["total"] > 0
    assert all(h["pub_date"].startswith("2021-11") and h["kind"] == "article" for h in data["hits"])


def test_html_and_json_come_from_the_same_search(client):
    params = {"q": "示范区 OR 科技", "sort": "newest", "page_size": 10, "page": 2}
    data = client.get("/api/search", query_string=params).json
    html = client.get("/search", query_string=params).text
    assert re.findall(r'<li class="hit" data-id="([^"]+)"', html) == [h["id"] for h in data["hits"]]
    assert f'<strong id="total">{data["total"]}</strong>' in html


def test_record_body(client):
    hit = client.get("/api/search", query_string={"q": "标题:项目谋划工作汇报会"}).json["hits"][0]
    r = client.get(f"/api/records/{hit['id']}")
    assert r.status_code == 200
    data = r.json
    assert data["ok"] is True and data["kind_label"] == "文章"
    record = data["record"]
    assert record["id"] == hit["id"] and record["title"] == "示范区召开2022年项目谋划工作汇报会"
    assert record["reporters"] == ["付凯明"] and record["pub_date"] == "2021-11-13"
    assert "官卫红" in record["body"]
    assert data["citation"] == "付凯明. 示范区召开2022年项目谋划工作汇报会[N]. 焦作日报, 2021-11-13."
    assert all(h["id"] != hit["id"] for h in data["same_page"] + data["related"])


def test_stats_body(client):
    data = client.get("/api/stats").json
    assert data["ok"] is True
    assert data["records"] == sum(data["by_kind"].values()) == 25
    assert data["date_range"] == {"from": "2021-11-13", "to": "2023-11-02"}
    assert data["by_year"] == {"2021": 13, "2022": 10, "2023": 2}
    assert data["latest_pages"][0] == {"date": "2023-11-02", "source": "xss_20231102.txt", "page": "第2版 综合",
                                       "records": 2}


def test_openapi_document(openapi):
    assert openapi["openapi"].startswith("3.1")
    assert {"/api/search", "/api/records/{id}", "/api/stats", "/export.csv", "/export.jsonl"} <= set(openapi["paths"])
    names = [p["name"] for p in openapi["paths"]["/api/search"]["get"]["parameters"]]
    assert names == ["q", "region", "date_from", "date_to", "kind", "reporter", "section", "photographer",
                     "correspondent", "sort", "page", "page_size"]
    jsonschema = pytest.importorskip("jsonschema")
    for name, schema in openapi["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("params", [
    {"q": "巡察"},
    {"q": "示范区", "sort": "oldest", "page_size": 3, "page": 2},
    {"region": "示范区", "kind": "caption"},
    {"date_from": "2022-01-01", "date_to": "2022-12-31"},
    {"q": "没有这样的词语组合"},
    {"q": '"><img src=x onerror=alert(1)>'},
])
def test_search_responses_match_the_openapi_schema(client, openapi, params):
    assert_valid(openapi, "SearchPage", client.get("/api/search", query_string=params).json)


def test_record_and_stats_responses_match_the_openapi_schema(client, openapi):
    for hit in client.get("/api/search", query_string={"page_size": 100}).json["hits"]:
        assert_valid(openapi, "RecordPage", client.get(f"/api/records/{hit['id']}", query_string={"q": "巡察"}).json)
    assert_valid(openapi, "Stats", client.get("/api/stats").json)


@pytest.mark.parametrize("url, status", [
    ("/api/search?page=abc", 400),
    ("/api/search?region=%E7%81%AB%E6%98%9F", 400),
    ("/api/records/ffffffffffffffff", 404),
    ("/api/nothing-here", 404),
])
def test_error_responses_match_the_openapi_schema(client, openapi, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert_valid(openapi, "Error", r.json)


def test_export_lines_match_the_record_schema(client, openapi):
    lines = client.get("/export.jsonl").text.splitlines()
    assert len(lines) == client.get("/api/stats").json["records"]
    for line in lines:
        assert_valid(openapi, "Record", json.loads(line))


def test_the_schema_check_is_not_vacuous(client, openapi):
    data = client.get("/api/search", query_string={"q": "巡察"}).json
    data["hits"][0]["pub_date"] = "26 July 2022"
    del data["facets"]["region"]
    data["surprise"] = 1
    errors = list(validator(openapi, "SearchPage").iter_errors(data))
    assert len(errors) == 3
