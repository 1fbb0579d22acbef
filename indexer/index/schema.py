"""The Whoosh schema: one vocabulary shared with ``Record``, ``SearchQuery`` and the URL.

Text is indexed twice: ``text``/``title`` as each record's distinct character
bigrams, with the text they came from in ``text_match``/``title_match`` (recall:
any substring is found, see ``indexer.searching.substring``), and ``words``/``title_words``
as jieba words (ranking). Facet values live in one column (``facets``) read once
per segment.
"""
from __future__ import annotations

import json
from typing import Any

from whoosh import columns, formats
from whoosh.fields import COLUMN, ID, STORED, TEXT, FieldType, Schema
from whoosh.system import pack_uint

from indexer.index.tokenizers import GramAnalyzer, WordAnalyzer
from indexer.text.grams import gram_set, match_text
from indexer.records import Record
from indexer.index.segwriter import TermCounts, TermSet

SCHEMA_VERSION = 3  # 3: photographer and correspondent facet values
FILE_MARKER = "_file"  # kind of the one placeholder document of a page that gave no records

class GramSet(FieldType):
    """A text's distinct bigrams (and each paragraph's last character): no positions, no frequencies.

    Matching only: the query is checked against the field's match column
    (``indexer.searching.substring``), so positions would only cost space and time.
    """

    def __init__(self) -> None:
        super().__init__(formats.Existence(), GramAnalyzer(), scorable=False, stored=False)

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, TermSet):
            return ((t, 1, 1.0, b"") for t in value.term_bytes())
        return ((t.encode("utf-8"), 1, 1.0, b"") for t in gram_set(match_text(value)))


class WordField(TEXT):
    """jieba words with their frequencies (ranking); the value may come pre-counted as ``TermCounts``.

    ``TermCounts`` is what the ingest workers send; Whoosh's own writer would see it
    as the empty string it subclasses, so its postings are given here exactly as
    ``Frequency.word_values`` would give them for the text they were counted from.
    """

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, TermCounts):
            boost = self.format.field_boost
            return ((t, f, f * boost, pack_uint(f)) for t, f in zip(value.term_bytes(), value.freqs))
        return super().index(value, **kwargs)


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
        text=GramSet(),
        title=GramSet(),
        text_match=COLUMN(columns.VarBytesColumn()),
        title_match=COLUMN(columns.VarBytesColumn()),
        words=WordField(analyzer=words, phrase=False),
        title_words=WordField(analyzer=words, phrase=False, field_boost=3.0),
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
        # a photo's credit may sit on its captions only: "…会场一角。本报记者 李四 摄" -> ["李四"]
        "photographer": list(dict.fromkeys(record.photographers or
                                           [p for c in record.captions for p in c.photographers])),
        "correspondent": list(record.correspondents),
        "section": record.section,
        "source": file,
        "ordinal": ordinal,
        "id": record.id,
    }


def encode_facets(values: dict[str, Any]) -> bytes:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_facets(raw: bytes) -> dict[str, Any]:
    return json.loads(raw.decode("utf-8")) if raw else {}
