"""The JSON API: the same objects as the HTML pages, as JSON (Chinese unescaped, ISO dates)."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from indexer import FACETS, FIELD_LABELS, KIND_ALIASES, MAX_PAGE_SIZE, SORTS
from webapp.citation import gbt7714
from webapp.params import current_stats, run_search
from webapp.views import record_page

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search() -> Response:
    return jsonify(run_search(request.args).to_dict())


@bp.get("/records/<record_id>")
def record(record_id: str) -> Response:
    rp = record_page(record_id, request.args.get("q", ""))
    data = rp.to_dict()
    data["citation"] = gbt7714(rp.record, current_app.config["PAPER"])
    return jsonify(data)


@bp.get("/stats")
def stats() -> Response:
    return jsonify(current_stats().to_dict())


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


# --- the OpenAPI 3.1 document (its schemas are JSON Schema 2020-12) -------------------

def _nullable(type_: str, **extra: Any) -> dict[str, Any]:
    return {"type": [type_, "null"], **extra}


_STRINGS = {"type": "array", "items": {"type": "string"}}
_COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
_KIND = {"type": "string", "enum": ["article", "caption"]}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "description": "The one error shape of every endpoint.",
        "required": ["ok", "error", "status"],
        "additionalProperties": False,
        "properties": {
            "ok": {"const": False},
            "error": {"type": "string", "description": "A message fit to show the user (Chinese)."},
            "status": {"type": "integer"},
        },
    },
    "SearchQuery": {
        "type": "object",
        "description": "The search as validated (dates normalised to ISO 8601).",
        "required": ["q", "region", "date_from", "date_to", "kind", "reporter", "section", "sort", "page",
                     "page_size"],
        "additionalProperties": False,
        "properties": {
            "q": {"type": "string"},
            "region": _nullable("string"),
            "date_from": _nullable("string", format="date"),
            "date_to": _nullable("string", format="date"),
            "kind": {"oneOf": [_KIND, {"type": "null"}]},
            "reporter": _nullable("string"),
            "section": _nullable("string"),
            "sort": {"type": "string", "enum": list(SORTS)},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        },
    },
    "Hit": {
        "type": "object",
        "required": ["id", "kind", "title", "title_html", "snippet", "pub_date", "region", "reporters",
                     "photographers", "section", "page", "paper", "source"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "kind": _KIND,
            "title": {"type": "string"},
            "title_html": {"type": "string", "description": "HTML-escaped title, matches in <mark>."},
            "snippet": {"type": "string", "description": "HTML-escaped excerpt, matches in <mark> "
                                                          "(``Hit.snippet_html`` in the Python library)."},
            "pub_date": _nullable("string", format="date"),
            "region": _nullable("string"),
            "reporters": _STRINGS,
            "photographers": _STRINGS,
            "section": _nullable("string"),
            "page": _nullable("string", description="版次, e.g. 第1版 要闻"),
            "paper": _nullable("string"),
            "source": {"type": "string"},
        },
    },
    "SearchPage": {
        "type": "object",
        "required": ["ok", "query", "understood", "notes", "total", "page", "page_size", "pages", "sort", "hits",
                     "facets", "took_ms"],
        "additionalProperties": False,
        "properties": {
            "ok": {"const": True},
            "query": {"$ref": "#/components/schemas/SearchQuery"},
            "understood": {"type": "string", "description": "The query as understood (canonical form)."},
            "notes": {**_STRINGS, "description": "Repairs made to the query (unclosed quote…)."},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "sort": {"type": "string", "enum": list(SORTS)},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": {
                "type": "object",
                "description": "Facet name -> value -> count, each counted as if its own filter were off.",
                "required": list(FACETS),
                "additionalProperties": False,
                "properties": {name: _COUNTS for name in FACETS},
            },
            "took_ms": {"type": "number", "minimum": 0},
        },
    },
    "Caption": {
        "type": "object",
        "required": ["text", "photographers"],
        "additionalProperties": False,
        "properties": {"text": {"type": "string"}, "photographers": _STRINGS},
    },
    "Record": {
        "type": "object",
        "required": ["id", "kind", "title", "body", "section", "byline", "reporters", "correspondents",
                     "photographers", "captions", "region", "pub_date", "pub_date_source", "source", "page",
                     "paper"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "kind": _KIND,
            "title": {"type": "string"},
            "body": {"type": "string", "description": "Plain text (not escaped)."},
            "section": _nullable("string"),
            "byline": _nullable("string"),
            "reporters": _STRINGS,
            "correspondents": _STRINGS,
            "photographers": _STRINGS,
            "captions": {"type": "array", "items": {"$ref": "#/components/schemas/Caption"}},
            "region": _nullable("string"),
            "pub_date": _nullable("string", format="date"),
            "pub_date_source": {"oneOf": [{"type": "string", "enum": ["header", "filename", "manifest",
                                                                      "inferred"]}, {"type": "null"}]},
            "source": {"type": "string"},
            "page": _nullable("string"),
            "paper": _nullable("string"),
        },
    },
    "RecordPage": {
        "type": "object",
        "required": ["ok", "record", "kind_label", "same_page", "related", "citation"],
        "additionalProperties": False,
        "properties": {
            "ok": {"const": True},
            "record": {"$ref": "#/components/schemas/Record"},
            "kind_label": {"type": "string", "description": "文章 or 图片"},
            "same_page": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "related": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "citation": {"type": "string", "description": "GB/T 7714: 作者. 标题[N]. 报纸名, YYYY-MM-DD(版次)."},
        },
    },
    "Stats": {
        "type": "object",
        "required": ["ok", "records", "by_kind", "by_region", "by_year", "date_range", "index_bytes",
                     "latest_pages"],
        "additionalProperties": False,
        "properties": {
            "ok": {"const": True},
            "records": {"type": "integer", "minimum": 0},
            "by_kind": _COUNTS,
            "by_region": _COUNTS,
            "by_year": _COUNTS,
            "date_range": {
                "type": "object",
                "required": ["from", "to"],
                "additionalProperties": False,
                "properties": {"from": _nullable("string", format="date"), "to": _nullable("string", format="date")},
            },
            "index_bytes": {"type": "integer", "minimum": 0},
            "latest_pages": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["date", "source", "page", "records"],
                    "additionalProperties": False,
                    "properties": {"date": {"type": "string"}, "source": {"type": "string"},
                                   "page": _nullable("string"), "records": {"type": "integer", "minimum": 0}},
                },
            },
        },
    },
}

_PARAMS: list[tuple[str, dict[str, Any], str]] = [
    ("q", {"type": "string", "maxLength": 1000},
     '检索式：空格=并且，OR，-词/NOT，"精确短语"，括号，标题:/记者:/摄影:/地区:/栏目:/日期:2021-11'),
    ("region", {"type": "string"}, f"{FIELD_LABELS['region']}（须为档案或地名表中的地区，否则 400 未知地区）"),
    ("date_from", {"type": "string"}, "起始日期：2021、2021-11 或 2021-11-05"),
    ("date_to", {"type": "string"}, "结束日期（含）：2021、2021-11 或 2021-11-05"),
    ("kind", {"type": "string", "enum": list(KIND_ALIASES)}, FIELD_LABELS["kind"]),
    ("reporter", {"type": "string"}, FIELD_LABELS["reporter"]),
    ("section", {"type": "string"}, FIELD_LABELS["section"]),
    ("sort", {"type": "string", "enum": list(SORTS), "default": "relevance"}, "排序"),
    ("page", {"type": "integer", "minimum": 1, "default": 1}, "页码"),
    ("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 20}, "每页条数"),
]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


_ERRORS = {"400": _json("Error", "参数无效"), "503": _json("Error", "索引不可用")}


def openapi_document() -> dict[str, Any]:
    """The API described: every response body shape is one of ``SCHEMAS``."""
    search_params = [{"name": n, "in": "query", "required": False, "schema": s, "description": d}
                     for n, s, d in _PARAMS]
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    q_param = {"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
               "description": "检索式，用于高亮正文中的检索词"}
    export_params = [p for p in search_params if p["name"] not in ("page", "page_size")]
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "焦作日报 报刊检索 API", "version": "1",
                 "description": "检索焦作日报档案。所有错误都是 {\"ok\": false, \"error\": \"…\", \"status\": N}。"},
        "paths": {
            "/api/search": {"get": {
                "summary": "检索", "operationId": "search", "parameters": search_params,
                "responses": {"200": _json("SearchPage", "一页检索结果、分面计数与理解后的检索式"), **_ERRORS},
            }},
            "/api/records/{id}": {"get": {
                "summary": "单条记录", "operationId": "getRecord", "parameters": [id_param, q_param],
                "responses": {"200": _json("RecordPage", "记录全文、同版记录、相关报道与引文"),
                              "404": _json("Error", "没有这条记录"), "503": _ERRORS["503"]},
            }},
            "/api/stats": {"get": {
                "summary": "档案概况", "operationId": "stats",
                "responses": {"200": _json("Stats", "记录数、地区、年份、最新版面"), "503": _ERRORS["503"]},
            }},
            "/export.csv": {"get": {
                "summary": "导出全部结果为 CSV（UTF-8 BOM，Excel 可直接打开）", "operationId": "exportCsv",
                "parameters": export_params,
                "responses": {"200": {"description": "CSV，列与 Record 的字段相同，另加 url",
                                      "content": {"text/csv": {"schema": {"type": "string"}}}}, **_ERRORS},
            }},
            "/export.jsonl": {"get": {
                "summary": "导出全部结果为 JSON Lines", "operationId": "exportJsonl",
                "parameters": export_params,
                "responses": {"200": {"description": "每行一个 Record",
                                      "content": {"application/x-ndjson": {"schema": _ref("Record")}}},
                              **_ERRORS},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
