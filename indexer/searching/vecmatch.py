"""Whoosh matcher trees read into numpy arrays: every match of a segment (and its score) at once.

Whoosh walks postings one document at a time in Python (several microseconds
per posting per level of the matcher tree), which made matching and ranking
linear in the hit count at a high constant. These functions take the matcher
tree Whoosh built for a query and read it block by block instead: leaf
postings are unpickled blocks turned into arrays, unions/intersections/
exclusions are set operations, BM25F is computed with numpy.

Results are exactly Whoosh's: the same documents, and scores computed with
the same floating-point operations in the same order (``bm25`` term by term,
sums child by child). A matcher type not known here is read through its own
``all_ids()``/``score()``, so a new query type is slower, never different.
Whoosh's private state is read through ``indexer.index.whoosh_internals``.
Every function reads from the matcher's *current* position (matchers such as
``IntersectionMatcher`` advance their children when built) and consumes it.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import (
    AndNotMatcher,
    ArrayUnionMatcher,
    FilterMatcher,
    IntersectionMatcher,
    ListMatcher,
    NullMatcherClass,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

from indexer.index import whoosh_internals as wi
from indexer.searching.substring import ContainsMatcher

EMPTY_IDS = np.empty(0, np.int64)
EMPTY_SCORES = np.empty(0, np.float64)
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)

Scored = tuple[np.ndarray, np.ndarray]  # (ascending docnums, scores)


# --- leaves -----------------------------------------------------------------------


# Decoded postings of frequent terms, shared by every snapshot (a segment's postings never
# change): {(segment id, postings offset): (ids, weights or None)}, least recently used first.
POSTINGS_CACHE_BYTES = int(float(os.environ.get("BAOKAN_POSTINGS_CACHE_MB", "128")) * 1024 * 1024)
POSTINGS_CACHE_MIN_BYTES = 2048  # shorter postings decode in well under a millisecond: not worth the memory
_postings: OrderedDict[tuple[str, int], tuple[np.ndarray, np.ndarray | None]] = OrderedDict()
_postings_bytes = 0
_postings_lock = threading.Lock()


def _cached_postings(key: tuple[str, int]) -> tuple[np.ndarray, np.ndarray | None] | None:
    with _postings_lock:
        got = _postings.get(key)
        if got is not None:
            _postings.move_to_end(key)
        return got


def _cache_postings(key: tuple[str, int], ids: np.ndarray, w: np.ndarray | None) -> None:
    global _postings_bytes
    size = ids.nbytes + (w.nbytes if w is not None else 0)
    if size > POSTINGS_CACHE_BYTES // 4:
        return
    ids.flags.writeable = False  # shared: callers slice, never write
    if w is not None:
        w.flags.writeable = False
    with _postings_lock:
        if key in _postings:
            return
        _postings[key] = (ids, w)
        _postings_bytes += size
        while _postings_bytes > POSTINGS_CACHE_BYTES:
            _, (old_ids, old_w) = _postings.popitem(last=False)
            _postings_bytes -= old_ids.nbytes + (old_w.nbytes if old_w is not None else 0)


def postings_cache_entries() -> int:
    """How many terms' postings the cache holds."""
    with _postings_lock:
        return len(_postings)


def clear_postings_cache() -> None:
    global _postings_bytes
    with _postings_lock:
        _postings.clear()
        _postings_bytes = 0


