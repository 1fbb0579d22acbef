"""A faster Whoosh segment writer for bulk ingest; the segments it writes are ordinary W3 segments.

Whoosh's ``SegmentWriter`` turns every token into a posting tuple, sorts all
tuples of a segment at commit and writes each term's postings one call per
posting: at 10k records that was ~80% of the ingest's CPU (bench/RESULTS.md).
``FastWriter`` keeps Whoosh's writer for everything else (stored fields,
columns, lengths, deletions, the lock, the table of contents) and changes
only how postings get to disk:

* postings wait in memory grouped by field and term (``array`` per term), so
  the commit sorts terms, never postings;
* the ingest workers hand over each document's distinct terms (``TermSet``) or
  term counts (``TermCounts``) already computed, so the writer appends
  docnums instead of re-analysing text;
* a term's postings go to the codec in blocks, and a term with one posting is
  inlined into the term table instead of getting its own postings block
  (whoosh-reloaded's W3 codec has that option but crashes on it:
  ``set_inline`` vs ``set_inlined``);
* merges read whole postings blocks of the old segments, not one posting at
  a time, and ``tiered_merge`` only merges segments of similar size, so a
  record is rewritten a few times over the index's life, not at every commit.

Whoosh's private state and file layouts are reached through ``indexer.index.whoosh_internals``.
"""
from __future__ import annotations

import heapq
import math
import struct
import zlib
from array import array
from hashlib import md5
from io import BytesIO
from itertools import accumulate
from pickle import dumps, loads
from pickle import load as pickle_load
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter, W3Segment, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from indexer.index import facetfile
from indexer.index import whoosh_internals as wi

BLOCK_LIMIT = 128  # postings per block (W3Codec's default blocklimit)
MERGE_FANOUT = 8  # segments of one size tier merged together
MAX_MERGED_DOCS = 40_000  # segments this big are never merged again (bounds a merge's memory and time)


class TermSet(str):
    """A field value given as its distinct terms (computed in a worker process).

    Carried as one UTF-8 blob, b"\\n"-separated (terms never contain whitespace):
    cheaper to pickle across processes and to split than a list of strings.
    """

    blob: bytes

    def __new__(cls, terms: list[str] | bytes) -> TermSet:
        obj = super().__new__(cls, "")
        obj.blob = terms if isinstance(terms, bytes) else "\n".join(terms).encode("utf-8")
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (TermSet, (self.blob,))

    def term_bytes(self) -> list[bytes]:
        return self.blob.split(b"\n") if self.blob else []

    @property
    def terms(self) -> list[str]:
        return [t.decode("utf-8") for t in self.term_bytes()]


class TermCounts(str):
    """A field value given as term -> frequency (computed in a worker process)."""

    blob: bytes
    freqs: tuple[int, ...]

    def __new__(cls, counts: dict[str, int] | tuple[bytes, tuple[int, ...]]) -> TermCounts:
        obj = super().__new__(cls, "")
        if isinstance(counts, tuple):
            obj.blob, obj.freqs = counts
        else:
            obj.blob = "\n".join(counts).encode("utf-8")
            obj.freqs = tuple(counts.values())
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (TermCounts, ((self.blob, self.freqs),))

    def term_bytes(self) -> list[bytes]:
        return self.blob.split(b"\n") if self.blob else []

    @property
    def counts(self) -> dict[str, int]:
        return {t.decode("utf-8"): n for t, n in zip(self.term_bytes(), self.freqs)}


# --- postings in memory -------------------------------------------------------------

_EXIST, _FREQ, _GENERIC = 0, 1, 2


def _mode(fieldobj: Any) -> int:
    fmt = fieldobj.format
    if type(fmt) is formats.Existence:
        return _EXIST
    if type(fmt) is formats.Frequency:
        return _FREQ
    return _GENERIC


class _Postings:
    """One term's postings in a Frequency field (freqs) or a field with positions (encoded values).

    Existence fields keep a bare docnum or an ``array`` of them instead.
    """

    __slots__ = ("ids", "weights", "values")

    def __init__(self, mode: int) -> None:
        self.ids = array("I")
        self.weights = array("f")
        self.values: Any = array("I") if mode == _FREQ else []


