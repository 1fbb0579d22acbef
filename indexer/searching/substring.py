"""The recall path's query: records whose text contains a string, found through bigrams and checked.

The ``text`` and ``title`` fields index each record's *distinct* bigrams
(``schema.GramSet``: no positions, no frequencies), and the columns
``text_match``/``title_match`` hold the text those bigrams came from
(``indexer.text.grams.match_text``). A query string of

* one character matches the bigrams it starts (a prefix query; a paragraph's
  last character is indexed on its own),
* two characters is one bigram term: exact,
* three or more: the records holding all its bigrams are candidates, and
  each candidate's match text is checked for the string itself (bytes in
  bytes: UTF-8 never matches inside a character).

So every record containing the string is found, whatever jieba makes of it,
and nothing else is.
"""
from __future__ import annotations

import mmap
from typing import Any

import numpy as np
from whoosh import matching
from whoosh import query as wq
from whoosh.query import qcore
from whoosh.matching.wrappers import WrappingMatcher

from indexer.index import whoosh_internals as wi
from indexer.text.grams import query_grams, query_needle

MATCH_COLUMNS = {"text": "text_match", "title": "title_match"}


def substring_query(fieldname: str, value: str) -> wq.Query | None:
    """The query for records whose ``fieldname`` contains ``value``; None for a string with nothing to find."""
    needle = query_needle(value)
    if not needle:
        return None
    if len(needle) == 1:
        return wq.Prefix(fieldname, needle)
    if len(needle) == 2:
        return wq.Term(fieldname, needle)
    return Substring(fieldname, needle)