def _leaf_blocks(m: W3LeafMatcher, weights: bool, seg: str | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """The remaining ids (and weights) of a postings matcher: from the cache, else block by block.

    ``seg`` (the segment's id) enables the cache: a term's whole postings, once read
    in full, are kept; a matcher that has moved on gets the part from its current id.
    """
    key = None
    if seg is not None and POSTINGS_CACHE_BYTES > 0 and wi.leaf_extent_bytes(m) >= POSTINGS_CACHE_MIN_BYTES:
        key = (seg, wi.leaf_offset(m))
    if key is None:
        return _read_blocks(m, weights)
    if not m.is_active():
        return EMPTY_IDS, (EMPTY_SCORES if weights else None)
    got = _cached_postings(key)
    if got is None:  # read the whole list (a fresh matcher on the same postings), keep it
        ids, w = _read_blocks(wi.fresh_leaf(m), True)
        assert w is not None
        got = (ids, None if bool(np.all(w == 1.0)) else w)
        _cache_postings(key, *got)
    all_ids, all_w = got
    start = int(np.searchsorted(all_ids, m.id()))  # the matcher may have moved on (intersections skip)
    if not weights:
        return all_ids[start:], None
    return all_ids[start:], (all_w[start:] if all_w is not None else np.ones(len(all_ids) - start, np.float64))


def _read_blocks(m: W3LeafMatcher, weights: bool) -> tuple[np.ndarray, np.ndarray | None]:
    id_parts: list[np.ndarray] = []
    w_parts: list[np.ndarray] = []
    while m.is_active():
        raw, w, start, n = wi.leaf_block(m)
        ids = np.cumsum(np.asarray(raw, dtype=np.int64))  # whoosh's delta_decode, per block
        if start:
            ids = ids[start:]
        id_parts.append(ids)
        if weights:
            if w is None:
                arr = np.ones(n, np.float64)
            elif isinstance(w, float):
                arr = np.full(n, w, np.float64)
            else:
                arr = np.asarray(w, dtype=np.float32).astype(np.float64)
            w_parts.append(arr[start:] if start else arr)
        wi.leaf_next_block(m)
    if not id_parts:
        return EMPTY_IDS, (EMPTY_SCORES if weights else None)
    ids = np.concatenate(id_parts)
    return ids, (np.concatenate(w_parts) if weights else None)


def segment_key(reader: Any) -> str | None:
    """A segment's identity for the postings cache: its index folder and segment id (None: not cached)."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    if segment is None:
        return None
    folder = wi.segment_folder(reader)
    return f"{folder}\x00{segment.segment_id()}" if folder else None  # RAM storage: not cached


def _union(parts: list[np.ndarray]) -> np.ndarray:
    """Sorted union of ascending docnum arrays of one segment (a mask, not a hash-and-sort)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return EMPTY_IDS
    if len(parts) == 1:
        return parts[0]
    mask = np.zeros(max(int(p[-1]) for p in parts) + 1, bool)
    for p in parts:
        mask[p] = True
    return np.flatnonzero(mask)


def field_length_bytes(reader: Any, fieldname: str) -> np.ndarray | None:
    """The segment's encoded field lengths (one byte per document), read once per reader."""
    cache = wi.reader_cache(reader, "lengths")
    if fieldname in cache:
        return cache[fieldname]
    out = None
    stored = wi.stored_length_bytes(reader, fieldname)
    if stored is not None:
        out = np.zeros(reader.doc_count_all(), np.uint8)
        if stored:
            out[:len(stored)] = np.frombuffer(stored, dtype=np.uint8)
    cache[fieldname] = out
    return out


def _leaf_scored(m: W3LeafMatcher, reader: Any) -> Scored | None:
    scorer = m.scorer
    term = wi.leaf_term(m)
    if type(scorer) is not BM25FScorer or wi.leaf_has_byte_ids(m) or term is None:
        return None
    lengths = field_length_bytes(reader, term[0])
    if lengths is None:
        return None
    ids, w = _leaf_blocks(m, True, segment_key(reader))
    assert w is not None
    fl = _LENGTHS[lengths[ids]]
    idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    # whoosh.scoring.bm25, operation for operation
    scores = idf * ((w * (K1 + 1)) / (w + K1 * ((1 - B) + B * fl / avgfl)))
    return ids, scores


# --- generic fallbacks ------------------------------------------------------------------


def _iter_ids(m: Any) -> np.ndarray:
    return np.fromiter(m.all_ids(), dtype=np.int64)


def _iter_scored(m: Any) -> Scored:
    ids: list[int] = []
    scores: list[float] = []
    while m.is_active():
        ids.append(m.id())
        scores.append(m.score())
        m.next()
    return np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64)


# --- boolean matching -----------------------------------------------------------------