class MemoryPool:
    """The postings of the segment being written, grouped by field and term."""

    def __init__(self, schema: Any) -> None:
        self.schema = schema
        self.fields: dict[str, dict[bytes, _Postings]] = {}
        self.modes: dict[str, int] = {}
        self.boosts: dict[str, float] = {}

    def _terms(self, fieldname: str) -> dict[bytes, _Postings]:
        terms = self.fields.get(fieldname)
        if terms is None:
            fieldobj = self.schema[fieldname]
            terms = self.fields[fieldname] = {}
            self.modes[fieldname] = _mode(fieldobj)
            self.boosts[fieldname] = float(getattr(fieldobj.format, "field_boost", 1.0))
        return terms

    def add_terms(self, fieldname: str, docnum: int, terms: list[bytes]) -> None:
        """Existence postings: ``docnum`` contains each of ``terms`` (distinct)."""
        table = self._terms(fieldname)
        mode = self.modes[fieldname]
        if mode != _EXIST:
            counts = dict.fromkeys(terms, 1)
            self.add_counts(fieldname, docnum, counts)
            return
        get = table.get
        for t in terms:
            p = get(t)
            if p is None:
                table[t] = docnum  # most terms occur once: a bare docnum until a second one comes
            elif type(p) is int:
                table[t] = array("I", (p, docnum))
            else:
                p.append(docnum)

    def add_counts(self, fieldname: str, docnum: int, counts: dict[bytes, int]) -> None:
        table = self._terms(fieldname)
        mode = self.modes[fieldname]
        if mode == _EXIST:
            self.add_terms(fieldname, docnum, list(counts))
            return
        if mode == _GENERIC:
            raise TypeError(f"field {fieldname!r} needs positions, not term counts")
        fb = self.boosts[fieldname]
        for t, n in counts.items():
            p = table.get(t)
            if p is None:
                p = table[t] = _Postings(_FREQ)
            p.ids.append(docnum)
            p.weights.append(n * fb)
            p.values.append(n)

    def add(self, fieldname: str, tbytes: bytes, docnum: int, weight: float, vbytes: bytes) -> None:
        """One posting as Whoosh's field.index() makes it."""
        table = self._terms(fieldname)
        mode = self.modes[fieldname]
        if mode == _EXIST:
            self.add_terms(fieldname, docnum, [tbytes])
            return
        p = table.get(tbytes)
        if p is None:
            p = table[tbytes] = _Postings(mode)
        p.ids.append(docnum)
        p.weights.append(weight)
        p.values.append(struct.unpack("!I", vbytes)[0] if mode == _FREQ else vbytes)

    def extend(self, fieldname: str, tbytes: bytes, ids: list[int], weights: Any, values: Any) -> None:
        """Postings copied from another segment (already renumbered, in docnum order)."""
        table = self._terms(fieldname)
        mode = self.modes[fieldname]
        if mode == _EXIST:
            old = table.get(tbytes)
            table[tbytes] = merged = array("I") if old is None else _as_array(old)
            merged.extend(ids)
            return
        p = table.get(tbytes)
        if p is None:
            p = table[tbytes] = _Postings(mode)
        p.ids.extend(ids)
        p.weights.extend(weights)
        if mode == _FREQ:
            p.values.extend(struct.unpack(f"!{len(ids)}I", b"".join(values)) if values else [1] * len(ids))
        else:
            p.values.extend(values if values else [b""] * len(ids))

    def write(self, fieldwriter: Any, lengths: Any) -> None:
        """Write every term, fields and terms in sorted order, through the codec's field writer."""
        for fieldname in sorted(self.fields):
            fieldlengths = _lengths_for(self.schema[fieldname], lengths, fieldname)
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            self.write_terms(fieldwriter, fieldname, fieldlengths)
            fieldwriter.finish_field()

    def write_terms(self, fieldwriter: Any, fieldname: str, fieldlengths: list[int] | None) -> None:
        """Write the pooled terms of one field (in sorted order) into the field being written, then drop them."""
        table = self.fields.pop(fieldname, None)
        if not table:
            return
        mode = self.modes[fieldname]
        if mode == _GENERIC:
            postwriter = wi.field_writer_postings_writer(fieldwriter)
            for tbytes in sorted(table):
                p = table[tbytes]
                fieldwriter.start_term(tbytes)
                postwriter.add_all(p.ids, p.weights, p.values, fieldlengths)
                fieldwriter.finish_term()
        else:
            _write_terms(fieldwriter, table, mode, self.boosts[fieldname], fieldlengths)

    def clear(self) -> None:
        self.fields.clear()