class Substring(qcore.Query):
    """Records whose ``fieldname`` (a GramSet field with a match column) contains ``needle`` (3+ characters)."""

    def __init__(self, fieldname: str, needle: str, boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.needle = needle
        self.boost = boost
        self.grams = list(dict.fromkeys(query_grams(needle)))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Substring) and self.fieldname == other.fieldname
                and self.needle == other.needle and self.boost == other.boost)

    def __hash__(self) -> int:
        return hash((type(self), self.fieldname, self.needle, self.boost))

    def __repr__(self) -> str:
        return f"Substring({self.fieldname!r}, {self.needle!r})"

    def __str__(self) -> str:
        return f'{self.fieldname}:"{self.needle}"'

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        return self.fieldname

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False) -> Any:
        for gram in self.grams:
            yield (self.fieldname, gram)

    def _and_query(self) -> wq.Query:
        return wq.And([wq.Term(self.fieldname, g) for g in self.grams])

    def estimate_size(self, ixreader: Any) -> int:
        return int(self._and_query().estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return int(self._and_query().estimate_min_size(ixreader))

    def contained(self, reader: Any, candidates: np.ndarray) -> np.ndarray:
        """Those of ``candidates`` (ascending docnums of the segment ``reader`` reads) whose match text holds the
        needle: what ``ContainsMatcher`` passes, checked in one pass."""
        column = match_column(reader, MATCH_COLUMNS[self.fieldname])
        if column is None or not len(candidates):
            return candidates[:0]
        return candidates[column.contains_each(candidates, self.needle.encode("utf-8"))]

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        if not searcher.is_atomic():
            subs = [(self.matcher(s, context), offset) for s, offset in searcher.leaf_searchers()]
            return matching.MultiMatcher([m for m, _ in subs], [o for _, o in subs])
        reader = searcher.reader()
        for gram in self.grams:
            if (self.fieldname, gram) not in reader:
                return matching.NullMatcher()
        candidates = self._and_query().matcher(searcher, context)
        if not candidates.is_active():
            return matching.NullMatcher()
        column = match_column(reader, MATCH_COLUMNS[self.fieldname])
        m: matching.Matcher = ContainsMatcher(candidates, column, self.needle.encode("utf-8"))
        if self.boost != 1.0:
            m = WrappingMatcher(m, boost=self.boost)
        return m


def close_match_columns(reader: Any) -> None:
    """Unmap the match texts a segment reader opened (call before closing the reader)."""
    for texts in wi.drop_reader_cache(reader, "columns").values():
        if texts is not None:
            texts.close()


def match_column(reader: Any, name: str) -> MatchTexts | None:
    """The segment's match texts, opened once per reader (opening reads the column's offsets)."""
    cache = wi.reader_cache(reader, "columns")
    if name not in cache:
        cache[name] = MatchTexts(reader.column_reader(name)) if reader.has_column(name) else None
    return cache[name]


class MatchTexts:
    """One segment's match texts, searched in place.

    The column file is memory-mapped and each check is ``mmap.find`` between the
    document's offsets: no seek, read or copy per candidate (through Whoosh's
    column reader a check cost a seek, a read and a bytes copy of the record).
    A column that is not a plain file is read through Whoosh as before.
    """

    def __init__(self, column: Any) -> None:
        self.column = column
        self._map: mmap.mmap | None = None
        self._extents: tuple[np.ndarray, np.ndarray] | None = None  # offsets and lengths as arrays, made on first use
        layout = wi.var_bytes_file_layout(column)
        if layout is not None:
            file, self._base, self._offsets, self._lengths = layout
            try:
                self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                self._map = None

    def close(self) -> None:
        """Unmap the column (the map holds its own file descriptor: the file's space is freed only then)."""
        if self._map is not None:
            self._map.close()
            self._map = None

    def text(self, docnum: int) -> bytes:
        if self._map is None:
            return bytes(self.column[docnum])
        start = self._base + self._offsets[docnum]
        return self._map[start:start + self._lengths[docnum]]

    def contains_each(self, docnums: np.ndarray, needle: bytes) -> np.ndarray:
        """``contains`` for each of ``docnums``, as a boolean array: the documents' extents are looked up as
        arrays, so the loop is one ``mmap.find`` per document and nothing else."""
        if self._map is None or not len(docnums):
            return np.fromiter((self.contains(d, needle) for d in docnums.tolist()), dtype=bool, count=len(docnums))
        if self._extents is None:
            self._extents = (np.frombuffer(self._offsets, dtype=_array_dtype(self._offsets)).astype(np.int64),
                             np.frombuffer(self._lengths, dtype=_array_dtype(self._lengths)).astype(np.int64))
        offsets, lengths = self._extents
        starts = offsets[docnums] + self._base
        find = self._map.find
        return np.fromiter((find(needle, a, b) >= 0 for a, b in zip(starts.tolist(), (starts + lengths[docnums]).tolist())),
                           dtype=bool, count=len(docnums))

    def contains(self, docnum: int, needle: bytes) -> bool:
        if self._map is None:
            return needle in self.column[docnum]
        start = self._base + self._offsets[docnum]
        return self._map.find(needle, start, start + self._lengths[docnum]) >= 0


def _array_dtype(values: Any) -> np.dtype[Any]:
    """The numpy type of an ``array.array`` (Whoosh keeps a column's offsets and lengths in one), by its item size."""
    kind = "u" if values.typecode.isupper() or values.typecode == "B" else "i"
    return np.dtype(f"{kind}{values.itemsize}")


class ContainsMatcher(WrappingMatcher):
    """The candidates whose match text contains the needle.

    Positions itself lazily, so a vectorised reader (``indexer.searching.vecmatch``) can
    take the untouched candidates as an array and check them in one pass.
    """

    def __init__(self, child: matching.Matcher, column: MatchTexts | None, needle: bytes) -> None:
        super().__init__(child)
        self._column = column
        self._needle = needle
        self._ready = False

    def copy(self) -> ContainsMatcher:
        return ContainsMatcher(self.child.copy(), self._column, self._needle)

    def _replacement(self, newchild: matching.Matcher) -> ContainsMatcher:  # a Whoosh hook (whoosh_internals)
        return ContainsMatcher(newchild, self._column, self._needle)

    def unread(self) -> bool:
        """True while the candidates have not been read: ``contains`` may then be given all of them."""
        return not self._ready

    def contains(self, docnum: int) -> bool:
        column = self._column
        return column is not None and column.contains(docnum, self._needle)

    def _ensure(self) -> None:
        if not self._ready:
            self._ready = True
            self._find_next()

    def _find_next(self) -> None:
        child = self.child
        while child.is_active() and not self.contains(child.id()):
            child.next()

    def is_active(self) -> bool:
        self._ensure()
        return self.child.is_active()

    def id(self) -> int:
        self._ensure()
        return self.child.id()

    def score(self) -> float:
        self._ensure()
        return self.child.score()

    def weight(self) -> float:
        self._ensure()
        return self.child.weight()

    def value(self) -> Any:
        self._ensure()
        return self.child.value()

    def next(self) -> None:
        self._ensure()
        self.child.next()
        self._find_next()

    def skip_to(self, id: int) -> None:
        self._ensure()
        self.child.skip_to(id)
        self._find_next()

    def supports_block_quality(self) -> bool:
        return False

    def all_ids(self) -> Any:
        self._ensure()
        child = self.child
        while child.is_active():
            docnum = child.id()
            if self.contains(docnum):
                yield docnum
            child.next()
