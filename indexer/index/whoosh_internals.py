"""Every Whoosh internal baokan relies on, each named once: private state read or set, hooks, file layouts.

baokan reads Whoosh's matchers as arrays (``indexer.searching.vecmatch``), its
columns in place (``indexer.searching.substring``) and writes its segments
itself (``indexer.index.segwriter``); none of that is possible through Whoosh's
public API. So the private names it needs live here, one small accessor per
internal, and nowhere else.

Why it is safe: the version is pinned (``whoosh-reloaded==2.7.5`` in
pyproject.toml), and whoosh-reloaded is a maintenance fork whose 2.7 code line
keeps these classes as Whoosh 2.7 wrote them. ``tests/index/test_whoosh_internals.py``
fails loudly if the installed version differs from ``WHOOSH_VERSION`` or any name
below is gone from a real index's objects; an upgrade breaks there first, not in
a search. Results do not silently change either way: vecmatch is checked against
Whoosh's own matching and scores, segwriter against Whoosh's own writer, byte for byte.
"""
from __future__ import annotations

import os
import struct
from collections.abc import Callable
from typing import Any

from whoosh import columns
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import TOC, FileIndex
from whoosh.reading import EmptyReader, TermNotFound
from whoosh.writing import SegmentWriter
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield

WHOOSH_VERSION = "2.7.5"  # the pin in pyproject.toml; the internals below are those of this version

# --- file layouts segwriter writes byte for byte (the same structs, under public names) -------------

TERM_INFO = struct.Struct("!BfIBBfII")  # whoosh.codec.whoosh3.W3TermInfo._struct: a term table row
KEY_VALUE_LENGTHS = struct.Struct("!ii")  # whoosh.filedb.filetables._lengths: before each hash-table row
HASH_POINTER = struct.Struct("!Iq")  # whoosh.filedb.filetables._pointer: one hash-table slot
POSTINGS_MAGIC = b"W3Bl"  # whoosh.codec.whoosh3.WHOOSH3_HEADER_MAGIC: starts a term's postings

# Methods baokan's subclasses override (class, method): Whoosh calls them itself, so a rename would
# silently bypass the override; the test checks each still exists.
OVERRIDDEN_HOOKS: tuple[tuple[str, str], ...] = (
    ("whoosh.writing.SegmentWriter", "_flush_segment"),  # FastWriter: the pooled postings at flush
    ("whoosh.writing.SegmentWriter", "_close_segment"),  # FastWriter: drop the pool
    ("whoosh.writing.SegmentWriter", "add_postings_to_pool"),  # FastWriter: merges read whole blocks
    ("whoosh.filedb.filetables.HashWriter", "_write_hashes"),  # FastTermTable: hashes kept in arrays
    ("whoosh.codec.whoosh3.W3PostingsWriter", "finish_postings"),  # FastPostingsWriter: working inlining
    ("whoosh.matching.wrappers.WrappingMatcher", "_replacement"),  # ContainsMatcher: rebuilt on replace()
    ("whoosh.writing.SegmentWriter", "_commit_toc"),  # DurableSegmentWriter: files synced, manifest, TOC, retention
    ("whoosh.index.FileIndex", "_read_toc"),  # PinnedIndex: the newest generation that passes the open check
    ("whoosh.index.FileIndex", "latest_generation"),  # PinnedIndex: the same generation (searchers' up_to_date)
    ("whoosh.filedb.filestore.FileStorage", "create_file"),  # SyncedStorage: fsync when a file is closed
    ("whoosh.filedb.filestore.FileStorage", "rename_file"),  # SyncedStorage: directory fsync around a rename
)


# OrderedHashWriter's state FastTermTable takes over whole (``__dict__``) and keeps writing through
HASH_WRITER_STATE = ("dbfile", "index", "lastkey", "directory", "buckets", "extras")