def _as_array(ids: int | array[int]) -> array[int]:
    return array("I", (ids,)) if type(ids) is int else ids  # type: ignore[arg-type]


def _lengths_for(fieldobj: Any, lengths: Any, fieldname: str) -> list[int] | None:
    return _field_lengths(lengths, fieldname) if lengths is not None and fieldobj.scorable else None


def _field_lengths(lengths: Any, fieldname: str) -> list[int]:
    return [lengths.doc_field_length(d, fieldname) for d in range(lengths.doc_count_all())]


# --- writing terms -------------------------------------------------------------------
#
# For Existence and Frequency fields (the bigram sets and jieba words: nearly all
# terms) the term table rows and postings blocks are packed here directly, byte
# for byte what W3FieldWriter + W3PostingsWriter + W3TermInfo.to_bytes write
# (test_segwriter.py compares the two), without their per-term objects.

_TERMINFO = wi.TERM_INFO
_INT = struct.Struct("!i")  # whoosh.system.pack_int
_LENGTHS = wi.KEY_VALUE_LENGTHS
_POINTER = wi.HASH_POINTER
_NULL_POINTER = _POINTER.pack(0, 0)
_MAGIC = wi.POSTINGS_MAGIC
_SMALL_BLOCK = 64  # pickled blocks shorter than this are stored uncompressed (the block says so)


def _write_terms(fieldwriter: Any, table: dict[bytes, _Postings], mode: int, boost: float,
                 lengths: list[int] | None) -> None:
    tindex = wi.field_writer_term_table(fieldwriter)
    postfile = wi.field_writer_postings_file(fieldwriter)
    pos = postfile.tell()  # tracked here: a tell() per term is a syscall per term
    prefix = pack_ushort(wi.field_writer_field_number(fieldwriter))
    add = tindex.add
    pack = _TERMINFO.pack
    freq = mode == _FREQ
    for tbytes in sorted(table):
        p = table[tbytes]
        if not freq:  # Existence: the entry is the docnum(s) itself
            if type(p) is int:
                row = pack(1, boost, 1, 0, 0, boost, p, p) + dumps(((p,), (boost,), ()), 2)
            elif len(p) == 1:
                d = p[0]
                row = pack(1, boost, 1, 0, 0, boost, d, d) + dumps(((d,), (boost,), ()), 2)
            else:
                row, size = _write_blocks(postfile, pos, p, None, None, boost, lengths)
                pos += size
        elif len(p.ids) == 1:  # inlined into the term table, as W3 does for terms under its inline limit
            d = p.ids[0]
            w = p.weights[0]
            lb = length_to_byte(lengths[d]) if lengths is not None else 0
            row = pack(1, w, 1, lb, lb, w, d, d) + dumps(((d,), (w,), (pack_uint(p.values[0]),)), 2)
        else:
            row, size = _write_blocks(postfile, pos, p.ids, p.weights, p.values, boost, lengths)
            pos += size
        add(prefix + tbytes, row)


