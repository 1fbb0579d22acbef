"""Each segment's facet columns as arrays, written with the segment and memory-mapped at open.

Every document carries its facet values as a JSON row in the ``facets`` column
(``schema.facet_values``). Decoding those rows at open is linear in the records (a second
at 20k, 8–17 s at 1M), so when a segment is written its rows are also coded once into
integer arrays and saved beside it as ``<segment id>.fcol``:

* per document, an ``int32`` code for kind, region, date, section and page file, and its ordinal;
* per person facet (reporter, photographer, correspondent), one entry per name: the
  document and the name's code;
* the vocabularies (the values the codes stand for), one small JSON list each, read on
  first use. Date and file codes sort as their values (None first), so an array sort
  by code is a sort by value.

Layout: ``MAGIC`` (8 bytes), the header's length and CRC-32 (two little-endian
``uint32``), the header (JSON: version, documents, where each array and vocabulary
is), padding to 8 bytes, then the arrays (``<i4``) and vocabularies at the offsets the
header gives, counted from the end of the padding. The file is one of the segment's
files like any other: the commit's manifest records its length and CRC-32, the open
check reads its end, ``baokan check`` reads it whole and compares it with the rows,
backup and restore copy it, and retention removes it with its segment.

A segment without the file (written before it existed, or by Whoosh's own writer) is
read by decoding its rows, as before; ``baokan compact`` rewrites such segments with it.
"""
from __future__ import annotations

import json
import mmap
import os
import struct
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

EXTENSION = ".fcol"
FACETS_FIELD = "facets"  # the schema's column of JSON rows the arrays are coded from
MAGIC = b"BKFCOL1\n"
VERSION = 1
_PREFIX = struct.Struct("<II")  # header length, header CRC-32
_DTYPE = np.dtype("<i4")
DECODE_CHUNK = 4096  # rows parsed by one json.loads

# Coded columns: name -> position in a row (``row_values`` / ``indexer.searching.facets.FacetRow`` order)
SCALARS = {"kind": 0, "region": 1, "date": 2, "section": 4, "file": 5}
ORDERED = ("date", "file")  # codes sort as the values (None first)
ORDINAL = 6
PEOPLE = {"reporter": 3, "photographer": 8, "correspondent": 9}


def row_values(values: dict[str, Any]) -> tuple[Any, ...]:
    """A decoded ``facets`` row as (kind, region, date, reporters, section, file, ordinal, id, photographers,
    correspondents), with the defaults a missing value gets; ``{}`` (no row) is an article of no file."""
    return (
        values.get("kind") or "article",
        values.get("region"),
        values.get("date"),
        tuple(values.get("reporter") or ()),
        values.get("section"),
        values.get("source") or "",
        int(values.get("ordinal") or 0),
        values.get("id") or "",
        tuple(values.get("photographer") or ()),
        tuple(values.get("correspondent") or ()),
    )


def decode_rows(raws: Iterable[bytes | None]) -> Iterator[dict[str, Any]]:
    """The decoded JSON rows, parsed ``DECODE_CHUNK`` at a time (one ``json.loads`` over ``[row,row,…]``)."""
    chunk: list[bytes] = []
    for raw in raws:
        chunk.append(raw or b"{}")
        if len(chunk) == DECODE_CHUNK:
            yield from json.loads(b"[" + b",".join(chunk) + b"]")
            chunk = []
    if chunk:
        yield from json.loads(b"[" + b",".join(chunk) + b"]")


def order_key(value: Any) -> tuple[bool, Any]:
    """How ordered vocabularies sort: None first, then the values."""
    return (value is not None, value if value is not None else "")


class FacetFileError(ValueError):
    """A ``.fcol`` file that cannot be read (damaged, cut short, another version)."""