# Every private name used below, by the Whoosh class that has it: the test looks each one up on
# a real object of a real tiny index (``_lenfield`` is a function of whoosh.codec.whoosh3).
PRIVATE_NAMES: dict[str, tuple[str, ...]] = {
    "W3LeafMatcher": ("_term", "_byteids", "_startoffset", "_length", "_postfile", "_data", "_read_data", "_i",
                      "_blocklength", "_next_block"),
    "ArrayUnionMatcher": ("_a", "_docnum", "_offset", "_limit", "_scored", "_boost", "_submatchers"),
    "FilterMatcher": ("_ids", "_exclude"),
    "ListMatcher": ("_ids", "_i", "_scorer", "_all_weights", "_weights"),
    "SegmentReader": ("_storage", "_perdoc", "_terms"),
    "W3PerDocReader": ("_cached_reader",),
    "lengths column reader": ("_fixedlen", "_default", "_count", "_dbfile", "_basepos"),
    "TranslatingColumnReader": ("_reader",),
    "VarBytesColumn.Reader": ("_dbfile", "_length", "_basepos", "_offsets", "_lengths"),
    "W3TermsReader": ("_fieldmap", "_tindex", "_codec", "_postfile"),
    "W3FieldWriter": ("_tindex", "_postfile", "_postwriter", "_fieldid"),
    "W3Codec": ("_blocklimit", "_compression", "_inlinelimit"),
    "W3PostingsWriter": ("_blocklimit", "_inlinelimit", "_terminfo", "_ids", "_weights", "_maxweight", "_values",
                         "_minlength", "_maxlength", "_write_block"),
    "SegmentWriter": ("_check_state", "_check_fields", "_added", "_finish", "_commit_toc"),
    "FileIndex": ("_segments", "_read_toc", "_schema"),
    "TOC": ("_pattern", "_filename", "_segment_pattern"),
    "BM25F": ("_field_B",),
}

# --- a term's postings, read block by block (W3LeafMatcher) ------------------------------------------
# 2.7.5 reads a block into ``_data`` = (deltas-decoded ids, weights, values) lazily, ``_i`` is the
# position within it; ``_startoffset``/``_length`` locate the postings in the segment's file.


def leaf_term(m: W3LeafMatcher) -> tuple[str, bytes] | None:
    """The (field, term bytes) a postings matcher reads; None for term vectors."""
    return m._term


def leaf_has_byte_ids(m: W3LeafMatcher) -> bool:
    """True for term-vector postings (ids are terms, not docnums)."""
    return bool(m._byteids)


def leaf_offset(m: W3LeafMatcher) -> int:
    """Where the term's postings start in the segment's postings file (a cache key: segments never change)."""
    return int(m._startoffset)


def leaf_extent_bytes(m: W3LeafMatcher) -> int:
    """The postings' size on disk (W3TermInfo keeps it as a 1-tuple)."""
    length = m._length
    return int(length[0] if isinstance(length, tuple) else length)


def fresh_leaf(m: W3LeafMatcher) -> W3LeafMatcher:
    """A new matcher over the same postings, at their start (``m`` may have moved on)."""
    return W3LeafMatcher(m._postfile, m._startoffset, m._length, m.format, term=m._term, scorer=m.scorer)


def leaf_block(m: W3LeafMatcher) -> tuple[Any, Any, int, int]:
    """The current block: (delta-coded ids, weights or None or one float, index of the current posting, length)."""
    if m._data is None:
        m._read_data()
    return m._data[0], m._data[1], m._i, m._blocklength


def leaf_next_block(m: W3LeafMatcher) -> None:
    """Move to the next block (the matcher is inactive after the last)."""
    m._next_block()


# --- compound matchers -------------------------------------------------------------------------------


def array_union_buffer(m: Any) -> tuple[Any, int, int, int]:
    """ArrayUnionMatcher's pre-read scores: (the float64 buffer, current docnum, buffer offset, limit)."""
    return m._a, m._docnum, m._offset, m._limit


def array_union_is_scored(m: Any) -> bool:
    return bool(m._scored)


def array_union_boost(m: Any) -> float:
    return float(m._boost)


def array_union_children(m: Any) -> list[Any]:
    return list(m._submatchers)