def _write_blocks(postfile: Any, start: int, ids: array[int], weights_all: Any, freqs: Any, boost: float,
                  lengths: list[int] | None) -> tuple[bytes, int]:
    """Write one term's postings blocks at ``start`` (Frequency if ``weights_all`` is given, else Existence).

    Returns the term's row and the bytes written.
    """
    parts = [_MAGIC]
    n = len(ids)
    freq = weights_all is not None
    total_weight = 0.0
    max_weight = 0.0
    min_length: int | None = None
    max_length = 0
    for lo in range(0, n, BLOCK_LIMIT):
        hi = min(n, lo + BLOCK_LIMIT)
        block = ids[lo:hi]
        count = hi - lo
        deltas = (block[0],) + tuple(b - a for a, b in zip(block, block[1:])) if count > 1 else (block[0],)
        if freq:
            weights = weights_all[lo:hi]
            block_max = max(weights)
            total_weight += sum(weights)
            w0 = weights[0]
            mini_weights: Any = None if w0 == 1.0 and block_max == 1.0 and min(weights) == 1.0 else (
                w0 if block_max == w0 and min(weights) == w0 else tuple(weights))
            values: Any = struct.pack(f"!{count}I", *freqs[lo:hi])
        else:
            block_max = boost
            total_weight += boost * count
            mini_weights = None if boost == 1.0 else boost
            values = None
        if lengths is not None:
            block_lengths = [lengths[d] for d in block]
            bmin = min(block_lengths) or None
            bmax = max(block_lengths)
        else:
            bmin, bmax = None, 0
        data = dumps((deltas, mini_weights, values), 2)
        comp = 3 if len(data) >= _SMALL_BLOCK else 0
        if comp:
            data = zlib.compress(data, comp)
        info = dumps((count, block[-1], block_max, comp, length_to_byte(bmin), length_to_byte(bmax)), 2)
        size = len(info) + len(data)
        parts += (pack_int(-size if hi == n else size), info, data)
        max_weight = max(max_weight, block_max)
        if bmin is not None:
            min_length = bmin if min_length is None else min(min_length, bmin)
        max_length = max(max_length, bmax)
    blob = b"".join(parts)
    postfile.write(blob)
    extent = len(blob)
    row = _TERMINFO.pack(0, total_weight, n, 0 if min_length is None else length_to_byte(min_length),
                         length_to_byte(max_length), max_weight, ids[0], ids[-1])
    return row + pack_long(start) + pack_int(extent), extent


# --- the codec ----------------------------------------------------------------------


class FastPostingsWriter(W3PostingsWriter):
    """W3 postings writer with a whole-term ``add_all`` and working inlining (fields with positions)."""

    def add_all(self, ids: array[int], weights: array[float], values: list[bytes], lengths: list[int] | None) -> None:
        """All postings of the current term: blocks written, the last one left for ``finish_postings``."""
        n = len(ids)
        limit = wi.postings_block_limit(self)
        for start in range(0, n, limit):
            end = min(n, start + limit)
            block_ids = ids[start:end]
            if lengths is not None:
                block_lengths = [lengths[d] for d in block_ids]
                minlength, maxlength = min(block_lengths) or None, max(block_lengths)
            else:
                minlength, maxlength = None, 0
            wi.set_postings_block(self, block_ids, weights[start:end], [v for v in values[start:end] if v],
                                  minlength, maxlength)
            if end < n:
                wi.write_postings_block(self)

    def finish_postings(self) -> Any:
        terminfo, ids, weights, values = wi.pending_postings(self)
        if not self.written() and len(self) < wi.postings_inline_limit(self):
            terminfo.add_block(self)
            terminfo.set_inlined(ids, weights, values)
            wi.clear_pending_term(self)
            return terminfo
        return super().finish_postings()


class FastTermTable(OrderedHashWriter):
    """Whoosh's ``OrderedHashWriter`` file, byte for byte, with leaner bookkeeping.

    Whoosh asks the file for its position (a syscall) and keeps a tuple in a list
    (~120 bytes) for every key until the table is closed; here the position is
    counted and the hashes and positions sit in arrays (12 bytes a key), which
    is what lets a segment of tens of millions of terms be written in bounded memory.
    """

    def __init__(self, writer: OrderedHashWriter) -> None:
        # header written; extras (the field map) shared with the field writer
        wi.adopt_hash_writer_state(self, writer)
        if any(writer.buckets):
            raise ValueError("the table already has keys")
        self._pos = self.dbfile.tell()
        self._hashes = [array("I") for _ in range(256)]
        self._positions = [array("Q") for _ in range(256)]

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        pos = self._pos
        self.index.append(pos)
        record = _LENGTHS.pack(len(key), len(value)) + key + value
        self.dbfile.write(record)
        self._pos = pos + len(record)
        h = int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")  # filetables.md5_hash
        self._hashes[h & 255].append(h)
        self._positions[h & 255].append(pos)
        self.lastkey = key

    def _write_hashes(self) -> None:
        # HashWriter._write_hashes over the arrays: same slots, same probing, same bytes
        dbfile = self.dbfile
        pack = _POINTER.pack
        for hashes, positions in zip(self._hashes, self._positions):
            numslots = 2 * len(hashes)
            self.directory.append((dbfile.tell(), numslots))
            table: list[tuple[int, int] | None] = [None] * numslots
            for hashval, position in zip(hashes, positions):
                slot = (hashval >> 8) % numslots
                while table[slot] is not None:
                    slot = (slot + 1) % numslots
                table[slot] = (hashval, position)
            dbfile.write(b"".join(pack(*entry) if entry is not None else _NULL_POINTER for entry in table))