class CodedFacets:
    """One segment's facet columns: codes per document, person entries, and the vocabularies.

    ``codes[name]`` (``SCALARS``) and ``ordinal`` have one entry per document; ``people_doc[f]``
    and ``people_code[f]`` one per name of person facet ``f``. ``vocab(name)`` gives the values
    (for a file, read from it on first use). Arrays from a file are read-only memory maps.
    """

    def __init__(self, n: int, codes: dict[str, np.ndarray], ordinal: np.ndarray, people_doc: dict[str, np.ndarray],
                 people_code: dict[str, np.ndarray], vocabs: dict[str, list[Any]] | None = None,
                 load_vocab: Any = None) -> None:
        self.n = n
        self.codes = codes
        self.ordinal = ordinal
        self.people_doc = people_doc
        self.people_code = people_code
        self._vocabs: dict[str, list[Any]] = dict(vocabs or {})
        self._load_vocab = load_vocab

    def vocab(self, name: str) -> list[Any]:
        """The values of a coded column or person facet (``"region"``, ``"reporter"``, …). From a file, parsed on
        first use and checked with the codes that name them: ``FacetFileError`` if either is damaged."""
        values = self._vocabs.get(name)
        if values is None:
            values = self._vocabs[name] = self._load_vocab(name)
        return values

    def to_bytes(self) -> bytes:
        """The ``.fcol`` file's bytes."""
        blobs: list[bytes] = []
        arrays: dict[str, list[int]] = {}
        vocabs: dict[str, list[int]] = {}
        pos = 0

        def put(blob: bytes) -> int:
            nonlocal pos
            start = pos
            blobs.append(blob)
            pos += len(blob)
            pad = -pos % 8
            blobs.append(b"\0" * pad)
            pos += pad
            return start

        named = [(name, self.codes[name]) for name in SCALARS] + [("ordinal", self.ordinal)]
        for facet in PEOPLE:
            named += [(facet + ".doc", self.people_doc[facet]), (facet + ".code", self.people_code[facet])]
        for name, values in named:
            arrays[name] = [put(np.ascontiguousarray(values, dtype=_DTYPE).tobytes()), len(values)]
        for name in (*SCALARS, *PEOPLE):
            blob = json.dumps(self.vocab(name), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            vocabs[name] = [put(blob), len(blob)]
        header = json.dumps({"version": VERSION, "docs": self.n, "arrays": arrays, "vocabs": vocabs},
                            separators=(",", ":")).encode("utf-8")
        head = MAGIC + _PREFIX.pack(len(header), zlib.crc32(header)) + header
        return head + b"\0" * (-len(head) % 8) + b"".join(blobs)

    def equals(self, other: CodedFacets) -> bool:
        """Same documents, codes and vocabularies (both are coded the same way from the same rows)."""
        if self.n != other.n or not np.array_equal(self.ordinal, other.ordinal):
            return False
        for name in SCALARS:
            if not np.array_equal(self.codes[name], other.codes[name]) or self.vocab(name) != other.vocab(name):
                return False
        return all(np.array_equal(self.people_doc[f], other.people_doc[f])
                   and np.array_equal(self.people_code[f], other.people_code[f])
                   and self.vocab(f) == other.vocab(f) for f in PEOPLE)


class FacetCoder:
    """Codes rows one at a time into ``CodedFacets`` (memory: a few bytes a row, the vocabularies, no rows kept)."""

    def __init__(self) -> None:
        self.n = 0
        self._index: dict[str, dict[Any, int]] = {name: {} for name in (*SCALARS, *PEOPLE)}
        self._codes = {name: array("i") for name in SCALARS}
        self._ordinal = array("i")
        self._people = {facet: (array("i"), array("i")) for facet in PEOPLE}

    def add(self, row: Sequence[Any]) -> None:
        """One document's row, in ``row_values`` order (a ``FacetRow`` is one)."""
        for name, i in SCALARS.items():
            index = self._index[name]
            value = row[i]
            code = index.get(value)
            if code is None:
                code = index[value] = len(index)
            self._codes[name].append(code)
        self._ordinal.append(row[ORDINAL])
        for facet, i in PEOPLE.items():
            names = row[i]
            if names:
                index = self._index[facet]
                docs, codes = self._people[facet]
                for name in names:
                    code = index.get(name)
                    if code is None:
                        code = index[name] = len(index)
                    docs.append(self.n)
                    codes.append(code)
        self.n += 1

    def finish(self) -> CodedFacets:
        codes: dict[str, np.ndarray] = {}
        vocabs: dict[str, list[Any]] = {}
        for name in SCALARS:
            vocab = list(self._index[name])
            column = _as_int32(self._codes[name])
            if name in ORDERED and vocab:
                order = sorted(range(len(vocab)), key=lambda i: order_key(vocab[i]))
                remap = np.empty(len(vocab), _DTYPE)
                remap[order] = np.arange(len(vocab), dtype=_DTYPE)
                column = remap[column]
                vocab = [vocab[i] for i in order]
            codes[name], vocabs[name] = column, vocab
        people_doc, people_code = {}, {}
        for facet in PEOPLE:
            docs, names = self._people[facet]
            people_doc[facet], people_code[facet] = _as_int32(docs), _as_int32(names)
            vocabs[facet] = list(self._index[facet])
        return CodedFacets(self.n, codes, _as_int32(self._ordinal), people_doc, people_code, vocabs)


def _as_int32(values: array[int]) -> np.ndarray:
    return np.frombuffer(values, dtype=np.intc).astype(_DTYPE) if len(values) else np.zeros(0, _DTYPE)


def code_rows(rows: Iterable[Sequence[Any]]) -> CodedFacets:
    """``CodedFacets`` of rows in ``row_values`` order."""
    coder = FacetCoder()
    for row in rows:
        coder.add(row)
    return coder.finish()


def code_raw_rows(raws: Iterable[bytes | None]) -> CodedFacets:
    """``CodedFacets`` of a segment's raw ``facets`` column values (JSON rows; empty for none)."""
    return code_rows(row_values(values) for values in decode_rows(raws))


def facet_file_name(segment_id: str) -> str:
    """``baokan_k3x9q`` -> ``baokan_k3x9q.fcol``."""
    return segment_id + EXTENSION


def read_facet_file(path: str, docs: int) -> CodedFacets | None:
    """The memory-mapped columns of a segment of ``docs`` documents; None if it has no such file.

    Reads the header and maps the file: the arrays are paged in as they are used, the vocabularies
    parsed when first asked for. Raises ``FacetFileError`` if the file is not whole and consistent.
    """
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FacetFileError(f"{os.path.basename(path)}: {exc}") from exc
    with f:
        size = os.fstat(f.fileno()).st_size
        if size < len(MAGIC) + _PREFIX.size:
            raise FacetFileError(f"{os.path.basename(path)}: {size} bytes")
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        return _parse(mm, size, docs, os.path.basename(path))
    except FacetFileError:
        mm.close()
        raise


def _parse(mm: mmap.mmap, size: int, docs: int, name: str) -> CodedFacets:
    def bad(why: str) -> FacetFileError:
        return FacetFileError(f"{name}: {why}")

    if mm[:len(MAGIC)] != MAGIC:
        raise bad("not a facet column file")
    length, crc = _PREFIX.unpack_from(mm, len(MAGIC))
    start = len(MAGIC) + _PREFIX.size
    if start + length > size:
        raise bad("header cut short")
    raw = mm[start:start + length]
    if zlib.crc32(raw) != crc:
        raise bad("header checksum")
    try:
        header = json.loads(raw)
        version, n = header["version"], int(header["docs"])
        arrays = {str(k): (int(v[0]), int(v[1])) for k, v in header["arrays"].items()}
        vocabs = {str(k): (int(v[0]), int(v[1])) for k, v in header["vocabs"].items()}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError,
            OverflowError, RecursionError) as exc:  # '"docs": 1e400' (int of inf); '[[[[…' nested past the stack
        raise bad(f"header: {type(exc).__name__}") from exc
    if version != VERSION:
        raise bad(f"version {version!r}")
    if n != docs:
        raise bad(f"{n} documents, the segment has {docs}")
    base = start + length + (-(start + length) % 8)
    body = size - base

    def array_of(key: str, count: int | None = None) -> np.ndarray:
        if key not in arrays:
            raise bad(f"no array {key}")
        offset, items = arrays[key]
        if offset < 0 or offset % 4 or items < 0 or offset + items * 4 > body or (count is not None and items != count):
            raise bad(f"array {key} out of place")
        return np.frombuffer(mm, dtype=_DTYPE, count=items, offset=base + offset)

    for key in (*SCALARS, *PEOPLE):
        if key not in vocabs or vocabs[key][0] < 0 or vocabs[key][1] < 0 or sum(vocabs[key]) > body:
            raise bad(f"vocabulary {key} out of place")
    codes = {key: array_of(key, n) for key in SCALARS}
    ordinal = array_of("ordinal", n)
    people_doc, people_code = {}, {}
    for facet in PEOPLE:
        people_doc[facet] = array_of(facet + ".doc")
        people_code[facet] = array_of(facet + ".code", len(people_doc[facet]))

    def load_vocab(key: str) -> list[Any]:
        """The vocabulary, parsed, and the codes that name its values checked against it: a code past its end
        would fail every search that counts it (an IndexError), a negative one would silently name another
        value, and so would a person entry's docnum outside the segment."""
        offset, nbytes = vocabs[key]
        try:
            values = json.loads(mm[base + offset:base + offset + nbytes])
        except (ValueError, RecursionError) as exc:
            raise bad(f"vocabulary {key}: {exc}") from exc
        if not isinstance(values, list) or not all(v is None or isinstance(v, str) for v in values):
            raise bad(f"vocabulary {key} is not a list of strings")
        if not _within(codes[key] if key in SCALARS else people_code[key], len(values)):
            raise bad(f"array {key} has codes outside its {len(values)} values")
        if key in PEOPLE and not _within(people_doc[key], n):
            raise bad(f"array {key}.doc has documents outside the segment's {n}")
        return values

    return CodedFacets(n, codes, ordinal, people_doc, people_code, load_vocab=load_vocab)