def filter_matcher_set(m: Any) -> tuple[Any, bool]:
    """FilterMatcher's docnum set and whether it excludes (True) or allows (False) them."""
    return m._ids, bool(m._exclude)


def list_matcher_rest(m: Any) -> Any:
    """ListMatcher's docnums from its current position on."""
    return m._ids[m._i:]


def list_matcher_weights(m: Any) -> Any:
    """ListMatcher's per-docnum weights from its current position on (None: each weight is 1.0 or the constant
    ``all_weights``); inlined postings come as a ListMatcher with these."""
    weights = m._weights
    return weights[m._i:] if weights else None


def list_matcher_constant_weight(m: Any) -> float | None:
    """The one weight a ListMatcher gives every docnum (no scorer, ``all_weights`` set), else None."""
    if m._scorer is None and m._all_weights:
        return float(m._all_weights)
    return None


def bm25f_parameters(weighting: Any, fieldname: str) -> tuple[float, float]:
    """(B, K1) a BM25F model scores ``fieldname`` with (a per-field B, as ``BM25F.scorer`` picks it)."""
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


# --- segment readers -----------------------------------------------------------------------------------


def index_segments(ix: Any) -> list[Any]:
    """The segments of an index's latest commit (FileIndex keeps no public accessor for them)."""
    return list(ix._segments())


def segment_folder(reader: Any) -> str | None:
    """The index folder a segment reader reads from; None for RAM storage."""
    return getattr(getattr(reader, "_storage", None), "folder", None)


def stored_length_bytes(reader: Any, fieldname: str) -> bytes | None:
    """The segment's encoded field lengths, one byte per document (fewer when the last documents lack the field).

    None when the segment does not keep them as a fixed one-byte column with default 0 (then the
    caller scores through Whoosh).
    """
    perdoc = getattr(reader, "_perdoc", None)
    col = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN) if perdoc is not None else None
    if col is None or getattr(col, "_fixedlen", None) != 1 or col._default != 0:
        return None
    count = min(col._count, reader.doc_count_all())
    return bytes(col._dbfile.get(col._basepos, count)) if count else b""


def reader_cache(reader: Any, name: str) -> dict[str, Any]:
    """A dict baokan keeps on a segment reader (lives and dies with it): ``_baokan_<name>`` in its ``__dict__``."""
    return reader.__dict__.setdefault(f"_baokan_{name}", {})


def drop_reader_cache(reader: Any, name: str) -> dict[str, Any]:
    """Remove and return what ``reader_cache(reader, name)`` held ({} if nothing)."""
    return reader.__dict__.pop(f"_baokan_{name}", {})


def var_bytes_file_layout(column: Any) -> tuple[Any, int, Any, Any] | None:
    """(open file, base position, per-document offsets, per-document lengths) of a VarBytes column in a plain file.

    None for a column that is not one (compound segment files, RAM storage, empty columns):
    the caller then reads it through Whoosh.
    """
    raw = column._reader if type(column) is columns.TranslatingColumnReader else column
    dbfile = getattr(raw, "_dbfile", None)
    file = getattr(dbfile, "file", None)
    if type(raw) is columns.VarBytesColumn.Reader and getattr(dbfile, "is_real", False) \
            and hasattr(file, "fileno") and raw._length > 0:
        return file, raw._basepos, raw._offsets, raw._lengths
    return None


def term_postings(reader: Any, fieldname: str, tbytes: bytes) -> Any:
    """A term's postings in one segment, at their start, as the codec reads them: a W3LeafMatcher, or a
    ListMatcher for postings inlined in the term table. No scorer, and deleted documents are *not* filtered out
    (``SegmentReader.postings`` wraps them in a FilterMatcher that may already have moved past the first ones).
    Raises ``TermNotFound`` for a term the segment does not have, and for any term of an index with no
    segments yet (Whoosh hands out an ``EmptyReader``, which has no term table)."""
    if type(reader) is EmptyReader:
        raise TermNotFound(f"{fieldname!r}: the index has no segments")
    return reader._terms.matcher(fieldname, tbytes, reader.schema[fieldname].format)


