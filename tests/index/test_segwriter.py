"""FastWriter writes the same index Whoosh's own SegmentWriter writes, and merges without losing a posting."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage

from helpers import PAGES as PAGE_DIR
from indexer.index import segwriter
from indexer.index.ingest import record_documents
from indexer.newspaper.parse import parse_file
from indexer.index.schema import WordField, build_schema
from indexer.index.segwriter import FastWriter, TermCounts
from indexer.index.whoosh_internals import index_segments

PAGES = sorted(PAGE_DIR.glob("*.txt"))


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}  # by id: the demo pages repeat some test pages
    for page in PAGES:
        for n, record in enumerate(parse_file(page).records):
            for k in range(3):  # variants: other ids, paragraphs rotated, a few new characters
                paras = record.body.split("\n")
                body = "\n".join(paras[k % len(paras):] + paras[:k % len(paras)] + [f"第{k}次变体ABC{k}"])
                variant = replace(record, id=f"{record.id}-{k}", body=body)
                out.setdefault(variant.id, record_documents(variant, n, str(page), "hash"))
    assert len(out) > 100
    return list(out.values())


def _plain(doc: dict[str, Any]) -> dict[str, Any]:
    """The same document for Whoosh's own writer: term counts as space-separated tokens (``_reference_schema``)."""
    return {k: " ".join(t for t, n in v.counts.items() for _ in range(n)) if isinstance(v, TermCounts) else v
            for k, v in doc.items()}


def _reference_schema() -> Schema:
    """``build_schema()`` with the word fields read by Whoosh's own pass-through tokenizer (same format, same boost).

    Terms never contain whitespace, so ``_plain``'s space-separated tokens come back as they were counted.
    """
    schema = build_schema()
    for name in ("words", "title_words"):
        boost = schema[name].format.field_boost
        schema.remove(name)
        schema.add(name, WordField(analyzer=SpaceSeparatedTokenizer(), phrase=False, field_boost=boost))
    return schema


def test_counted_tokens_reach_the_reference_writer_as_counted() -> None:
    value = _plain({"words": TermCounts({"吕沛": 1, "沛": 1})})["words"]
    toks = [(t.text, t.pos) for t in _reference_schema()["words"].analyzer(value, positions=True)]
    assert toks == [("吕沛", 0), ("沛", 1)]


def _index(path: Path, schema: Schema | None = None) -> Any:
    path.mkdir()
    return FileStorage(str(path)).create_index(schema or build_schema(), indexname="t")


def _contents(ix: Any) -> dict[str, Any]:
    """Everything a search can see, keyed by record id instead of docnum."""
    with ix.reader() as reader:
        ids = {d: reader.stored_fields(d)["id"] for d in reader.all_doc_ids()}
        postings = {}
        for fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                m = reader.postings(fieldname, term)
                items = []
                while m.is_active():
                    if m.id() in ids:
                        items.append((ids[m.id()], round(m.weight(), 4), m.value() or None))  # "" inlined, None in blocks
                    m.next()
                if items:
                    postings[fieldname, term] = sorted(items)
        stored = {ids[d]: reader.stored_fields(d) for d in ids}
        columns = {}
        for name in ("text_match", "title_match", "facets"):
            col = reader.column_reader(name)
            columns[name] = {ids[d]: col[d] for d in ids}
        lengths = {(ids[d], f): reader.doc_field_length(d, f) for d in ids for f in ("words", "title_words", "reporter")}
    return {"postings": postings, "stored": stored, "columns": columns, "lengths": lengths}


def _raw(reader: Any, fieldname: str, term: bytes) -> list[tuple[int, float, Any]]:
    """A term's postings in the order a matcher reads them (skip_to relies on it)."""
    m = reader.postings(fieldname, term)
    out = []
    while m.is_active():
        out.append((m.id(), round(m.weight(), 4), m.value() or None))
        m.next()
    return out


def test_fast_writer_writes_what_whoosh_writes(docs: list[dict[str, Any]], tmp_path: Path) -> None:
    reference = _index(tmp_path / "ref", _reference_schema())
    with reference.writer() as w:
        for doc in docs:
            w.add_document(**_plain(doc))
    fast = _index(tmp_path / "fast")
    w = FastWriter(fast, compound=False)
    for doc in docs:
        w.add_document(**doc)
    w.commit()

    assert _contents(fast) == _contents(reference)
    # and the per-term statistics scoring relies on
    with reference.reader() as r1, fast.reader() as r2:
        assert r1.doc_count() == r2.doc_count() == len(docs)
        for fieldname in ("text", "title", "words", "title_words", "reporter", "id"):
            for term in r1.lexicon(fieldname):
                a, b = r1.term_info(fieldname, term), r2.term_info(fieldname, term)
                assert (a.doc_frequency(), a.weight(), a.min_length(), a.max_length(), a.max_weight(),
                        a.min_id(), a.max_id()) == (b.doc_frequency(), b.weight(), b.min_length(),
                                                    b.max_length(), b.max_weight(), b.min_id(), b.max_id())
            assert list(r1.lexicon(fieldname)) == list(r2.lexicon(fieldname))


