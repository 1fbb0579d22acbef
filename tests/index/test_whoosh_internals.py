"""The Whoosh internals baokan relies on are all there: the pinned version, every private name, every hook.

``indexer.index.whoosh_internals`` names each private attribute, hook and file
layout baokan uses; this test looks every one of them up on real objects of a
real tiny index, so a Whoosh upgrade that moves one fails here, by name.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import re
from pathlib import Path

import pytest
from whoosh import columns, matching, scoring
from whoosh.codec import whoosh3
from whoosh.filedb import filetables
from whoosh.index import TOC
from whoosh.reading import TermNotFound
from whoosh.writing import SegmentWriter

from helpers import REPO, generated_records
from indexer.index import whoosh_internals as wi
from indexer.index.ingest import record_documents
from indexer.index.segwriter import FastPostingsWriter, FastTermTable, FastWriter
from indexer.index.store import create_or_open_index, current_settings
from indexer.searching.snapshot import Archive


def test_the_installed_whoosh_is_the_pinned_one() -> None:
    pin = re.search(r'"whoosh-reloaded==([^"]+)"', (REPO / "pyproject.toml").read_text("utf-8"))
    assert pin and pin.group(1) == wi.WHOOSH_VERSION, "pyproject.toml's pin and whoosh_internals disagree"
    installed = importlib.metadata.version("whoosh-reloaded")
    assert installed == wi.WHOOSH_VERSION, (
        f"whoosh-reloaded {installed} is installed, whoosh_internals was checked against {wi.WHOOSH_VERSION}: "
        "re-check every name in indexer/index/whoosh_internals.py against the new version")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two segments: one in plain files, one compound, the second deleting a record of the first."""
    path = tmp_path_factory.mktemp("internals")
    records = generated_records(60, seed=3)
    for part, compound in ((records[:40], False), (records[40:], True)):
        ix = create_or_open_index(path, current_settings("0" * 64))
        writer = ix.writer(compound=compound)
        if compound:
            writer.delete_by_term("id", records[0].id)
        for n, record in enumerate(part):
            writer.add_document(**record_documents(record, n, f"/gen/{record.source}", "h"))
        writer.commit(merge=False)
    return path


def _missing(obj: object, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not hasattr(obj, name)]


def test_every_private_name_is_on_a_real_object(index_dir: Path) -> None:
    archive = Archive(index_dir)
    searcher = archive.snapshot().searcher
    (sub, _), (compound_sub, _) = searcher.leaf_searchers()
    reader = sub.reader()
    term = reader.most_frequent_terms("words", 1)[0][1]
    filtered = sub.postings("words", term)  # the segment has a deletion: its postings come filtered
    assert type(filtered) is matching.FilterMatcher
    leaf = filtered.child
    assert type(leaf) is whoosh3.W3LeafMatcher
    other = sub.postings("words", reader.most_frequent_terms("words", 2)[1][1]).child
    found: dict[str, object] = {
        "W3LeafMatcher": leaf,
        "ArrayUnionMatcher": matching.ArrayUnionMatcher([leaf, other], reader.doc_count_all()),
        "FilterMatcher": filtered,
        "ListMatcher": matching.ListMatcher([1, 2], all_weights=2.0),
        "SegmentReader": reader,
        "W3PerDocReader": reader._perdoc,
        "lengths column reader": reader._perdoc._cached_reader(whoosh3._lenfield("words"), whoosh3.LENGTHS_COLUMN),
        "TranslatingColumnReader": reader.column_reader("text_match"),
        "VarBytesColumn.Reader": reader.column_reader("text_match", translate=False),
        "W3TermsReader": reader._terms,
        "BM25F": searcher.weighting,
    }
    ix = create_or_open_index(index_dir, current_settings("0" * 64))
    writer = FastWriter(ix)
    try:
        fieldwriter = writer.fieldwriter
        fieldwriter.start_field("reporter", writer.schema["reporter"])
        fieldwriter.start_term(b"ab")
        postwriter = fieldwriter._postwriter
        assert type(postwriter) is FastPostingsWriter and type(fieldwriter._tindex) is FastTermTable
        found.update({"W3FieldWriter": fieldwriter, "W3Codec": writer.codec, "W3PostingsWriter": postwriter,
                      "SegmentWriter": writer, "FileIndex": ix, "TOC": TOC})
        missing = {cls: _missing(found[cls], names) for cls, names in wi.PRIVATE_NAMES.items()}
        # FastTermTable took over the OrderedHashWriter's state: what Whoosh set is what it keeps writing through
        missing["OrderedHashWriter"] = _missing(fieldwriter._tindex, wi.HASH_WRITER_STATE)
    finally:
        writer.cancel()
        archive.close()
    assert set(found) | {"OrderedHashWriter"} >= set(wi.PRIVATE_NAMES)
    assert {cls: names for cls, names in missing.items() if names} == {}
    assert type(found["TranslatingColumnReader"]) is columns.TranslatingColumnReader
    assert type(found["VarBytesColumn.Reader"]) is columns.VarBytesColumn.Reader


