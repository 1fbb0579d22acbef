"""Read snapshots of the index: a searcher plus the facet values of every document in it.

``Snapshot.columns`` holds every document's facet values as integer-coded numpy arrays
for vectorised filtering, counting and date ordering. Each segment's arrays are
memory-mapped from the ``.fcol`` file written with it (``indexer.index.facetfile``), so
opening costs about the same at any size; a segment written before those files existed
has its JSON rows decoded instead. Both are read once per segment and reused across
refreshes. Requests take the current snapshot; after an ingest commits, the next request
gets a fresh one (no restart).
"""
from __future__ import annotations

import json
import logging
import os
import threading
import weakref
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh.index import Index
from whoosh.searching import Searcher

from indexer.index import whoosh_internals as wi
from indexer.index.facetfile import (CodedFacets, FacetFileError, code_raw_rows, decode_rows, facet_file_name,
                                     read_facet_file)
from indexer.index.schema import FILE_MARKER
from indexer.index.store import open_index
from indexer.searching.facets import PEOPLE, FacetColumns, FacetRow
from indexer.records import Record
from indexer.searching.substring import close_match_columns


log = logging.getLogger("baokan.index")


class _SegmentRows(list):  # type: ignore[type-arg]
    """The facet rows of one segment (a list subclass, so the cache below can hold it weakly)."""


# (index folder, segment id) -> its rows / its coded facet columns, for as long as some snapshot still uses
# the segment: a segment merged away by later ingests drops out instead of staying in memory for good. The
# folder is part of the key: a backup holds the same segment ids, and ids come from ``random``, which a
# program (or a test framework) may have seeded.
_segment_cache: weakref.WeakValueDictionary[tuple[str, str], _SegmentRows] = weakref.WeakValueDictionary()
_facets_cache: weakref.WeakValueDictionary[tuple[str, str], CodedFacets] = weakref.WeakValueDictionary()
_segment_cache_lock = threading.Lock()


def cached_segment_ids() -> set[str]:
    """The segments whose facet columns (or rows) are in memory (some snapshot still uses them)."""
    with _segment_cache_lock:
        return {sid for _, sid in (*_facets_cache.keys(), *_segment_cache.keys())}


def _segment_id(reader: Any) -> str | None:
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else None  # random per segment


def _cache_key(reader: Any) -> tuple[str, str] | None:
    sid = _segment_id(reader)
    folder = wi.segment_folder(reader)
    return (os.path.abspath(folder), sid) if sid is not None and folder is not None else None


def _raw_rows(reader: Any) -> Any:
    """The segment's JSON facet rows (empty ones if it has no ``facets`` column)."""
    if reader.has_column("facets"):
        return reader.column_reader("facets")
    return [b""] * reader.doc_count_all()


def _segment_rows(reader: Any) -> _SegmentRows:
    """Every document's ``FacetRow``, decoded from the stored JSON rows (``Snapshot.rows``; not on the search path)."""
    key = _cache_key(reader)
    if key is not None:
        with _segment_cache_lock:
            cached = _segment_cache.get(key)
        if cached is not None:
            return cached
    rows = _SegmentRows()
    intern: dict[FacetRow, FacetRow] = {}
    for values in decode_rows(_raw_rows(reader)):
        row = FacetRow.from_values(values)
        rows.append(intern.setdefault(row, row))
    if key is not None:
        with _segment_cache_lock:
            _segment_cache[key] = rows
    return rows


def _mapped_facets(reader: Any, key: tuple[str, str] | None) -> CodedFacets | None:
    """The segment's facet arrays from its ``.fcol`` file, memory-mapped; None if it has none (or it is unreadable:
    then the rows are decoded, and ``baokan check`` names the file)."""
    if key is None:
        return None
    path = os.path.join(key[0], facet_file_name(key[1]))
    try:
        coded = read_facet_file(path, reader.doc_count_all())
        if coded is not None:
            # read and checked now, so a damaged file falls back to the rows here rather than failing a later
            # browse or date order; the page-file vocabulary is the largest (~10 ms at 1M records, 100k pages)
            for name in ("kind", "region", "date", "section", "file", *PEOPLE):
                coded.vocab(name)
        return coded
    except FacetFileError as exc:
        log.warning("分面数组文件无法使用，改为逐条解码（%s）；请运行 baokan check", exc)
        return None


def _segment_facets(reader: Any) -> CodedFacets:
    """One segment's coded facet columns: its memory-mapped arrays, else coded from its rows (an older segment)."""
    key = _cache_key(reader)
    if key is not None:
        with _segment_cache_lock:
            cached = _facets_cache.get(key)
        if cached is not None and cached.n == reader.doc_count_all():
            return cached
    coded = _mapped_facets(reader, key)
    if coded is None:
        coded = code_raw_rows(_raw_rows(reader))
    if key is not None:
        with _segment_cache_lock:
            _facets_cache[key] = coded
    return coded


_columns_cache: weakref.WeakValueDictionary[tuple[Any, ...], FacetColumns] = weakref.WeakValueDictionary()