class FastCodec(W3Codec):
    """The W3 codec writing with ``FastPostingsWriter``; its segments read with plain W3Codec."""

    def __init__(self) -> None:
        super().__init__(inlinelimit=2)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        if byteids:  # term vectors: not used by baokan, keep Whoosh's own writer
            return super().postings_writer(dbfile, byteids=True)
        blocklimit, compression, inlinelimit = wi.codec_options(self)
        return FastPostingsWriter(dbfile, blocklimit=blocklimit, compression=compression,
                                  inlinelimit=inlinelimit)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        writer = W3FieldWriter(self, storage, segment)
        wi.set_field_writer_term_table(writer, FastTermTable(wi.field_writer_term_table(writer)))
        return writer

    def new_segment(self, storage: Any, indexname: str) -> W3Segment:
        # The table of contents pickles the segment's codec: name Whoosh's, so
        # readers never need this module.
        return W3Segment(W3Codec(), indexname)


# --- reading whole posting lists (merges) -----------------------------------------


def _read_postings(codec: Any, postfile: Any, terminfo: Any, fmt: Any) -> tuple[list[int], Any, Any]:
    """All (ids, weights, values) of one term of a W3 segment: W3LeafMatcher's decoding, one read per term."""
    if terminfo.is_inlined():
        ids, weights, values = terminfo.inlined_postings()
        return list(ids), list(weights or [1.0] * len(ids)), list(values or ())
    offset, length = terminfo.extent()
    buf = postfile.get(offset, int(length[0] if isinstance(length, tuple) else length))
    if buf[:4] != _MAGIC:
        raise ValueError(f"postings block tag error at {offset}")
    fixed = fmt.fixed_value_size()
    out_ids: list[int] = []
    out_weights: list[float] = []
    out_values: list[Any] = []
    f = BytesIO(buf)
    pos = 4
    while True:
        size = _INT.unpack_from(buf, pos)[0]
        start = pos + 4
        f.seek(start)
        count, _, _, comp, _, _ = pickle_load(f)
        data = buf[f.tell():start + abs(size)]
        deltas, weights, values = loads(zlib.decompress(data) if comp else data)
        out_ids.extend(accumulate(deltas))
        if weights is None:
            out_weights.extend([1.0] * count)
        elif isinstance(weights, float):
            out_weights.extend([weights] * count)
        else:
            out_weights.extend(weights)
        if fixed is None or fixed < 0:
            out_values.extend(values)
        elif fixed > 0:
            out_values.extend(values[i:i + fixed] for i in range(0, len(values), fixed))
        if size < 0:
            return out_ids, out_weights, out_values
        pos = start + size


def _renumbered(postings: tuple[list[int], Any, Any], startdoc: int,
                docmap: dict[int, int] | None) -> tuple[list[int], Any, Any] | None:
    """A segment's postings with the docnums they get in the new segment; None if all were deleted."""
    ids, weights, values = postings
    if docmap is None:
        return [startdoc + d for d in ids], weights, values
    keep = [i for i, d in enumerate(ids) if d in docmap]
    if not keep:
        return None
    return [docmap[ids[i]] for i in keep], [weights[i] for i in keep], [values[i] for i in keep] if values else values


# --- merging whole segments term by term ------------------------------------------------

STREAM_CHUNK_TERMS = 20_000  # terms pooled between writes while streaming a merge


def _field_rows(reader: Any, fieldname: str) -> Iterator[tuple[bytes, bytes]]:
    """(term bytes, term info bytes) of one field of a W3 segment, in term order."""
    terms = wi.segment_terms(reader)
    fnum = wi.terms_field_number(terms, fieldname)
    if fnum is None:
        return
    prefix = pack_ushort(fnum)
    for key, value in wi.terms_table(terms).items_from(prefix):
        if not key.startswith(prefix):
            return
        yield key[2:], value


def _tagged_rows(reader: Any, fieldname: str, n: int) -> Iterator[tuple[bytes, int, bytes]]:
    for tbytes, value in _field_rows(reader, fieldname):
        yield tbytes, n, value


