"""The JSON API: the same objects as the HTML pages, as JSON (Chinese unescaped, ISO dates)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from indexer.errors import IndexProblem
from indexer import (FACETS, FIELD_LABELS, KIND_ALIASES, MAX_PAGE_SIZE, MAX_RELEVANCE_DEPTH, MAX_VALUES, SORTS,
                     SearchPage)
from webapp.citation import gbt7714
from webapp.export import HEADERS, MAX_IDS, RECORD_ID
from webapp.params import changed_args, current_stats, known_regions, run_search
from webapp.views import last_page, record_page

bp = Blueprint("api", __name__, url_prefix="/api")


def page_urls(page: SearchPage) -> dict[str, str | None]:
    """``next`` and ``prev``: the same search one page on or back, as absolute URLs; None at either end."""
    query, last = page.query, last_page(page)

    def url(n: int) -> str:
        return url_for("api.search", _external=True, **changed_args(query, page=n))

    return {"next": url(query.page + 1) if query.page < last else None,
            "prev": url(min(query.page - 1, last)) if query.page > 1 else None}


@bp.get("/search")
def search() -> Response:
    page = run_search(request.args)
    return jsonify({**page.to_dict(), **page_urls(page)})


@dataclass(frozen=True)
class EndpointDoc:
    """One path of the OpenAPI document as the /api page shows it."""

    path: str
    summary: str
    parameters: tuple[tuple[str, str, str], ...]  # (name, values accepted, description)
    responses: tuple[tuple[str, str], ...]  # (status, description)
    examples: tuple[tuple[str, str], ...]  # (href, the same URL readable: "/api/search?q=焦作")

    @property
    def anchor(self) -> str:
        """"/records/{id}.ris" -> "records-id-ris"."""
        return re.sub(r"[^a-z0-9]+", "-", self.path.lower()).strip("-")


def values_accepted(param: dict[str, Any]) -> str:
    """What a parameter takes, in words: "整数 1–100", "relevance / newest / oldest", "可重复"."""
    schema = param["schema"]
    repeated = schema.get("type") == "array"
    value = schema.get("items", {}) if repeated else schema
    if "enum" in value:
        choices = [v for v in value["enum"] if v != ""]
        text = " / ".join(choices[:8]) + (f" 等 {len(choices)} 个" if len(choices) > 8 else "")
    elif value.get("type") == "integer":
        text = f"整数 {value.get('minimum', '')}–{value.get('maximum', '')}".rstrip("–")
    elif value is not schema or param["in"] == "path":
        text = "字母和数字" if "pattern" in value else "文字"
    elif "pattern" in value:
        text = "日期"
    else:
        text = f"文字，至多 {value['maxLength']} 字" if "maxLength" in value else "文字"
    return text + ("；可重复" if repeated else "")


def endpoint_docs(document: dict[str, Any], examples: dict[str, list[str]]) -> list[EndpointDoc]:
    """The document's paths, in its order, each with its live examples."""
    out = []
    for path, operations in document["paths"].items():
        op = operations["get"]
        params = tuple((p["name"], values_accepted(p), p.get("description", "")) for p in op.get("parameters", []))
        responses = tuple((code, r["description"]) for code, r in op["responses"].items())
        links = tuple((url, unquote(url)) for url in examples.get(path, ()))
        out.append(EndpointDoc(path, op["summary"], params, responses, links))
    return out


@bp.get("", endpoint="page")
def api_page() -> str:
    """The API for people: every endpoint of the OpenAPI document, its parameters, a live example."""
    return render_template("api.html", endpoints=endpoint_docs(openapi_document(), _examples()))


