"""Exports: the ticked records or the whole result set, streamed; CSV opens in Excel (UTF-8 BOM, Chinese headers
by default, ``headers=keys`` for scripts), JSON Lines is one Record a line."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import unquote

import pytest

from webapp.export import CSV_COLUMNS, MAX_IDS, csv_cell, export_filename

CHINESE_HEADER = ("标题", "日期", "版次", "地区", "记者", "通讯员", "摄影", "类型", "栏目", "署名", "正文", "图片说明",
                  "来源文件", "报纸", "链接", "编号")


def all_ids(client, **params) -> list[str]:
    return [h["id"] for h in client.get("/api/search", query_string={"page_size": 100, **params}).json["hits"]]


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_has_bom_chinese_header_and_every_result_in_order(client):
    r = client.get("/export.csv", query_string={"q": "示范区", "sort": "oldest", "page_size": 5, "page": 3})
    assert r.status_code == 200
    assert r.is_streamed
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = csv_rows(r)
    # the whole result set in result order, not the visible page
    assert [row["编号"] for row in rows] == all_ids(client, q="示范区", sort="oldest")
    assert len(rows) > 5
    assert tuple(rows[0]) == CHINESE_HEADER
    row = next(row for row in rows if row["标题"] == "示范区召开2022年项目谋划工作汇报会")
    assert row["记者"] == "付凯明" and row["日期"] == "2021-11-13" and row["地区"] == "示范区"
    assert row["类型"] == "文章" and "官卫红" in row["正文"]
    assert row["链接"] == f"http://localhost/records/{row['编号']}"


def test_csv_headers_keys_keeps_the_keys_for_scripts(client):
    r = client.get("/export.csv", query_string={"q": "示范区", "sort": "oldest", "headers": "keys"})
    assert r.status_code == 200 and r.data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(r)
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
    assert r.data.decode("utf-8-sig").splitlines() == [",".join(CHINESE_HEADER)]
    r = client.get("/export.csv", query_string={"q": "没有这样的词语组合", "headers": "keys"})
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


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "ris", "bib"])
@pytest.mark.parametrize("params, message", [
    ({"page": "abc"}, "参数 page 必须是整数"),
    ({"region": "火星"}, "未知地区：火星"),
    ({"date_from": "2021-13"}, "月份超出范围"),
    ({"q": "巡" * 10_000}, "检索式过长"),
    ({"id": "../etc"}, "记录编号无效"),
    ({"id": ""}, "记录编号无效"),
    ({"id": [f"{n:016x}" for n in range(MAX_IDS + 1)]}, f"一次最多导出 {MAX_IDS} 条"),
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


# --- the ticked records: id=…&id=… ----------------------------------------------------------------


@pytest.fixture
def ticked(client) -> list[str]:
    """Three ids in an order no sort gives: last, first, middle of the oldest-first list."""
    ids = all_ids(client, sort="oldest")
    return [ids[-1], ids[0], ids[len(ids) // 2]]


def test_ticked_records_export_exactly_those_in_the_given_order(client, ticked):
    # a repeated id comes once; search parameters beside the ids are not used
    query = {"id": [*ticked, ticked[0]], "q": "没有这样的词语组合", "region": "示范区", "sort": "newest"}
    r = client.get("/export.csv", query_string=query)
    assert r.status_code == 200
    assert [row["编号"] for row in csv_rows(r)] == ticked
    r = client.get("/export.csv", query_string={**query, "headers": "keys"})
    assert [row["id"] for row in csv_rows(r)] == ticked
    r = client.get("/export.jsonl", query_string=query)
    assert [json.loads(line)["id"] for line in r.text.splitlines()] == ticked
    disposition = unquote(r.headers["Content-Disposition"])
    assert "baokan-选中3条-" in disposition and disposition.endswith(".jsonl")


def test_a_thousand_ids_are_accepted(client, ticked):
    r = client.get("/export.jsonl", query_string={"id": [ticked[0]] * MAX_IDS})
    assert r.status_code == 200 and [json.loads(line)["id"] for line in r.text.splitlines()] == [ticked[0]]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "ris", "bib"])
def test_an_unknown_ticked_id_is_404_before_anything_is_sent(client, ticked, fmt):
    r = client.get(f"/export.{fmt}", query_string={"id": [ticked[0], "0123456789abcdef", ticked[1]]})
    assert r.status_code == 404
    assert r.json == {"ok": False, "error": "没有编号为 0123456789abcdef 的记录", "status": 404}


@pytest.mark.parametrize("value", ["xml", "KEYS", "中文"])
def test_csv_headers_must_be_zh_or_keys(client, value):
    r = client.get("/export.csv", query_string={"headers": value})
    assert r.status_code == 400 and r.json["ok"] is False and "参数 headers 只能是 zh 或 keys" in r.json["error"]


def test_csv_headers_zh_and_empty_are_the_default(client):
    default = client.get("/export.csv", query_string={"q": "巡察"}).data
    assert client.get("/export.csv", query_string={"q": "巡察", "headers": "zh"}).data == default
    assert client.get("/export.csv", query_string={"q": "巡察", "headers": ""}).data == default


def test_every_column_has_its_label_in_the_one_table():
    from indexer import FIELD_LABELS
    from webapp.export import CSV_COLUMNS_ZH, csv_label

    assert set(CSV_COLUMNS_ZH) == set(CSV_COLUMNS)
    assert tuple(csv_label(c) for c in CSV_COLUMNS_ZH) == CHINESE_HEADER
    assert set(CHINESE_HEADER) <= set(FIELD_LABELS.values())
