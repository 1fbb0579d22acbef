"""Exports, streamed: CSV (UTF-8 with BOM, for Excel), JSON Lines, RIS and BibTeX.

What is exported: the ticked records (``id=…&id=…``, in that order) or, without ``id``,
the whole result set of the search parameters. No row cap: ``iter_results`` yields
every matching record in result order and the response is written as it goes, so
memory stays flat however large the set. One record's RIS or BibTeX is at
``/records/<id>.ris`` and ``/records/<id>.bib``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from urllib.parse import quote

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for
from werkzeug.datastructures import MultiDict

from indexer.errors import QueryError, RecordNotFound
from indexer.records import Record
from indexer import FIELD_LABELS, KIND_LABELS, SearchQuery
from webapp import get_backend
from webapp.citation import MEDIA_BIBTEX, MEDIA_RIS, bibtex, ris
from webapp.params import query_from_args

bp = Blueprint("export", __name__)

# headers=keys: today's keys, in today's order, for scripts
CSV_COLUMNS = ("id", "kind", "title", "pub_date", "region", "section", "page", "paper", "reporters",
               "correspondents", "photographers", "byline", "captions", "body", "source", "url")
# the default: Chinese headers (标题, 日期, 版次, …) in the order a reader scans a clipping
CSV_COLUMNS_ZH = ("title", "pub_date", "page", "region", "reporters", "correspondents", "photographers", "kind",
                  "section", "byline", "body", "captions", "source", "paper", "url", "id")
# a column -> its name in FIELD_LABELS, where they differ ("reporters" holds several "reporter")
_LABEL_NAMES = {"pub_date": "date", "reporters": "reporter", "correspondents": "correspondent",
                "photographers": "photographer"}
HEADERS = ("zh", "keys")  # the values of ?headers=
MAX_IDS = 1000
RECORD_ID = r"^[0-9A-Za-z]{1,64}$"  # the shape of a record id (record_id: 16 hex digits)
_RECORD_ID = re.compile(RECORD_ID)
ROWS_PER_CHUNK = 200
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: "=HYPERLINK(…)" -> "'=HYPERLINK(…)" (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_label(column: str) -> str:
    """The Chinese header of a column: "pub_date" -> "日期", "reporters" -> "记者"."""
    return FIELD_LABELS[_LABEL_NAMES.get(column, column)]


def csv_row(record: Record, url: str, columns: tuple[str, ...] = CSV_COLUMNS, labels: bool = False) -> list[str]:
    """A record's cells; with ``labels`` the kind reads as people read it ("文章", not "article")."""
    data = record.to_dict()
    row = []
    for column in columns:
        if column == "url":
            value = url
        elif column == "captions":
            value = "\n".join(c.text for c in record.captions)
        elif column == "kind" and labels:
            value = KIND_LABELS.get(record.kind, record.kind)
        else:
            raw = data.get(column)
            value = "、".join(raw) if isinstance(raw, list) else ("" if raw is None else str(raw))
        row.append(csv_cell(value))
    return row


def csv_lines(records: Iterable[Record], record_url: Callable[[str], str], labels: bool) -> Iterator[str]:
    """The CSV text a row at a time: BOM and header first (Excel then reads the file as UTF-8)."""
    columns = CSV_COLUMNS_ZH if labels else CSV_COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Iterable[str]) -> str:
        writer.writerow(cells)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line([csv_label(c) for c in columns] if labels else columns)
    for record in records:
        yield line(csv_row(record, record_url(record.id), columns, labels))


def export_filename(query: SearchQuery, ext: str) -> str:
    """"baokan-巡察-20240501.csv": the query's words (letters, digits, CJK) and today's date."""
    words = re.sub(r"[^\w]+", "-", query.q, flags=re.UNICODE).strip("-_")[:30]
    return f"baokan-{words + '-' if words else ''}{date.today():%Y%m%d}.{ext}"


def selection_filename(count: int, ext: str) -> str:
    """"baokan-选中3条-20240501.csv" for ticked records."""
    return f"baokan-选中{count}条-{date.today():%Y%m%d}.{ext}"