def write_merged_terms(pool: MemoryPool, fieldwriter: Any, lengths: Any,
                       sources: list[tuple[Any, int, dict[int, int] | None]]) -> None:
    """The postings of whole segments, merged term by term (a k-way merge of their sorted term tables).

    ``sources`` are (segment reader, first new docnum, old -> new docnum map or None
    when nothing is deleted), in docnum order. Only ``STREAM_CHUNK_TERMS`` terms are
    in memory at a time, so a merge of any size runs in bounded memory.
    """
    schema = pool.schema
    names = sorted({name for reader, _, _ in sources for name in wi.segment_terms(reader).indexed_field_names()
                    if name in schema})
    for fieldname in names:
        fieldobj = schema[fieldname]
        fmt = fieldobj.format
        fieldlengths = _lengths_for(fieldobj, lengths, fieldname)
        fieldwriter.start_field(fieldname, fieldobj)
        streams = [_tagged_rows(reader, fieldname, n) for n, (reader, _, _) in enumerate(sources)]
        pending = 0
        last = None
        for tbytes, n, value in heapq.merge(*streams):  # equal terms come in source order: docnums ascend
            reader, startdoc, docmap = sources[n]
            codec, postfile = wi.terms_postings(wi.segment_terms(reader))
            postings = _renumbered(_read_postings(codec, postfile, W3TermInfo.from_bytes(value), fmt), startdoc, docmap)
            if postings is None:
                continue
            if tbytes != last:
                if pending >= STREAM_CHUNK_TERMS:  # every pooled term sorts before this one
                    pool.write_terms(fieldwriter, fieldname, fieldlengths)
                    pending = 0
                pending += 1
                last = tbytes
            pool.extend(fieldname, tbytes, *postings)
        pool.write_terms(fieldwriter, fieldname, fieldlengths)
        fieldwriter.finish_field()


# --- the writer ---------------------------------------------------------------------