def test_every_accessor_reads_a_real_index(index_dir: Path) -> None:
    archive = Archive(index_dir)
    try:
        (sub, _), (compound_sub, _) = archive.snapshot().searcher.leaf_searchers()
        reader = sub.reader()
        term = reader.most_frequent_terms("words", 1)[0][1]
        leaf = sub.postings("words", term).child  # unfiltered: the segment has a deletion
        assert wi.leaf_term(leaf) == ("words", term) and not wi.leaf_has_byte_ids(leaf)
        assert wi.leaf_offset(leaf) >= 0 and wi.leaf_extent_bytes(leaf) > 0
        ids, weights, start, length = wi.leaf_block(leaf)
        assert 0 <= start < length == len(ids)  # the filter moved past the deleted first record
        assert list(wi.fresh_leaf(leaf).all_ids())[start:] == list(sub.postings("words", term).child.all_ids())
        wi.leaf_next_block(leaf)
        lengths = wi.stored_length_bytes(reader, "words")
        assert lengths is not None and 0 < len(lengths) <= reader.doc_count_all()
        assert wi.segment_folder(reader) == str(index_dir)
        assert wi.var_bytes_file_layout(reader.column_reader("text_match")) is not None  # plain files: mapped
        assert wi.var_bytes_file_layout(compound_sub.reader().column_reader("text_match")) is None  # compound
        wi.reader_cache(reader, "probe")["x"] = 1
        assert wi.drop_reader_cache(reader, "probe") == {"x": 1} and wi.drop_reader_cache(reader, "probe") == {}
        terms = wi.segment_terms(reader)
        assert wi.terms_field_number(terms, "words") is not None and wi.terms_field_number(terms, "nope") is None
        assert next(iter(wi.terms_table(terms).items_from(b"")))
        assert wi.terms_postings(terms)[0] is not None
        assert wi.list_matcher_constant_weight(matching.ListMatcher([1, 2], all_weights=2.0)) == 2.0
        assert list(wi.list_matcher_rest(matching.ListMatcher([1, 2]))) == [1, 2]
        assert wi.filter_matcher_set(matching.FilterMatcher(leaf, {3}, exclude=True)) == ({3}, True)
        raw = wi.term_postings(reader, "words", term)  # from the start: the deleted first record included
        assert type(raw) is whoosh3.W3LeafMatcher and list(raw.all_ids()) == list(wi.fresh_leaf(leaf).all_ids())
        with pytest.raises(TermNotFound):
            wi.term_postings(reader, "words", "没有这个词".encode("utf-8"))
        assert list(wi.list_matcher_weights(matching.ListMatcher([1, 2], [2.0, 3.0], position=1))) == [3.0]
        assert wi.list_matcher_weights(matching.ListMatcher([1, 2])) is None  # each weight 1.0
        assert wi.bm25f_parameters(scoring.BM25F(B=0.5, K1=1.5, words_B=0.9), "words") == (0.9, 1.5)
        assert wi.bm25f_parameters(scoring.BM25F(B=0.5, K1=1.5, words_B=0.9), "title") == (0.5, 1.5)
    finally:
        archive.close()


@pytest.mark.parametrize("owner, method", wi.OVERRIDDEN_HOOKS)
def test_every_overridden_hook_still_exists(owner: str, method: str) -> None:
    module, _, cls = owner.rpartition(".")
    assert callable(getattr(getattr(importlib.import_module(module), cls), method, None)), f"{owner}.{method}"


def test_the_file_layouts_are_whooshs() -> None:
    assert wi.TERM_INFO.format == whoosh3.W3TermInfo._struct.format
    assert wi.KEY_VALUE_LENGTHS.format == filetables._lengths.format
    assert wi.HASH_POINTER.format == filetables._pointer.format
    assert wi.POSTINGS_MAGIC == whoosh3.WHOOSH3_HEADER_MAGIC
    assert hasattr(SegmentWriter, "add_postings_to_pool")
