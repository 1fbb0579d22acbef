"""Exports: the whole result set, streamed; CSV opens in Excel (UTF-8 BOM), JSON Lines is one Record a line."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import unquote

import pytest

from webapp.export import CSV_COLUMNS, csv_cell, export_filename


def all_ids(client, **params) -> list[str]:
    return [h["id"] for h in client.get("/api/search", query_string={"page_size": 100, **params}).json["hits"]]


def test_csv_has_bom_header_and_every_result_in_order(client):
    r = client.get("/export.csv", query_string={"q": "示范区", "sort": "oldest", "page_size": 5, "page": 3})
    assert r.status_code == 200
    assert r.is_streamed
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
    # the whole result set in result order, not the visible page
    assert [row["id"] for row in rows] == all_ids(client, q="示范区", sort="oldest")
    assert len(rows) > 5
    assert tuple(rows[0]) == CSV_COLUMNS
    row = next(row for row in rows if row["title"] == "示范区召开2022年项目谋划工作汇报会")
    assert row["reporters"] == "付凯明" and row["pub_date"] == "2021-11-13" and row["region"] == "示范区"
    assert row["kind"] == "article" and "官卫红" in row["body"]
    assert row["url"] == f"http://localhost/records/{row['id']}"


def test_csv_filename_keeps_the_chinese_query(client):
    r = client.get("/export.csv", query_string={"q": "巡察"})
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="baokan-')
    assert disposition.split("filename*=UTF-8''")[1].startswith("baokan-")
    assert "巡察" in unquote(disposition.split("filename*=UTF-8''")[1])
    assert unquote(disposition).endswith(".csv")


def test_jsonl_is_every_record(client):
    r = client.get("/export.jsonl", query_string={"region": "示范区"})
    assert r.status_code == 200 and r.is_streamed
    assert r.headers["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert r.headers["Content-Disposition"].startswith("attachment;")
    records = [json.loads(line) for line in r.text.splitlines()]
    assert [rec["id"] for rec in records] == all_ids(client, region="示范区")
    assert all(rec["region"] == "示范区" for rec in records)
    assert "示范区".encode() in r.data  # readable Chinese
    assert set(records[0]) >= {"id", "kind", "title", "body", "reporters", "captions", "pub_date", "page"}


def test_export_with_no_matches_is_just_the_header(client):
    r = client.get("/export.csv", query_string={"q": "没有这样的词语组合"})
    assert r.status_code == 200
    assert r.data.decode("utf-8-sig").splitlines() == [",".join(CSV_COLUMNS)]
    assert client.get("/export.jsonl", query_string={"q": "没有这样的词语组合"}).data == b""


def test_export_is_not_capped(client, monkeypatch):
    """No row cap and chunked output: shrink the chunk so the 25-record archive spans many chunks."""
    import webapp.export

    monkeypatch.setattr(webapp.export, "ROWS_PER_CHUNK", 2)
    r = client.get("/export.csv")
    chunks = list(r.response)
    assert len(chunks) > 10
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert len(rows) - 1 == client.get("/api/stats").json["records"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("params, message", [
    ({"page": "abc"}, "参数 page 必须是整数"),
    ({"region": "火星"}, "未知地区：火星"),
    ({"date_from": "2021-13"}, "月份超出范围"),
    ({"q": "巡" * 10_000}, "检索式过长"),
])
def test_export_rejects_bad_params_before_streaming(client, fmt, params, message):
    r = client.get(f"/export.{fmt}", query_string=params)
    assert r.status_code == 400
    assert r.json["ok"] is False and r.json["status"] == 400 and message in r.json["error"]


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-2+3", "'-2+3"),
    ("示范区", "示范区"),
    ("", ""),
])
def test_csv_cells_cannot_be_formulas(value, cell):
    assert csv_cell(value) == cell


def test_export_filename():
    from indexer.searching.service import SearchQuery

    name = export_filename(SearchQuery(q='标题:巡察 "市科技局" ../../etc'), "csv")
    assert name.startswith("baokan-标题-巡察-市科技局-etc-") and name.endswith(".csv")
    assert "/" not in name and '"' not in name
    assert export_filename(SearchQuery(), "jsonl").startswith("baokan-2")