def _within(values: np.ndarray, size: int) -> bool:
    """Every entry is in ``range(size)``: ``_within([0, 2], 3)`` is True, ``_within([0, 3], 3)`` and
    ``_within([-1], 3)`` are False. One pass over the array (it pages a mapped array in)."""
    return not len(values) or (int(values.min()) >= 0 and int(values.max()) < size)


def write_facet_file(storage: Any, segment_id: str, raws: Iterable[bytes | None]) -> None:
    """Code a segment's ``facets`` rows and write ``<segment id>.fcol`` through the index's storage
    (``SyncedStorage`` fsyncs it when closed, before the commit's manifest records it)."""
    data = code_raw_rows(raws).to_bytes()
    out = storage.create_file(facet_file_name(segment_id))
    try:
        out.write(data)
    finally:
        out.close()


def facet_file_problems(path: str, raws: Sequence[bytes | None]) -> list[str]:
    """Why a segment's ``.fcol`` file does not hold the columns its rows give ([] if it does, or if there is none)."""
    try:
        stored = read_facet_file(path, len(raws))
    except FacetFileError as exc:
        return [str(exc)]
    if stored is None:
        return []
    try:
        same = stored.equals(code_raw_rows(raws))
    except FacetFileError as exc:
        return [str(exc)]
    return [] if same else [f"{os.path.basename(path)}: the arrays differ from the facet rows"]