def _close_searcher(searcher: Searcher) -> None:
    if not getattr(searcher, "is_closed", False):
        for reader, _ in searcher.ixreader.leaf_readers():
            close_match_columns(reader)
        searcher.close()


class Snapshot:
    """A searcher and the facet columns of all its documents (indexed by global docnum)."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._leaves = list(searcher.ixreader.leaf_readers())
        self._columns_key = tuple(_cache_key(reader) or f"?{id(reader)}" for reader, _ in self._leaves)
        self._segments: list[CodedFacets] = []  # keeps this snapshot's entries in the segment cache alive
        self._rows: list[FacetRow] | None = None
        self._columns: FacetColumns | None = None
        self._deleted: np.ndarray | None = None
        self.cache: OrderedDict[Any, Any] = OrderedDict()  # per-snapshot results (indexer.searching.cache)
        self.cache_lock = threading.Lock()
        self._build_lock = threading.Lock()
        # Requests hold the snapshot they started with; the last one to let go closes its
        # files. A finalizer, not __del__: it holds the searcher, so when the snapshot dies
        # in a reference cycle (an app and its archive) the files are closed before the
        # cycle's objects are finalized, never left to the file objects' own (warning) finalizers.
        self._close = weakref.finalize(self, _close_searcher, searcher)

    @property
    def rows(self) -> list[FacetRow]:
        """Every document's ``FacetRow``, decoded from the stored JSON rows on first use (linear in the records:
        searching, counting and sorting read ``columns`` instead)."""
        if self._rows is None:
            rows: list[FacetRow] = []
            for reader, offset in self._leaves:
                assert len(rows) == offset
                rows.extend(_segment_rows(reader))
            self._rows = rows
        return self._rows

    @property
    def columns(self) -> FacetColumns:
        """The facet columns, shared by every snapshot of the same segments (built once per index generation)."""
        if self._columns is None:
            with self._build_lock:
                if self._columns is None:
                    with _segment_cache_lock:
                        cols = _columns_cache.get(self._columns_key)
                    segments = [_segment_facets(reader) for reader, _ in self._leaves]
                    if cols is None:
                        cols = FacetColumns.from_segments(segments)
                        with _segment_cache_lock:
                            cols = _columns_cache.setdefault(self._columns_key, cols)
                    self._segments = segments
                    self._columns = cols
        return self._columns

    @property
    def deleted(self) -> np.ndarray:
        """Global docnums deleted in this snapshot (ascending)."""
        if self._deleted is None:
            parts = [np.array(sorted(reader.deleted_docs_set), dtype=np.int64) + offset
                     for reader, offset in self._leaves if reader.has_deletions()]
            self._deleted = np.concatenate(parts) if parts else np.zeros(0, np.int64)
        return self._deleted

    def live_docs(self) -> np.ndarray:
        """Every live record's docnum, ascending (no deleted documents, no page placeholders)."""
        cols = self.columns
        live = np.ones(cols.n, bool)
        live[self.deleted] = False
        if FILE_MARKER in cols.kinds:
            live &= cols.kind != cols.kinds.index(FILE_MARKER)
        return np.flatnonzero(live).astype(np.int64)

    def record(self, docnum: int) -> Record:
        """The stored record of one document."""
        return Record.from_dict(json.loads(self.searcher.stored_fields(docnum)["data"]))



class Archive:
    """An index directory opened for reading; ``snapshot()`` is safe from many threads.

    Each thread gets its own snapshot: Whoosh's segment readers share one file
    object per segment and read it with seek+read, so two threads searching
    through one searcher read each other's positions (garbled postings, the
    wrong stored document). A snapshot lives until its thread sees a newer
    index generation; a streamed export keeps the one it started with.
    """

    def __init__(self, index_dir: str | os.PathLike[str]) -> None:
        self.index_dir = str(index_dir)
        self._lock = threading.Lock()
        self._ix: Index | None = None
        self._local = threading.local()
        self._open: weakref.WeakSet[Snapshot] = weakref.WeakSet()

    def snapshot(self) -> Snapshot:
        """This thread's current snapshot, refreshed if an ingest has committed since."""
        with self._lock:
            if self._ix is None:
                self._ix = open_index(self.index_dir)
            ix = self._ix
        snap: Snapshot | None = getattr(self._local, "snapshot", None)
        if snap is None or not snap.searcher.up_to_date():
            # A new searcher, not refresh(): refresh() may close readers that a
            # streamed response still reads from.
            snap = Snapshot(ix.searcher())
            self._local.snapshot = snap
            with self._lock:
                self._open.add(snap)
        return snap

    def close(self) -> None:
        """Close every snapshot's files (at shutdown; searches after this reopen the index)."""
        with self._lock:
            for snap in list(self._open):
                snap._close()
            self._open = weakref.WeakSet()
            self._ix = None
            self._local = threading.local()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_archive(index_dir: str | os.PathLike[str]) -> Archive:
    """An ``Archive`` over ``index_dir``; use it as a context manager to close its files."""
    return Archive(index_dir)