class FastWriter(wi.DurableSegmentWriter):
    """``SegmentWriter`` with the in-memory pool above; commit merges with ``tiered_merge`` and is durable
    (``indexer.index.durability``)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", FastCodec())
        super().__init__(ix, **kwargs)
        self.pool = MemoryPool(self.schema)  # type: ignore[assignment]
        self.mergetype = tiered_merge
        self.stream_merges = False  # set by compact(): segments added with add_reader are merged at flush
        self._sources: list[tuple[Any, int, dict[int, int] | None]] = []

    def add_document(self, **fields: Any) -> None:
        wi.check_writer_open(self)
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        wi.check_field_names(self, schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if isinstance(value, TermSet):
                    terms = value.term_bytes()
                    pool.add_terms(fieldname, docnum, terms)
                    length = len(terms) if field.scorable else 0
                    value = None
                elif isinstance(value, TermCounts):
                    pool.add_counts(fieldname, docnum, dict(zip(value.term_bytes(), value.freqs)))
                    length = sum(value.freqs) if field.scorable else 0
                    value = None
                elif field.indexed:
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if scorable:
                            length += freq
                        pool.add(fieldname, tbytes, docnum, weight, vbytes)
                perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
                column = field.column_type
                if column and value is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        wi.mark_document_added(self)
        self.docnum += 1

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: dict[int, int] | None) -> None:
        if self.stream_merges:  # read at flush, term by term (the reader stays open until then)
            self._sources.append((reader, startdoc, docmap))
            return
        terms = wi.segment_terms(reader)
        codec, postfile = wi.terms_postings(terms)
        schema = self.schema
        pool = self.pool
        for (fieldname, tbytes), terminfo in terms.items():
            if fieldname not in schema:
                continue
            fmt = schema[fieldname].format
            postings = _renumbered(_read_postings(codec, postfile, terminfo, fmt), startdoc, docmap)
            if postings is not None:
                pool.extend(fieldname, tbytes, *postings)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        if self._sources:
            if self.pool.fields:
                raise RuntimeError("a streamed merge cannot also take new documents")
            write_merged_terms(self.pool, self.fieldwriter, pdr, self._sources)
        else:
            self.pool.write(self.fieldwriter, pdr)
        self.fieldwriter.close()
        try:
            self._write_facet_arrays(pdr)
        finally:
            if pdr:
                pdr.close()

    def _write_facet_arrays(self, pdr: Any) -> None:
        """The new segment's facet columns as arrays (``indexer.index.facetfile``), coded from its rows once,
        here, so that opening the index maps them instead of decoding every row."""
        field = self.schema[facetfile.FACETS_FIELD] if facetfile.FACETS_FIELD in self.schema else None
        column = field.column_type if field is not None else None
        if column is None:
            return
        reader = pdr if pdr is not None else self.per_document_reader()
        try:
            segment = self.get_segment()
            n = segment.doc_count_all()
            raws: Any = reader.column_reader(facetfile.FACETS_FIELD, column) \
                if reader.has_column(facetfile.FACETS_FIELD) else [b""] * n
            facetfile.write_facet_file(self.storage, segment.segment_id(), raws)
        finally:
            if reader is not pdr:
                reader.close()

    def _close_segment(self) -> None:
        if not self.perdocwriter.is_closed:
            self.perdocwriter.close()
        if not self.fieldwriter.is_closed:
            self.fieldwriter.close()
        self.pool.clear()


def tiered_merge(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """Merge policy: when MERGE_FANOUT segments share a size tier, merge them.

    Tiers are powers of MERGE_FANOUT in live documents; segments of
    MAX_MERGED_DOCS or more are left alone (a bulk ingest writes them).
    Returns the segments that stay as they are.
    """
    from whoosh.reading import SegmentReader

    tiers: dict[int, list[Any]] = defaultdict(list)
    for seg in segments:
        live = seg.doc_count()
        if live == 0:
            continue  # every document deleted: dropped from the index
        if live < MAX_MERGED_DOCS:
            tiers[int(math.log(live, MERGE_FANOUT))].append(seg)
    chosen: list[Any] = []
    for tier in sorted(tiers):
        group = tiers[tier]
        if len(group) >= MERGE_FANOUT and sum(s.doc_count() for s in group) <= MAX_MERGED_DOCS * 2:
            chosen = group
            break
    merged = {id(s) for s in chosen}
    for seg in chosen:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [s for s in segments if id(s) not in merged and s.doc_count() > 0]


def _discard(writer: FastWriter) -> None:
    """Cancel a writer that wrote nothing, and remove the empty files it opened for its segment."""
    writer.cancel()
    prefix = writer.newsegment.segment_id() + "."  # "<index>_<id>": its files are "<index>_<id>.*"
    for name in list(writer.storage.list()):
        if name.startswith(prefix):
            writer.storage.delete_file(name)


def compact(writer: FastWriter) -> tuple[int, int]:
    """Merge every segment of the writer's index into one, streaming (bounded memory), and commit.

    Each segment repeats the table rows of every term it shares with the others
    (at 100k records half the rows are such repeats); one segment stores each term
    once and is searched in one pass. Deleted documents are dropped. The new segment
    replaces the old ones in one commit: a crash leaves the index as it was.
    Takes an open writer (it holds the index lock); returns (segments before, after). A one-segment
    index is rewritten only if it has deletions or lacks its facet arrays (``facetfile``: an older index).
    """
    from whoosh.reading import SegmentReader

    segments = list(writer.segments)
    # one segment, nothing deleted, its facet arrays written: nothing to gain (a segment written before the
    # arrays existed is rewritten, which writes them)
    if sum(1 for seg in segments if seg.doc_count() > 0) <= 1 and not any(seg.has_deletions() for seg in segments) \
            and all(writer.storage.file_exists(facetfile.facet_file_name(seg.segment_id()))
                    for seg in segments if seg.doc_count() > 0):
        _discard(writer)
        return len(segments), len(segments)
    writer.stream_merges = True
    readers: list[Any] = []

    def merge_all(w: Any, segs: list[Any]) -> list[Any]:
        for seg in segs:
            if seg.doc_count() == 0:
                continue
            reader = SegmentReader(w.storage, w.schema, seg)
            readers.append(reader)
            w.add_reader(reader)
        return []

    try:
        writer.commit(mergetype=merge_all)
    except BaseException:
        if not writer.is_closed:
            try:
                writer.cancel()
            finally:
                if not writer.is_closed:  # cancel itself failed (a closed file, a full disk): still let go of the lock
                    wi.release_writer(writer)
        raise
    finally:
        for reader in readers:
            reader.close()
    return len(segments), (1 if any(seg.doc_count() > 0 for seg in segments) else 0)