def match_ids(m: Any, seg: str | None = None) -> np.ndarray:
    """The remaining ids of matcher ``m``, ascending (consumes ``m``); ``seg``: its segment's id, for the cache."""
    if type(m) is ContainsMatcher and m.unread():  # substring: candidates as an array, then each one checked
        ids = match_ids(m.child, seg)
        return ids[np.fromiter((m.contains(int(d)) for d in ids), dtype=bool, count=len(ids))]
    if isinstance(m, NullMatcherClass) or not m.is_active():
        return EMPTY_IDS
    t = type(m)
    if t is W3LeafMatcher and not wi.leaf_has_byte_ids(m):
        return _leaf_blocks(m, False, seg)[0]
    if t is UnionMatcher:
        return _union([match_ids(m.a, seg), match_ids(m.b, seg)])
    if t is IntersectionMatcher:
        return np.intersect1d(match_ids(m.a, seg), match_ids(m.b, seg), assume_unique=True)
    if t is AndNotMatcher:
        return np.setdiff1d(match_ids(m.a, seg), match_ids(m.b, seg), assume_unique=True)
    if t is _ArrayUnion:
        return _union([match_ids(c, seg) for c in m.children])
    if t is ArrayUnionMatcher and not wi.array_union_is_scored(m):
        head = _array_union_head(m)[0]
        return _union([head] + [match_ids(s, seg) for s in wi.array_union_children(m)])
    if t is FilterMatcher:
        ids = match_ids(m.child, seg)
        idset, exclude = wi.filter_matcher_set(m)
        return ids[_in_set(ids, idset) != exclude]
    if t is WrappingMatcher:
        return match_ids(m.child, seg)
    if t is ListMatcher:
        return np.asarray(wi.list_matcher_rest(m), dtype=np.int64)
    return _iter_ids(m)


def _in_set(ids: np.ndarray, idset: Any) -> np.ndarray:
    if not len(ids):
        return np.zeros(0, bool)
    return np.fromiter((int(i) in idset for i in ids), dtype=bool, count=len(ids)) \
        if len(idset) > len(ids) else np.isin(ids, np.fromiter(idset, dtype=np.int64, count=len(idset)))


def _array_union_head(m: ArrayUnionMatcher) -> Scored:
    """The part ArrayUnionMatcher has already read from its children (its score buffer)."""
    buffer, start, offset, limit = wi.array_union_buffer(m)
    a = np.frombuffer(buffer, dtype=np.float64)
    if start >= limit:
        return EMPTY_IDS, EMPTY_SCORES
    part = a[start - offset:limit - offset]
    idx = np.nonzero(part > 0)[0]
    return idx + start, part[idx]


# --- scored matching ---------------------------------------------------------------------


def match_scored(m: Any, reader: Any) -> Scored:
    """The remaining ids of matcher ``m`` and the score Whoosh would give each (consumes ``m``)."""
    return _scored(m, reader)