def content_disposition(filename: str) -> str:
    """ASCII fallback plus RFC 5987 UTF-8 name, so browsers keep the Chinese."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def selected_ids(args: MultiDict[str, str]) -> tuple[str, ...]:
    """The ticked records, ``id=a&id=b`` in the order given, each once; () when there is no ``id``."""
    ids = args.getlist("id")
    if len(ids) > MAX_IDS:
        raise QueryError(f"一次最多导出 {MAX_IDS} 条选中的记录（收到 {len(ids)} 条）")
    bad = next((i for i in ids if not _RECORD_ID.fullmatch(i)), None)
    if bad is not None:
        raise QueryError(f"记录编号无效：{bad[:40]}（应为字母和数字）")
    return tuple(dict.fromkeys(ids))


def csv_labels(args: Mapping[str, str]) -> bool:
    """``headers=`` (default ``zh``): Chinese headers; ``headers=keys``: the JSON keys."""
    value = (args.get("headers") or "zh").strip()
    if value not in HEADERS:
        raise QueryError(f"参数 headers 只能是 zh 或 keys：{value[:20]}")
    return value == "zh"


def _records(ext: str) -> tuple[str, Iterator[Record]]:
    """(file name, records) of the request; everything is checked before the response begins
    (400 for bad parameters, 404 for an unknown ticked id, 503 for the index)."""
    ids = selected_ids(request.args)
    if ids:  # the ticked records: the search parameters beside them are not used
        records = get_backend().get_records(ids)
        return selection_filename(len(records), ext), iter(records)
    query = query_from_args(request.args)
    it = get_backend().iter_results(query)
    first = next(it, None)

    def all_records() -> Iterator[Record]:
        if first is not None:
            yield first
            yield from it

    return export_filename(query, ext), all_records()


def _record_url() -> Callable[[str], str]:
    # url_for once: "http://host/records/" + id, rather than a URL build per row.
    base = url_for("views.record", record_id="ID", _external=True)[: -len("ID")]
    return lambda record_id: base + record_id


def _chunked(pieces: Iterable[str]) -> Iterator[str]:
    """ROWS_PER_CHUNK pieces per write; at least one (possibly empty) chunk."""
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= ROWS_PER_CHUNK:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)


def _download(pieces: Iterable[str], content_type: str, filename: str) -> Response:
    return Response(stream_with_context(_chunked(pieces)), content_type=content_type,
                    headers={"Content-Disposition": content_disposition(filename), "Cache-Control": "no-store"})


@bp.get("/export.csv", endpoint="csv")
def csv_export() -> Response:
    labels = csv_labels(request.args)
    filename, records = _records("csv")
    return _download(csv_lines(records, _record_url(), labels), "text/csv; charset=utf-8", filename)


@bp.get("/export.jsonl", endpoint="jsonl")
def jsonl_export() -> Response:
    filename, records = _records("jsonl")
    lines = (json.dumps(record.to_dict(), ensure_ascii=False) + "\n" for record in records)
    return _download(lines, "application/x-ndjson; charset=utf-8", filename)


@bp.get("/export.ris", endpoint="ris")
def ris_export() -> Response:
    filename, records = _records("ris")
    url, paper = _record_url(), current_app.config["PAPER"]
    return _download((ris(r, url(r.id), paper) for r in records), MEDIA_RIS, filename)


@bp.get("/export.bib", endpoint="bib")
def bib_export() -> Response:
    filename, records = _records("bib")
    url, paper = _record_url(), current_app.config["PAPER"]
    return _download((bibtex(r, url(r.id), paper) + "\n" for r in records), MEDIA_BIBTEX, filename)


def _one_record(record_id: str) -> Record:
    if not _RECORD_ID.fullmatch(record_id):
        raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
    return get_backend().get_records([record_id])[0]


def _citation_file(record_id: str, render: Callable[[Record, str, str], str], media: str, ext: str) -> Response:
    """One record as a reference manager's file: ``baokan-<id>.ris`` or ``.bib``."""
    record = _one_record(record_id)
    text = render(record, _record_url()(record.id), current_app.config["PAPER"])
    return Response(text, content_type=media,
                    headers={"Content-Disposition": content_disposition(f"baokan-{record.id}.{ext}")})


@bp.get("/records/<record_id>.ris", endpoint="record_ris")
def record_ris(record_id: str) -> Response:
    return _citation_file(record_id, ris, MEDIA_RIS, "ris")


@bp.get("/records/<record_id>.bib", endpoint="record_bib")
def record_bib(record_id: str) -> Response:
    return _citation_file(record_id, bibtex, MEDIA_BIBTEX, "bib")