def segment_terms(reader: Any) -> Any:
    """A segment reader's term reader (W3TermsReader)."""
    return reader._terms


def terms_field_number(terms: Any, fieldname: str) -> int | None:
    """The number a W3 term table prefixes a field's keys with; None if the segment has no such field."""
    return terms._fieldmap.get(fieldname)


def terms_table(terms: Any) -> Any:
    """The term reader's ordered hash table (``items_from(prefix)`` walks keys in order)."""
    return terms._tindex


def terms_postings(terms: Any) -> tuple[Any, Any]:
    """(codec, postings file) of a term reader."""
    return terms._codec, terms._postfile


def adopt_hash_writer_state(table: Any, writer: Any) -> None:
    """Make ``table`` carry on where ``writer`` (an OrderedHashWriter) stands: its whole state, ``HASH_WRITER_STATE``
    among it, so the file, the key index and the field map written so far are the same objects."""
    table.__dict__.update(writer.__dict__)


# --- writing: the codec's field and postings writers ---------------------------------------------------


def field_writer_term_table(fw: Any) -> Any:
    """W3FieldWriter's term table writer."""
    return fw._tindex


def set_field_writer_term_table(fw: Any, table: Any) -> None:
    fw._tindex = table


def field_writer_postings_file(fw: Any) -> Any:
    return fw._postfile


def field_writer_postings_writer(fw: Any) -> Any:
    return fw._postwriter


def field_writer_field_number(fw: Any) -> int:
    """The number of the field being written (its term keys' prefix)."""
    return fw._fieldid


def codec_options(codec: Any) -> tuple[int, int, int]:
    """W3Codec's (block limit, compression level, inline limit)."""
    return codec._blocklimit, codec._compression, codec._inlinelimit


def postings_block_limit(pw: Any) -> int:
    return pw._blocklimit


def set_postings_block(pw: Any, ids: Any, weights: Any, values: list[bytes], minlength: int | None,
                       maxlength: int) -> None:
    """Fill W3PostingsWriter's current block (what its ``add_posting`` builds one posting at a time)."""
    pw._ids = ids
    pw._weights = weights
    pw._maxweight = max(weights)
    pw._values = values
    pw._minlength = minlength
    pw._maxlength = maxlength


def write_postings_block(pw: Any) -> None:
    pw._write_block()


def pending_postings(pw: Any) -> tuple[Any, Any, Any, Any]:
    """(term info, ids, weights, values) of the term the postings writer has not finished."""
    return pw._terminfo, pw._ids, pw._weights, pw._values


def postings_inline_limit(pw: Any) -> int:
    return pw._inlinelimit


def clear_pending_term(pw: Any) -> None:
    pw._terminfo = None


# --- writing: the segment writer ---------------------------------------------------------------------------


def check_writer_open(writer: Any) -> None:
    """SegmentWriter's own check that it is not closed."""
    writer._check_state()


def check_field_names(writer: Any, schema: Any, fieldnames: list[str]) -> None:
    """SegmentWriter's own check that every field name is in the schema."""
    writer._check_fields(schema, fieldnames)


def mark_document_added(writer: Any) -> None:
    """Tell SegmentWriter a document was added (so commit writes a segment)."""
    writer._added = True


def release_writer(writer: Any) -> None:
    """Close a writer's files and let go of the index lock without committing (when ``cancel`` itself failed)."""
    writer._finish()


# --- durable commits: Whoosh's storage, index and writer hooks (``indexer.index.durability`` decides) -------
# Whoosh writes a commit's files and renames a new table of contents (TOC) into place, but never
# calls fsync: after a power cut the TOC can name files the disk never got. These subclasses
# give ``durability`` the three places to act: a file being closed, a rename, and the TOC commit.


def fsync_file(path: str) -> None:
    """Flush a file's data to the disk (any descriptor of the file does)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: str) -> None:
    """Make the directory's entries (creations, renames, deletions) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_on_close(sfile: Any) -> None:
    sfile.file.flush()
    os.fsync(sfile.file.fileno())