def _accumulate(parts: list[Scored], factor: float | None = None) -> Scored:
    """Sum of the parts' scores per id, added part by part in order (as ``a.score() + b.score()``)."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return EMPTY_IDS, EMPTY_SCORES
    if len(parts) == 1 and factor is None:
        return parts[0]
    size = max(int(p[0][-1]) for p in parts) + 1
    acc = np.zeros(size, np.float64)  # dense over the segment's docnums: ids within a part are distinct
    for pids, pscores in parts:
        acc[pids] += pscores if factor is None else pscores * factor
    ids = _union([p[0] for p in parts])
    return ids, acc[ids]


def _scored(m: Any, reader: Any) -> Scored:
    if isinstance(m, NullMatcherClass) or not m.is_active():
        return EMPTY_IDS, EMPTY_SCORES
    t = type(m)
    if t is W3LeafMatcher:
        got = _leaf_scored(m, reader)
        if got is not None:
            return got
        return _iter_scored(m)
    if t is UnionMatcher:
        return _accumulate([_scored(m.a, reader), _scored(m.b, reader)])
    if t is _ArrayUnion:
        ids, acc = _accumulate([_scored(c, reader) for c in m.children], factor=m.boost)
        if not m.scored:
            return ids, np.ones(len(ids))
        keep = acc > 0
        return ids[keep], acc[keep]
    if t is ArrayUnionMatcher and wi.array_union_is_scored(m):
        head = _array_union_head(m)
        boost = wi.array_union_boost(m)
        ids, acc = _accumulate([_scored(s, reader) for s in wi.array_union_children(m)], factor=boost)
        keep = acc > 0  # the array union only yields documents whose summed score is positive
        return np.concatenate([head[0], ids[keep]]), np.concatenate([head[1], acc[keep]])
    if t is WrappingMatcher:
        ids, scores = _scored(m.child, reader)
        return ids, scores * m.boost
    if t is FilterMatcher:
        ids, scores = _scored(m.child, reader)
        idset, exclude = wi.filter_matcher_set(m)
        keep = _in_set(ids, idset) != exclude
        return ids[keep], scores[keep] * m.boost
    if t is ListMatcher and (weight := wi.list_matcher_constant_weight(m)) is not None:
        ids = np.asarray(wi.list_matcher_rest(m), dtype=np.int64)
        return ids, np.full(len(ids), weight)
    return _iter_scored(m)


# --- building matchers ------------------------------------------------------------------


class _ArrayUnion:
    """What ``ArrayUnionMatcher`` would compute, without letting it pre-read its first 2,048 documents one by one."""

    def __init__(self, children: list[Any], boost: float, scored: bool) -> None:
        self.children = children
        self.boost = boost
        self.scored = scored

    def is_active(self) -> bool:
        return any(c.is_active() for c in self.children)


def build_matcher(q: Any, searcher: Any, context: Any) -> Any:
    """``q.matcher(searcher, context)``, except that an ``Or`` Whoosh would run as an array union is
    deferred, and a constant-score wrapper reads its child's ids as an array (Whoosh: one by one)."""
    if type(q) is wq.ConstantScoreQuery and context is not None and not context.needs_current:
        m = build_matcher(q.child, searcher, context)
        if isinstance(m, NullMatcherClass):
            return m
        term = m.term() if hasattr(m, "term") else None  # a deferred array union has no term
        ids = match_ids(m, segment_key(searcher.reader()))
        return ListMatcher(ids.astype(np.uint32).tolist(), all_weights=q.score, term=term)
    if type(q) is wq.Or and len(q.subqueries) > 1:
        matcher_type = q.matcher_type
        if matcher_type == q.AUTO_MATCHER:
            needs_current = context.needs_current if context else True
            subs = q.subqueries
            if not (len(subs) < q.TOO_MANY_CLAUSES
                    and (needs_current or q.scale or len(subs) == 2 or searcher.doc_count_all() > 5000)):
                matcher_type = q.ARRAY_MATCHER
        if matcher_type == q.ARRAY_MATCHER:
            scored = context.weighting is not None if context else True
            return _ArrayUnion([build_matcher(sub, searcher, context) for sub in q.subqueries], q.boost, scored)
        if matcher_type == q.DEFAULT_MATCHER and not q.scale:
            # Whoosh's DefaultOr (a weighted tree of unions), its children built here: a headline
            # boost under it (ranking_query: Or(words, title words, ConstantScore(title))) then reads
            # its ids as an array instead of Whoosh walking them one by one (32k calls a 20k mix)
            reader = searcher.reader()
            subs = q.subqueries
            built = [build_matcher(sub, searcher, context) for sub in subs]
            m = make_weighted_tree(UnionMatcher, [(sub.estimate_size(reader), sm) for sub, sm in zip(subs, built)])
            return WrappingMatcher(m, q.boost) if q.boost != 1.0 else m
    return q.matcher(searcher, context)


# --- whole searchers -------------------------------------------------------------------


def query_docnums(searcher: Any, q: Any) -> np.ndarray:
    """Global docnums matching ``q``, ascending: ``Searcher.docs_for_query`` as one array."""
    parts = []
    for sub, offset in searcher.leaf_searchers():
        try:
            ids = match_ids(build_matcher(q, sub, sub.boolean_context()), segment_key(sub.reader()))
        except TermNotFound:
            continue
        if len(ids):
            parts.append(ids + offset if offset else ids)
    return np.concatenate(parts) if parts else EMPTY_IDS


def query_scores(searcher: Any, q: Any) -> Scored:
    """Global docnums matching ``q`` with the scores a collector would see (``searcher.context()``)."""
    context = searcher.context()
    id_parts, score_parts = [], []
    for sub, offset in searcher.leaf_searchers():
        ids, scores = match_scored(build_matcher(q, sub, context), sub.reader())
        if len(ids):
            id_parts.append(ids + offset if offset else ids)
            score_parts.append(scores)
    if not id_parts:
        return EMPTY_IDS, EMPTY_SCORES
    return np.concatenate(id_parts), np.concatenate(score_parts)
