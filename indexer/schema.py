"""The Whoosh schema: one vocabulary shared with ``Record``, ``SearchQuery`` and the URL.

Text is indexed twice: ``text``/``title`` as character bigrams (recall: any
substring is found) and ``words``/``title_words`` as jieba words (ranking).
Facet values live in one column (``facets``) read once per segment.
"""
from __future__ import annotations

import json
from typing import Any

from whoosh import columns
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema

from indexer.analysis import GramAnalyzer, WordAnalyzer
from indexer.records import Record

SCHEMA_VERSION = 1
FILE_MARKER = "_file"  # kind of the one placeholder document of a page that gave no records

# Field name in the query language (Chinese and English) -> searchable index field.
FIELD_ALIASES: dict[str, str] = {
    "title": "title", "标题": "title",
    "reporter": "reporter", "记者": "reporter", "作者": "reporter",
    "photographer": "photographer", "摄影": "photographer",
    "correspondent": "correspondent", "通讯员": "correspondent",
    "region": "region", "地区": "region",
    "section": "section", "栏目": "section",
    "date": "date", "日期": "date",
    "kind": "kind", "类型": "kind",
}


def build_schema() -> Schema:
    """The index schema (bump SCHEMA_VERSION when it changes)."""
    grams = GramAnalyzer()
    words = WordAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        file=ID(stored=True),  # the absolute path the record was ingested from: the ingest's key
        file_hash=ID(),  # "<file>\x00<sha256 of its bytes>": what the ingest has seen
        kind=ID(),
        pub_date=ID(),
        year=ID(),
        month=ID(),
        text=TEXT(analyzer=grams, phrase=True),
        title=TEXT(analyzer=grams, phrase=True, field_boost=3.0),
        words=TEXT(analyzer=words, phrase=False),
        title_words=TEXT(analyzer=words, phrase=False, field_boost=3.0),
        reporter=TEXT(analyzer=grams, phrase=True),
        photographer=TEXT(analyzer=grams, phrase=True),
        correspondent=TEXT(analyzer=grams, phrase=True),
        region=TEXT(analyzer=grams, phrase=True),
        section=TEXT(analyzer=grams, phrase=True),
        data=STORED(),
        facets=COLUMN(columns.VarBytesColumn()),
    )


def full_text(record: Record) -> str:
    """Everything searchable about a record, one paragraph per line."""
    parts = [record.title, record.byline or "", record.body]
    for caption in record.captions:
        parts.append(caption.text)
        parts.extend(caption.photographers)
    parts.extend(record.reporters)
    parts.extend(record.correspondents)
    parts.extend(record.photographers)
    return "\n".join(p for p in parts if p)


def facet_values(record: Record, ordinal: int, file: str) -> dict[str, Any]:
    """The per-record values facets and filters read: compact JSON in the ``facets`` column."""
    return {
        "kind": record.kind,
        "region": record.region,
        "date": record.pub_date,
        "reporter": list(record.reporters),
        "section": record.section,
        "source": file,
        "ordinal": ordinal,
        "id": record.id,
    }


def encode_facets(values: dict[str, Any]) -> bytes:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_facets(raw: bytes) -> dict[str, Any]:
    return json.loads(raw.decode("utf-8")) if raw else {}