class SyncedStorage(FileStorage):
    """FileStorage whose writes reach the disk: every file it creates is fsynced when closed, and a
    rename (Whoosh's TOC commit: temp name -> ``_baokan_7.toc``) is preceded and followed by a
    directory fsync, so the files it names are durable before it is, and it after."""

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> Any:
        sfile = super().create_file(name, excl=excl, mode=mode, **kwargs)
        previous = sfile.onclose

        def onclose(f: Any) -> None:
            if previous is not None:
                previous(f)
            _sync_on_close(f)

        sfile.onclose = onclose
        return sfile

    def rename_file(self, oldname: str, newname: str, safe: bool = False) -> None:
        fsync_dir(self.folder)
        super().rename_file(oldname, newname, safe=safe)
        fsync_dir(self.folder)


def toc_generations(storage: Any, indexname: str) -> list[int]:
    """Every generation with a TOC file in the storage, newest first."""
    pattern = TOC._pattern(indexname)
    gens = [int(m.group(1)) for m in map(pattern.match, storage.list()) if m]
    return sorted(gens, reverse=True)


def toc_file_name(indexname: str, generation: int) -> str:
    return TOC._filename(indexname, generation)


def segment_file_pattern(indexname: str) -> Any:
    """The regex Whoosh's clean_files uses to tell a segment's files ("baokan_k3x9q.pst" -> "baokan_k3x9q")."""
    return TOC._segment_pattern(indexname)


def read_toc(storage: Any, indexname: str, generation: int, schema: Any = None) -> Any:
    """The TOC of one generation (schema, segments); raises whatever a damaged file makes Whoosh raise.

    Read from a copy in memory: TOC.read leaves its file open when it raises on a damaged TOC.
    """
    name = TOC._filename(indexname, generation)
    with open(os.path.join(storage.folder, name), "rb") as f:
        data = f.read()
    ram = RamStorage()
    out = ram.create_file(name)
    out.write(data)
    out.close()
    return TOC.read(ram, indexname, gen=generation, schema=schema)


def write_toc(storage: Any, indexname: str, schema: Any, segments: list[Any], generation: int) -> None:
    """Whoosh's TOC write (to a temporary name, then a rename): durable through ``SyncedStorage``."""
    TOC(schema, segments, generation).write(storage, indexname)


ChooseGeneration = Callable[[Any, str], int]
CommitToc = Callable[[Any, list[Any]], None]


class PinnedIndex(FileIndex):
    """A FileIndex that reads the generation ``choose(storage, indexname)`` returns (the newest that
    passes the open check) instead of blindly the newest TOC, and writes through ``commit``."""

    def __init__(self, storage: Any, indexname: str, choose: ChooseGeneration, commit: CommitToc) -> None:
        # Not FileIndex.__init__: it reads the newest TOC, which may be the damaged one.
        self.storage = storage
        self._schema = None
        self.indexname = indexname
        self.choose = choose
        self.commit = commit
        self._read_toc()

    def latest_generation(self) -> int:
        return self.choose(self.storage, self.indexname)

    def newest_toc_generation(self) -> int:
        gens = toc_generations(self.storage, self.indexname)
        return gens[0] if gens else -1

    def _read_toc(self) -> Any:
        return read_toc(self.storage, self.indexname, self.latest_generation(), schema=self._schema)

    def writer(self, procs: int = 1, **kwargs: Any) -> Any:
        return DurableSegmentWriter(self, **kwargs)


class DurableSegmentWriter(SegmentWriter):
    """SegmentWriter whose commit goes through the index's ``commit`` (``durability.commit_generation``).

    ``base_generation`` is the commit it started from; the new one is numbered past every TOC on
    disk, so it never collides with a damaged newer one.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pinned_index = ix
        self.base_generation = self.generation - 1
        newest = ix.newest_toc_generation() if isinstance(ix, PinnedIndex) else self.base_generation
        self.generation = max(self.generation, newest + 1)

    def _commit_toc(self, segments: list[Any]) -> None:
        ix = self.pinned_index
        if isinstance(ix, PinnedIndex):
            ix.commit(self, segments)
        else:
            super()._commit_toc(segments)
