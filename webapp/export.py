"""Export of a whole result set, streamed: CSV (UTF-8 with BOM, for Excel) and JSON Lines.

No row cap: ``iter_results`` yields every matching record in result order and
the response is written as it goes, so memory stays flat however large the set.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import quote

from flask import Blueprint, Response, request, stream_with_context, url_for

from indexer.records import Record
from indexer import SearchQuery, iter_results
from webapp import get_archive
from webapp.params import query_from_args

bp = Blueprint("export", __name__)

CSV_COLUMNS = ("id", "kind", "title", "pub_date", "region", "section", "page", "paper", "reporters",
               "correspondents", "photographers", "byline", "captions", "body", "source", "url")
ROWS_PER_CHUNK = 200
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: "=HYPERLINK(…)" -> "'=HYPERLINK(…)" (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_row(record: Record, url: str) -> list[str]:
    data = record.to_dict()
    row = []
    for column in CSV_COLUMNS:
        if column == "url":
            value = url
        elif column == "captions":
            value = "\n".join(c.text for c in record.captions)
        else:
            raw = data.get(column)
            value = "、".join(raw) if isinstance(raw, list) else ("" if raw is None else str(raw))
        row.append(csv_cell(value))
    return row


def export_filename(query: SearchQuery, ext: str) -> str:
    """"baokan-巡察-20240501.csv": the query's words (letters, digits, CJK) and today's date."""
    words = re.sub(r"[^\w]+", "-", query.q, flags=re.UNICODE).strip("-_")[:30]
    return f"baokan-{words + '-' if words else ''}{date.today():%Y%m%d}.{ext}"


def content_disposition(filename: str) -> str:
    """ASCII fallback plus RFC 5987 UTF-8 name, so browsers keep the Chinese."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _records() -> tuple[SearchQuery, Iterator[Record]]:
    """Validate and start the search before the response begins, so errors are still 400/503."""
    query = query_from_args(request.args)
    it = iter_results(get_archive(), query)
    first = next(it, None)

    def all_records() -> Iterator[Record]:
        if first is not None:
            yield first
            yield from it

    return query, all_records()


def _record_url_base() -> str:
    # url_for once: "http://host/records/" + id, rather than a URL build per row.
    return url_for("views.record", record_id="ID", _external=True)[: -len("ID")]


@bp.get("/export.csv", endpoint="csv")
def csv_export() -> Response:
    query, records = _records()
    base = _record_url_base()

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
        writer.writerow(CSV_COLUMNS)
        n = 0
        for record in records:
            writer.writerow(csv_row(record, base + record.id))
            n += 1
            if n % ROWS_PER_CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(generate()), mimetype="text/csv",
                    headers={"Content-Disposition": content_disposition(export_filename(query, "csv")),
                             "Cache-Control": "no-store"})


@bp.get("/export.jsonl", endpoint="jsonl")
def jsonl_export() -> Response:
    query, records = _records()

    def generate() -> Iterator[str]:
        lines: list[str] = []
        for record in records:
            lines.append(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            if len(lines) >= ROWS_PER_CHUNK:
                yield "".join(lines)
                lines.clear()
        yield "".join(lines)

    return Response(stream_with_context(generate()), content_type="application/x-ndjson; charset=utf-8",
                    headers={"Content-Disposition": content_disposition(export_filename(query, "jsonl")),
                             "Cache-Control": "no-store"})