def test_commits_deletions_and_tiered_merges_keep_every_live_posting(
        docs: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segwriter, "MERGE_FANOUT", 3)
    fast = _index(tmp_path / "fast")
    deleted: set[str] = set()
    batches = [docs[i:i + 7] for i in range(0, len(docs), 7)]
    most_segments = 0
    for n, batch in enumerate(batches):
        w = FastWriter(fast, compound=False)
        if n % 3 == 2:  # delete a record written in an earlier batch
            victim = batches[n - 1][0]["id"]
            w.delete_by_term("id", victim)
            deleted.add(victim)
        for doc in batch:
            w.add_document(**doc)
        w.commit()
        most_segments = max(most_segments, len(index_segments(fast)))
    segments = index_segments(fast)
    assert len(segments) < len(batches)  # merges happened …
    assert most_segments <= 2 * 3  # … before segments piled up

    reference = _index(tmp_path / "ref", _reference_schema())
    with reference.writer() as w:
        for doc in docs:
            if doc["id"] not in deleted:
                w.add_document(**_plain(doc))
    assert deleted
    assert _contents(fast) == _contents(reference)


def test_a_merge_drops_segments_whose_records_were_all_deleted(docs: list[dict[str, Any]], tmp_path: Path) -> None:
    fast = _index(tmp_path / "fast")
    for batch in (docs[:5], docs[5:10]):
        w = FastWriter(fast, compound=False)
        for doc in batch:
            w.add_document(**doc)
        w.commit()
    w = FastWriter(fast, compound=False)
    for doc in docs[:5]:
        w.delete_by_term("id", doc["id"])
    w.commit()
    assert [s.doc_count_all() for s in index_segments(fast)] == [5]
    assert _contents(fast)["stored"].keys() == {d["id"] for d in docs[5:10]}


def test_compact_streams_every_segment_into_one_that_holds_what_whoosh_writes(
        docs: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segwriter, "STREAM_CHUNK_TERMS", 7)  # many chunks: each must join the last in order
    fast = _index(tmp_path / "fast")
    deleted: set[str] = set()
    size = len(docs) // 5 + 1
    batches = [docs[i:i + size] for i in range(0, len(docs), size)]
    for n, batch in enumerate(batches):
        w = FastWriter(fast, compound=False)
        if n >= 2:
            for doc in batches[n - 2][::5]:  # deletions in several segments
                w.delete_by_term("id", doc["id"])
                deleted.add(doc["id"])
        for doc in batch:
            w.add_document(**doc)
        w.commit(merge=False)
    assert len(index_segments(fast)) == len(batches) >= 4 and deleted

    assert segwriter.compact(FastWriter(fast, compound=False)) == (len(batches), 1)
    assert fast.doc_count_all() == fast.doc_count() == len(docs) - len(deleted)  # deleted records are gone

    reference = _index(tmp_path / "ref", _reference_schema())
    with reference.writer() as w:
        for doc in docs:
            if doc["id"] not in deleted:
                w.add_document(**_plain(doc))
    assert _contents(fast) == _contents(reference)
    with reference.reader() as r1, fast.reader() as r2:
        # the live records keep their order, so docnums match the reference's: postings compared as read
        assert [r1.stored_fields(d)["id"] for d in range(r1.doc_count_all())] == \
            [r2.stored_fields(d)["id"] for d in range(r2.doc_count_all())]
        for fieldname in ("text", "title", "words", "title_words", "reporter", "id"):
            assert list(r1.lexicon(fieldname)) == list(r2.lexicon(fieldname))
            for term in r1.lexicon(fieldname):
                a, b = r1.term_info(fieldname, term), r2.term_info(fieldname, term)
                assert (a.doc_frequency(), a.weight(), a.min_length(), a.max_length(), a.max_weight(),
                        a.min_id(), a.max_id()) == (b.doc_frequency(), b.weight(), b.min_length(),
                                                    b.max_length(), b.max_weight(), b.min_id(), b.max_id())
                assert _raw(r1, fieldname, term) == _raw(r2, fieldname, term)
    files = sorted(fast.storage.list())
    assert segwriter.compact(FastWriter(fast, compound=False)) == (1, 1)  # nothing to do
    assert len(index_segments(fast)) == 1 and sorted(fast.storage.list()) == files  # and nothing left behind


def test_the_term_table_is_whooshs_byte_for_byte(tmp_path: Path) -> None:
    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter

    keys = sorted({f"{n:07d}".encode() * (1 + n % 3) for n in range(0, 300_000, 7)} | {b"\x00\x0b\xe5\x8f\x91"})
    storage = FileStorage(str(tmp_path))
    plain = OrderedHashWriter(storage.create_file("plain"))
    fast = segwriter.FastTermTable(OrderedHashWriter(storage.create_file("fast")))
    for n, key in enumerate(keys):
        value = n.to_bytes(4, "big") * (n % 5)
        plain.add(key, value)
        fast.add(key, value)
    with pytest.raises(ValueError):
        fast.add(keys[0], b"")  # keys must increase, as in Whoosh
    plain.extras["x"] = fast.extras["x"] = 1
    plain.close()
    fast.close()
    data = (tmp_path / "fast").read_bytes()
    assert data == (tmp_path / "plain").read_bytes() and len(data) > 500_000
    reader = OrderedHashReader(storage.open_file("fast"))
    try:
        assert reader[keys[1234]] == (1234).to_bytes(4, "big") * (1234 % 5) and list(reader.keys()) == keys
    finally:
        reader.close()
