"""One record by id, for its own page: highlighted text, the other records on its page, related coverage."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq

from indexer.errors import QueryError, RecordNotFound
from indexer.index.schema import FILE_MARKER, full_text
from indexer.records import Record
from indexer.searching.facets import KIND_LABELS
from indexer.searching.querylang import parse_query
from indexer.searching.service import Hit
from indexer.searching.snapshot import Archive, Snapshot
from indexer.text.highlight import highlight


@dataclass(frozen=True)
class RecordPage:
    """A record with its page neighbours and related coverage."""

    record: Record
    body_html: str
    title_html: str
    same_page: tuple[Hit, ...]
    related: tuple[Hit, ...]
    terms: tuple[str, ...] = field(default=())
    captions_html: tuple[str, ...] = field(default=())  # each embedded caption, escaped, terms marked

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "record": self.record.to_dict(),
            "kind_label": KIND_LABELS.get(self.record.kind, self.record.kind),
            "same_page": [h.to_dict() for h in self.same_page],
            "related": [h.to_dict() for h in self.related],
        }


def _docnum_for_id(snap: Snapshot, record_id: str) -> int:
    lookup = getattr(snap, "docnum_of", None)  # a cluster's snapshot (indexer.cluster.search) finds ids itself
    if lookup is not None:
        return int(lookup(record_id))
    docnum = snap.searcher.document_number(id=record_id) if record_id.isalnum() else None
    if docnum is None:
        raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
    return docnum


def get_records(archive: Archive, record_ids: Sequence[str]) -> tuple[Record, ...]:
    """The records with these ids, in the order given (for export); RecordNotFound names the first unknown id."""
    snap = archive.snapshot()
    return tuple(snap.record(_docnum_for_id(snap, record_id)) for record_id in record_ids)


def get_record(archive: Archive, record_id: str, q: str = "", related: int = 5) -> RecordPage:
    """One record by id, with search terms from ``q`` highlighted; raises RecordNotFound."""
    snap = archive.snapshot()
    docnum = _docnum_for_id(snap, record_id)
    record = snap.record(docnum)
    try:
        terms = parse_query(q).highlight_terms if q else ()
    except QueryError:
        terms = ()
    file = snap.searcher.stored_fields(docnum).get("file", "")
    same = snap.searcher.search(wq.Term("file", file), limit=None)
    cols = snap.columns
    marker = cols.kinds.index(FILE_MARKER) if FILE_MARKER in cols.kinds else -1
    neighbours = sorted((h.docnum for h in same if h.docnum != docnum and int(cols.kind[h.docnum]) != marker),
                        key=lambda d: int(cols.ordinal[d]))
    same_page = tuple(Hit.from_record(snap.record(d), ()) for d in neighbours)
    related_hits: list[Hit] = []
    if related:
        sample = full_text(record)[:3000]
        exclude = {docnum, *neighbours}
        for hit in snap.searcher.more_like(docnum, "words", text=sample, top=related + len(exclude)):
            if hit.docnum not in exclude and len(related_hits) < related:
                related_hits.append(Hit.from_record(snap.record(hit.docnum), ()))
    return RecordPage(record=record, body_html=highlight(record.body, terms),
                      title_html=highlight(record.title, terms), same_page=same_page,
                      related=tuple(related_hits), terms=terms,
                      captions_html=tuple(highlight(c.text, terms) for c in record.captions))