def _examples() -> dict[str, list[str]]:
    """A working example URL per path of the document, from what the archive holds."""
    stats = current_stats()
    region = next(iter(stats.by_region), None)
    hit = run_search({"page_size": "1", "sort": "newest"}).hits
    record_id = hit[0].id if hit else None
    search_args = {"q": "焦作", "page_size": "5", **({"region": region} if region else {})}
    examples = {
        "/api/search": [url_for("api.search", **search_args)],
        "/api/stats": [url_for("api.stats")],
        "/api/openapi.json": [url_for("api.openapi")],
        "/api": [url_for("api.page")],
    }
    for endpoint in ("csv", "jsonl", "ris", "bib"):
        urls = [url_for(f"export.{endpoint}", q="焦作")]
        if record_id:
            urls.append(url_for(f"export.{endpoint}", id=[record_id]))
        examples[f"/export.{endpoint}"] = urls
    examples["/export.csv"].append(url_for("export.csv", q="焦作", headers="keys"))
    if record_id:
        examples["/api/records/{id}"] = [url_for("api.record", record_id=record_id)]
        examples["/records/{id}.ris"] = [url_for("export.record_ris", record_id=record_id)]
        examples["/records/{id}.bib"] = [url_for("export.record_bib", record_id=record_id)]
    return examples


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
        "required": ["q", "region", "date_from", "date_to", "kind", "reporter", "section", "photographer",
                     "correspondent", "sort", "page", "page_size"],
        "additionalProperties": False,
        "properties": {
            "q": {"type": "string"},
            "region": _STRINGS,
            "date_from": _nullable("string", format="date"),
            "date_to": _nullable("string", format="date"),
            "kind": {"type": "array", "items": _KIND},
            "reporter": _STRINGS,
            "section": _STRINGS,
            "photographer": _STRINGS,
            "correspondent": _STRINGS,
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
                     "facets", "took_ms", "next", "prev"],
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
            "next": _nullable("string", format="uri", description="下一页的同一检索（绝对网址）；已是最后一页时为 null"),
            "prev": _nullable("string", format="uri", description="上一页的同一检索；第一页时为 null"),
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
                     "paper", "page_staff"],
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
            "page_staff": {**_STRINGS, "description": "The page's staff as printed on it: 责任编辑：崔国强."},
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

def date_pattern() -> str:
    """The values ``date_from``/``date_to`` accept (querylang.parse_date), as one regex.

    ``2021``, ``2021-11``, ``2021-11-05`` (also ``2021年11月5日``, ``2021/11/5``, ``2021.11``): years
    1000–2999, months 1–12, only days the month has (``2023-02-29`` is no date, ``2024-02-29`` is);
    empty means no bound. Surrounding spaces are stripped before the check.
    """
    year, y_sep, m_sep = "[12][0-9]{3}", "[-/.年]", "[-/.月]"
    leap_year = "(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:12|16|20|24|28)00)"
    month = "(?:0?[1-9]|1[0-2])"
    days_of = {  # months -> their days
        "(?:0?[13578]|1[02])": "(?:0?[1-9]|[12][0-9]|3[01])",
        "(?:0?[469]|11)": "(?:0?[1-9]|[12][0-9]|30)",
        "0?2": "(?:0?[1-9]|1[0-9]|2[0-8])",
    }
    days = [f"{year}{y_sep}{m}{m_sep}{d}" for m, d in days_of.items()] + [f"{leap_year}{y_sep}0?2{m_sep}29"]
    # the endings parse_date lets pass: "2021年", "2021年11月", "2021年11月5日"
    return f"^(?:|{year}年?|{year}{y_sep}{month}月?年?|(?:{'|'.join(days)})日?月?年?)$"


DATE_PATTERN = date_pattern()

def _repeated(item: dict[str, Any]) -> dict[str, Any]:
    """A query parameter that may be repeated (OpenAPI's default form style, exploded)."""
    return {"type": "array", "items": {**item, "maxLength": 100}, "maxItems": MAX_VALUES}


_PARAMS: list[tuple[str, dict[str, Any], str]] = [
    ("q", {"type": "string", "maxLength": 1000},
     '检索式：空格=并且，OR，-词/NOT，"精确短语"，括号，标题:/记者:/摄影:/地区:/栏目:/日期:2021-11'),
    # a repeatable filter is an array (region=温县&region=孟州市: records of either); one value works as before
    ("region", _repeated({"type": "string"}),
     f"{FIELD_LABELS['region']}，可重复，任一即可（须为档案或地名表中的地区，否则 400 未知地区）"),
    ("date_from", {"type": "string", "pattern": DATE_PATTERN},
     "起始日期：2021、2021-11 或 2021-11-05（须不晚于结束日期，否则 400）"),
    ("date_to", {"type": "string", "pattern": DATE_PATTERN}, "结束日期（含）：2021、2021-11 或 2021-11-05"),
    ("kind", _repeated({"type": "string", "enum": list(KIND_ALIASES)}), FIELD_LABELS["kind"] + "，可重复"),
    ("reporter", _repeated({"type": "string"}), FIELD_LABELS["reporter"] + "，可重复，任一即可"),
    ("section", _repeated({"type": "string"}), FIELD_LABELS["section"] + "，可重复，任一即可"),
    ("photographer", _repeated({"type": "string"}), FIELD_LABELS["photographer"] + "，可重复，任一即可"),
    ("correspondent", _repeated({"type": "string"}), FIELD_LABELS["correspondent"] + "，可重复，任一即可"),
    ("sort", {"type": "string", "enum": ["", *SORTS], "default": "relevance"}, "排序（空 = relevance）"),
    ("page", {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1},
     f"页码（有检索词且按相关度排序时，page × page_size 不得超过 {MAX_RELEVANCE_DEPTH}，否则 400）"),
    ("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 20}, "每页条数"),
]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


_ERRORS = {"400": _json("Error", "参数无效"), "503": _json("Error", "索引不可用")}


# --- browse (webapp/browse.py): the same objects as /issues, /issues/<date>, /issues/<date>/<page> ----------

_DAY = _nullable("string", format="date")
_COUNT = {"type": "integer", "minimum": 0}


def _object(**properties: Any) -> dict[str, Any]:
    """A closed object whose every property is required."""
    return {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}


BROWSE_SCHEMAS: dict[str, Any] = {
    "DayCount": _object(date={"type": "string", "format": "date"}, pages=_COUNT, records=_COUNT),
    "ArchiveCalendar": {**_object(
        ok={"const": True}, first=_DAY, last=_DAY, records=_COUNT,
        undated={**_COUNT, "description": "日期不详、不属于任何一期的记录"},
        years={"type": "array", "items": _object(year={"type": "string"}, issues=_COUNT, pages=_COUNT,
                                                  records=_COUNT, by_month={"type": "array", "items": _COUNT,
                                                                            "minItems": 12, "maxItems": 12})},
        year=_nullable("string", description="月历所示的年份"),
        months={"type": "array", "items": _object(month={"type": "string"}, issues=_COUNT, records=_COUNT,
                                                   days={"type": "array", "items": _ref("DayCount")})},
        jump={"oneOf": [_object(date={"type": "string"}, found={"type": "boolean"}, before=_DAY, after=_DAY),
                        {"type": "null"}]},
    ), "description": "按日期浏览：各年的期数，一年的月历，跳转日期的结果（无报纸时给出前后最近一期）。"},
    "PageEntry": _object(id={"type": "string"}, position={"type": "integer", "minimum": 1}, kind=_KIND,
                         title={"type": "string"}, excerpt={"type": "string"}, reporters=_STRINGS,
                         photographers=_STRINGS, section=_nullable("string")),
    "PageRef": _object(date={"type": "string", "format": "date"}, key={"type": "string"}, label=_nullable("string")),
    "Issue": _object(
        ok={"const": True}, date={"type": "string", "format": "date"}, paper=_nullable("string"), records=_COUNT,
        previous=_DAY, next=_DAY,
        pages={"type": "array", "items": _object(
            key={"type": "string", "description": "版面键：版次数字（第3版 -> 3），无版次时为文件名主干"},
            label=_nullable("string"), number=_nullable("string"), name=_nullable("string"),
            source={"type": "string"}, records={"type": "array", "items": _ref("PageEntry")})}),
    "IssuePage": _object(
        ok={"const": True}, date={"type": "string", "format": "date"}, paper=_nullable("string"),
        key={"type": "string"}, label=_nullable("string"), number=_nullable("string"), name=_nullable("string"),
        source={"type": "string"}, sections=_STRINGS, staff=_STRINGS, index={"type": "integer", "minimum": 1},
        pages={"type": "integer", "minimum": 1},
        previous={"oneOf": [_ref("PageRef"), {"type": "null"}]}, next={"oneOf": [_ref("PageRef"), {"type": "null"}]},
        entries={"type": "array", "items": _ref("PageEntry")},
        records={"type": "array", "items": _ref("Record"), "description": "全文，按阅读顺序"}),
}


def browse_paths() -> dict[str, Any]:
    """The browse endpoints: 400 for a malformed date or year, 404 for a day, year or page without an issue."""
    day = {"name": "date", "in": "path", "required": True, "description": "日期，如 2021-11-13",
           "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}
    page = {"name": "page", "in": "path", "required": True, "description": "版面键：版次数字，无版次时为文件名主干",
            "schema": {"type": "string", "minLength": 1, "maxLength": 120}}
    query = [{"name": "year", "in": "query", "required": False, "description": "月历所示年份（空 = 最新一年）",
              "schema": {"type": "string", "pattern": "^([0-9]{4})?$"}},
             {"name": "date", "in": "query", "required": False, "description": "跳到日期（空 = 不跳转）",
              "schema": {"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"}}]
    errors = {"404": _json("Error", "这一年、这一天没有报纸，或本期没有这一版"), **_ERRORS}
    return {
        "/api/issues": {"get": {"summary": "报纸日历", "operationId": "issues", "parameters": query,
                                "responses": {"200": _json("ArchiveCalendar", "各年期数、一年的月历与跳转结果"),
                                              **errors}}},
        "/api/issues/{date}": {"get": {"summary": "一期报纸", "operationId": "getIssue", "parameters": [day],
                                       "responses": {"200": _json("Issue", "本期各版及各版记录（阅读顺序）"),
                                                     **errors}}},
        "/api/issues/{date}/{page}": {"get": {
            "summary": "一个版面", "operationId": "getIssuePage", "parameters": [day, page],
            "responses": {"200": _json("IssuePage", "本版记录全文（阅读顺序）、上一版与下一版"), **errors}}},
    }
_NOT_FOUND = _json("Error", "没有这条记录")


def _per_value(schema: dict[str, Any], constraints: dict[str, Any]) -> dict[str, Any]:
    """``constraints`` on a parameter's value, or on each value of a repeated one (``region=a&region=b``)."""
    if schema.get("type") == "array":
        return {**schema, "items": {**schema.get("items", {}), **constraints}}
    return {**schema, **constraints}


def _enforced() -> dict[str, dict[str, Any]]:
    """What the server checks of each search parameter value beyond its type in ``_PARAMS``.

    An empty value is no filter (a form's 全部 sends ``kind=``); names are at most 100
    characters; a region must be one the archive or the gazetteer knows (else 400 未知地区).
    """
    names = {"maxLength": 100}
    checks: dict[str, dict[str, Any]] = {"kind": {"enum": ["", *KIND_ALIASES]}, "reporter": names,
                                         "section": names, "photographer": names, "correspondent": names}
    try:
        checks["region"] = {"enum": ["", *sorted(known_regions())]}
    except IndexProblem:  # no index: the search answers 503 whatever the region
        checks["region"] = names
    return checks


def _download(media_type: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "content": {media_type: {"schema": schema or {"type": "string"}}}}


def openapi_document() -> dict[str, Any]:
    """The API described: every response body shape is one of ``SCHEMAS``; every parameter as enforced."""
    enforced = _enforced()
    search_params = [{"name": n, "in": "query", "required": False, "schema": _per_value(s, enforced.get(n, {})),
                      "description": d} for n, s, d in _PARAMS]
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    record_id = {"name": "id", "in": "path", "required": True, "description": "记录编号",
                 "schema": {"type": "string", "pattern": RECORD_ID}}
    q_param = {"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
               "description": "检索式，用于高亮正文中的检索词"}
    ids_param = {"name": "id", "in": "query", "required": False, "style": "form", "explode": True,
                 "schema": {"type": "array", "maxItems": MAX_IDS, "items": {"type": "string", "pattern": RECORD_ID}},
                 "description": f"勾选的记录编号，可重复（id=…&id=…），按给定顺序导出，重复的只导出一次，最多 {MAX_IDS} 个"
                                "（更多为 400）。给出 id 时只导出这些记录，不使用检索参数；有未知编号时 404。"}
    headers_param = {"name": "headers", "in": "query", "required": False,
                     "schema": {"type": "string", "enum": ["", *HEADERS], "default": "zh"},
                     "description": "表头：zh（默认）为中文列名（标题, 日期, 版次, …），类型写作文章/图片；"
                                    "keys 为英文字段名与原有列序，供脚本使用"}
    export_params = [ids_param] + [p for p in search_params if p["name"] not in ("page", "page_size")]
    export_responses = {**_ERRORS, "404": _json("Error", "勾选的记录中有不存在的编号")}

    def export(summary: str, operation: str, ok: dict[str, Any], extra: tuple[dict[str, Any], ...] = ()) -> dict:
        return {"get": {"summary": summary, "operationId": operation, "parameters": [*export_params, *extra],
                        "responses": {"200": ok, **export_responses}}}

    def citation(summary: str, operation: str, ok: dict[str, Any]) -> dict[str, Any]:
        return {"get": {"summary": summary, "operationId": operation, "parameters": [record_id],
                        "responses": {"200": ok, "404": _NOT_FOUND, "503": _ERRORS["503"]}}}

    ris = _download("application/x-research-info-systems", "RIS（TY NEWS … ER），UTF-8，EndNote、NoteExpress、Zotero 可导入")
    bib = _download("application/x-bibtex", "BibTeX @article 条目，UTF-8，TeX 特殊字符已转义")
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "焦作日报 报刊检索 API", "version": "1",
                 "description": "检索焦作日报档案。所有错误都是 {\"ok\": false, \"error\": \"…\", \"status\": N}。"},
        "paths": {
            "/api/search": {"get": {
                "summary": "检索", "operationId": "search", "parameters": search_params,
                "responses": {"200": _json("SearchPage", "一页检索结果、分面计数、理解后的检索式与上一页/下一页网址"),
                              **_ERRORS},
            }},
            "/api/records/{id}": {"get": {
                "summary": "单条记录", "operationId": "getRecord", "parameters": [id_param, q_param],
                "responses": {"200": _json("RecordPage", "记录全文、同版记录、相关报道与引文"),
                              "404": _NOT_FOUND, "503": _ERRORS["503"]},
            }},
            "/api/stats": {"get": {
                "summary": "档案概况", "operationId": "stats",
                "responses": {"200": _json("Stats", "记录数、地区、年份、最新版面"), "503": _ERRORS["503"]},
            }},
            "/api": {"get": {
                "summary": "API 说明（网页）", "operationId": "apiPage",
                "responses": {"200": _download("text/html", "每个接口的用途、参数和可点击的示例"),
                              "503": _ERRORS["503"]},
            }},
            "/export.csv": export(
                "导出勾选的记录或全部结果为 CSV（UTF-8 BOM，Excel 可直接打开）", "exportCsv",
                _download("text/csv", "CSV，每条记录一行：标题, 日期, 版次, 地区, 记者, 通讯员, 摄影, 类型, 栏目, 署名, "
                                      "正文, 图片说明, 来源文件, 报纸, 链接, 编号（headers=keys 时为 Record 的字段名另加 url）"),
                (headers_param,)),
            "/export.jsonl": export("导出勾选的记录或全部结果为 JSON Lines", "exportJsonl",
                                    _download("application/x-ndjson", "每行一个 Record", _ref("Record"))),
            "/export.ris": export("导出勾选的记录或全部结果为 RIS", "exportRis", ris),
            "/export.bib": export("导出勾选的记录或全部结果为 BibTeX", "exportBib", bib),
            "/records/{id}.ris": citation("单条记录的 RIS 引文", "recordRis", ris),
            "/records/{id}.bib": citation("单条记录的 BibTeX 引文", "recordBib", bib),
            **browse_paths(),
        },
        "components": {"schemas": {**SCHEMAS, **BROWSE_SCHEMAS}},
    }
