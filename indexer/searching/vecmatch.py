"""Whoosh matcher trees read into numpy arrays: every match of a segment (and its score) at once.

Whoosh walks postings one document at a time in Python (several microseconds
per posting per level of the matcher tree), which made matching and ranking
linear in the hit count at a high constant. These functions take the matcher
tree Whoosh built for a query and read it block by block instead: leaf
postings are unpickled blocks turned into arrays, unions/intersections/
exclusions are set operations, BM25F is computed with numpy.

Searches go one step further (``query_docnums``, ``query_scores``): they read the
*query* tree and build no matcher for the parts known here (terms, substrings,
And/Or/AndNot, constant scores), taking each term's postings from a cache shared
by every snapshot (``term_postings``); building Whoosh's matchers (term-table
look-ups, scorers, a constant-score wrapper walking its ids one call at a time)
was a third of a warm search.

Results are exactly Whoosh's: the same documents, and scores computed with
the same floating-point operations in the same order (``bm25`` term by term,
sums child by child, an ``Or``'s parts joined in Whoosh's weighted tree). A
query or matcher type not known here is read through Whoosh's own matcher, so
a new query type is slower, never different. Whoosh's private state is read
through ``indexer.index.whoosh_internals``. Every matcher function reads from
the matcher's *current* position (matchers such as ``IntersectionMatcher``
advance their children when built) and consumes it.
"""
from __future__ import annotations

import os
import threading
from bisect import insort
from collections import OrderedDict
from typing import Any, NamedTuple

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
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

from indexer.index import whoosh_internals as wi
from indexer.searching.substring import ContainsMatcher, Substring

EMPTY_IDS = np.empty(0, np.int64)
EMPTY_SCORES = np.empty(0, np.float64)
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)

Scored = tuple[np.ndarray, np.ndarray]  # (ascending docnums, scores)


# --- leaves -----------------------------------------------------------------------


# Decoded postings, shared by every snapshot (a segment's postings never change), least recently used
# first, within one byte budget. Two kinds of entry:
#   (segment key, postings offset) -> _Postings: a frequent term's postings, read through a matcher (matching);
#   (segment key, field, term bytes) -> TermPostings: any term a search asked for (ranking words, bigrams),
#   with its document frequency (so a term costs no term-table look-up and no matcher once it has been asked for).
POSTINGS_CACHE_BYTES = int(float(os.environ.get("BAOKAN_POSTINGS_CACHE_MB", "128")) * 1024 * 1024)
POSTINGS_CACHE_MIN_BYTES = 2048  # shorter postings decode in well under a millisecond: not worth the memory
_ENTRY_BYTES = 256  # what an entry costs beyond its arrays (key, tuple, array headers): rare terms count too


class _Postings(NamedTuple):
    ids: np.ndarray  # ascending docnums of the segment (deleted documents included)
    weights: np.ndarray | None  # None: every weight is 1.0


class TermPostings(NamedTuple):
    """A term's postings in one segment, as searches read them (a term the segment lacks: frequency 0, no ids)."""

    doc_frequency: int
    ids: np.ndarray
    weights: np.ndarray | None  # None: every weight is 1.0


_postings: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()  # key -> (entry, bytes it counts)
_postings_bytes = 0
_postings_lock = threading.Lock()


def _arrays_bytes(ids: np.ndarray, w: np.ndarray | None) -> int:
    return ids.nbytes + (w.nbytes if w is not None else 0)


def _cached(key: tuple[Any, ...]) -> Any:
    with _postings_lock:
        got = _postings.get(key)
        if got is None:
            return None
        _postings.move_to_end(key)
        return got[0]


def _cache(key: tuple[Any, ...], entry: Any, size: int) -> None:
    global _postings_bytes
    if size > POSTINGS_CACHE_BYTES // 4:
        return
    for array in entry:
        if isinstance(array, np.ndarray):
            array.flags.writeable = False  # shared: callers slice, never write
    with _postings_lock:
        if key in _postings:
            return
        _postings[key] = (entry, size)
        _postings_bytes += size
        while _postings_bytes > POSTINGS_CACHE_BYTES:
            _, (_, old) = _postings.popitem(last=False)
            _postings_bytes -= old


def _cached_postings(key: tuple[str, int]) -> _Postings | None:
    got: _Postings | None = _cached(key)
    return got


def _cache_postings(key: tuple[str, int], ids: np.ndarray, w: np.ndarray | None) -> None:
    _cache(key, _Postings(ids, w), _arrays_bytes(ids, w))


def postings_cache_entries() -> int:
    """How many entries (terms' postings) the cache holds."""
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
    """Global docnums matching ``q``, ascending: ``Searcher.docs_for_query`` as one array.

    Read from the query tree (``_SegmentQuery.ids``): terms from the cached postings, no matcher
    for what is known here.
    """
    parts = []
    for sub, offset in searcher.leaf_searchers():
        try:
            ids = _SegmentQuery(searcher, sub, sub.boolean_context()).ids(q)
        except TermNotFound:
            continue
        if len(ids):
            parts.append(ids + offset if offset else ids)
    return np.concatenate(parts) if parts else EMPTY_IDS


def matcher_docnums(searcher: Any, q: Any) -> np.ndarray:
    """``query_docnums`` read from the matcher tree Whoosh (and ``build_matcher``) builds: the older path."""
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
    """Global docnums matching ``q`` with the scores a collector would see (``searcher.context()``).

    Scored from the query tree itself (``_SegmentQuery``): no Whoosh matcher is built for the
    ranking query's parts (its ``Or``s, its word ``Term``s, its constant-score wrappers), only
    for what those wrap or what is not known here.
    """
    context = searcher.context()
    id_parts, score_parts = [], []
    for sub, offset in searcher.leaf_searchers():
        ids, scores = _SegmentQuery(searcher, sub, context).scored(q)
        if len(ids):
            id_parts.append(ids + offset if offset else ids)
            score_parts.append(scores)
    if not id_parts:
        return EMPTY_IDS, EMPTY_SCORES
    return np.concatenate(id_parts), np.concatenate(score_parts)


def matcher_scores(searcher: Any, q: Any) -> Scored:
    """``query_scores`` read from the matcher tree Whoosh (and ``build_matcher``) builds: the slower, older path."""
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


# --- scoring from the query tree, without matchers ----------------------------------------------


def term_postings(reader: Any, seg: str | None, fieldname: str, tbytes: bytes) -> TermPostings:
    """A term's document frequency and whole postings in one segment (deleted documents included), cached.

    The first request reads the term table and the postings (through the codec); later ones, from any
    snapshot of the same segment, read the cache only.
    """
    key = (seg, fieldname, tbytes) if seg is not None and POSTINGS_CACHE_BYTES > 0 else None
    if key is not None:
        got: TermPostings | None = _cached(key)
        if got is not None:
            return got
    try:
        m = wi.term_postings(reader, fieldname, tbytes)
    except TermNotFound:
        entry = TermPostings(0, np.empty(0, np.int64), None)  # its own array: a cached one is made read-only
    else:
        if type(m) is ListMatcher:  # postings inlined in the term table
            ids = np.asarray(wi.list_matcher_rest(m), dtype=np.int64)
            raw = wi.list_matcher_weights(m)
            w = np.asarray(raw, dtype=np.float64) if raw is not None else None
        else:
            ids, w = _read_blocks(m, True)
            assert w is not None
        if w is not None and bool(np.all(w == 1.0)):
            w = None
        entry = TermPostings(reader.doc_frequency(fieldname, tbytes), ids, w)
    if key is not None:
        _cache(key, entry, _arrays_bytes(entry.ids, entry.weights) + _ENTRY_BYTES)
    return entry


class _SegmentQuery:
    """One segment's matches (``ids``) and scores (``scored``) for a query, from the query tree itself.

    Matching: ``Term``s are their cached postings (``term_postings``) without deleted documents;
    ``And``/``Or``/``AndNot`` are intersections, unions, differences; a ``Substring``'s candidates
    are its bigrams' intersection, each checked against its match text (``Substring.contained``);
    a constant-score wrapper is its child. The same sets Whoosh's matchers walk to.

    Scoring, what Whoosh does and what is done here instead:

    * ``Or`` (automatic matcher type): a segment of more than 5,000 documents (or two subqueries)
      gets a Huffman-like tree of ``UnionMatcher``s weighted by each subquery's ``estimate_size``
      (``whoosh.util.make_weighted_tree``: a stable sort by weight, then the two lightest joined and
      put back after any of equal weight; matchers never order among themselves); scores add up the
      tree's way, left child first. A smaller segment preloads the sum child by child (``ArrayUnionMatcher``)
      and keeps positive sums. Both are reproduced over arrays, in the same order of additions.
    * ``Term`` on a BM25F-scored field: its postings (``term_postings``, cached) scored with
      ``bm25`` operation for operation, with the scorer's own idf and average field length;
      deleted documents dropped.
    * ``ConstantScoreQuery``: its child's ids (``match_ids``), each scored the constant.
    * anything else: the matcher Whoosh builds, read by ``match_scored``.

    So the scores are the same floats the collector sees (``tests/searching/test_search_speed_paths.py``
    compares them with Whoosh's own on real indexes).
    """

    def __init__(self, searcher: Any, sub: Any, context: Any) -> None:
        self.searcher = searcher  # the top searcher: global statistics (idf, average field length)
        self.sub = sub
        self.reader = sub.reader()
        self.seg = segment_key(self.reader)
        self.context = context
        self.schema = sub.schema

    def ids(self, q: Any) -> np.ndarray:
        """Ascending docnums of the segment that ``q`` matches."""
        t = type(q)
        if t is wq.Term:
            tbytes = self._term_bytes(q)
            return EMPTY_IDS if tbytes is None else self._live(self._postings(q.fieldname, tbytes).ids)
        if t is Substring:
            return self._substring(q)
        if t is wq.And and q.subqueries and not any(type(s) is wq.Not for s in q.subqueries):
            parts = sorted((self.ids(s) for s in q.subqueries), key=len)
            out = parts[0]
            for part in parts[1:]:
                if not len(out):
                    break
                out = np.intersect1d(out, part, assume_unique=True)
            return out
        if t is wq.Or and not any(type(s) is wq.Not for s in q.subqueries):
            return _union([self.ids(s) for s in q.subqueries])
        if t is wq.AndNot:
            positive = self.ids(q.a)
            return np.setdiff1d(positive, self.ids(q.b), assume_unique=True) if len(positive) else positive
        if t is wq.ConstantScoreQuery:
            return self.ids(q.child)
        return match_ids(build_matcher(q, self.sub, self.context), self.seg)

    def _live(self, ids: np.ndarray) -> np.ndarray:
        """``ids`` without the segment's deleted documents."""
        if len(ids) and self.reader.has_deletions():
            return ids[~_deleted_mask(self.reader)[ids]]
        return ids

    def _substring(self, q: Substring) -> np.ndarray:
        postings = []
        for gram in q.grams:
            tbytes = self.schema[q.fieldname].to_bytes(gram)
            ids = self._postings(q.fieldname, tbytes).ids
            if not len(ids):
                return EMPTY_IDS  # a bigram the segment lacks: nothing can contain the string
            postings.append(ids)
        postings.sort(key=len)
        candidates = self._live(postings[0])
        for ids in postings[1:]:
            if not len(candidates):
                return EMPTY_IDS
            candidates = np.intersect1d(candidates, ids, assume_unique=True)
        return q.contained(self.reader, candidates)

    def scored(self, q: Any) -> Scored:
        """(ascending docnums of the segment, scores) of ``q``."""
        t = type(q)
        got = None
        if t is wq.Or:
            got = self._or(q)
        elif t is wq.Term:
            got = self._term(q)
        elif t is wq.ConstantScoreQuery:
            got = self._constant(q)
        if got is not None:
            return got
        return match_scored(build_matcher(q, self.sub, self.context), self.reader)

    def estimate(self, q: Any) -> int:
        """``q.estimate_size(reader)``, the weight Whoosh's union tree orders by (term frequencies from the cache)."""
        t = type(q)
        if t is wq.Term:
            tbytes = self._term_bytes(q)
            return 0 if tbytes is None else self._postings(q.fieldname, tbytes).doc_frequency
        if t is wq.Or:
            return min(sum(self.estimate(s) for s in q.subqueries), self.reader.doc_count())
        if t is wq.ConstantScoreQuery:
            return self.estimate(q.child)
        return int(q.estimate_size(self.reader))

    # --- node kinds ---

    def _or(self, q: wq.Or) -> Scored | None:
        if q.matcher_type != q.AUTO_MATCHER or q.scale or q.minmatch:
            return None
        subs = q.subqueries
        if not subs:
            return EMPTY_IDS, EMPTY_SCORES
        if len(subs) == 1:
            return self.scored(subs[0])
        if len(subs) < q.TOO_MANY_CLAUSES and (self.context.needs_current or len(subs) == 2
                                               or self.reader.doc_count_all() > 5000):
            ids, scores = _weighted_union([(self.estimate(s), self.scored(s)) for s in subs])
            return (ids, scores * q.boost) if q.boost != 1.0 else (ids, scores)
        if self.context.weighting is None:
            return None
        ids, acc = _accumulate([self.scored(s) for s in subs], factor=q.boost)
        keep = acc > 0  # the array union only yields documents whose summed score is positive
        return ids[keep], acc[keep]

    def _term_bytes(self, q: wq.Term) -> bytes | None:
        if q.fieldname not in self.schema:
            return None
        try:
            return self.schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return None

    def _postings(self, fieldname: str, tbytes: bytes) -> TermPostings:
        return term_postings(self.reader, self.seg, fieldname, tbytes)

    def _term(self, q: wq.Term) -> Scored | None:
        weighting = self.context.weighting
        if q.minquality or type(weighting) is not BM25F:
            return None
        tbytes = self._term_bytes(q)
        if tbytes is None:
            return EMPTY_IDS, EMPTY_SCORES
        postings = self._postings(q.fieldname, tbytes)
        if not len(postings.ids):
            return EMPTY_IDS, EMPTY_SCORES  # not in this segment: Whoosh's NullMatcher
        lengths = field_length_bytes(self.reader, q.fieldname)
        if not self.schema[q.fieldname].scorable or lengths is None:
            return None
        ids, w = postings.ids, postings.weights
        if self.reader.has_deletions():
            live = ~_deleted_mask(self.reader)[ids]
            ids = ids[live]
            w = w[live] if w is not None else None
        if w is None:
            w = np.ones(len(ids), np.float64)
        fl = _LENGTHS[lengths[ids]]
        # what BM25FScorer takes: idf and average field length from the top searcher, B and K1 from the model
        idf = self.searcher.idf(q.fieldname, tbytes)
        avgfl = self.searcher.avg_field_length(q.fieldname) or 1
        B, K1 = wi.bm25f_parameters(weighting, q.fieldname)
        # whoosh.scoring.bm25, operation for operation
        scores = idf * ((w * (K1 + 1)) / (w + K1 * ((1 - B) + B * fl / avgfl)))
        return (ids, scores * q.boost) if q.boost != 1.0 else (ids, scores)

    def _constant(self, q: Any) -> Scored | None:
        if self.context.needs_current or not q.score:
            return None
        ids = self.ids(q.child)
        return ids, np.full(len(ids), float(q.score))


def _weighted_union(items: list[tuple[int, Scored]]) -> Scored:
    """``make_weighted_tree(UnionMatcher, items)`` evaluated over arrays: the lightest two joined first.

    ``list.sort()`` on (weight, matcher) pairs is a stable sort by weight (a matcher is never less
    than another), and ``insort`` puts a joined pair after those of equal weight; a union's score is
    its left child's plus its right child's.
    """
    nodes = sorted(items, key=lambda item: item[0])
    while len(nodes) > 1:
        (wa, a), (wb, b) = nodes.pop(0), nodes.pop(0)
        insort(nodes, (wa + wb, _accumulate([a, b])), key=lambda item: item[0])
    return nodes[0][1]


def _deleted_mask(reader: Any) -> np.ndarray:
    """A segment's deleted documents as a boolean array (read once per reader)."""
    cache = wi.reader_cache(reader, "deleted")
    mask = cache.get("mask")
    if mask is None:
        mask = np.zeros(reader.doc_count_all(), bool)
        deleted = reader.deleted_docs_set if reader.has_deletions() else ()
        if deleted:
            mask[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = True
        cache["mask"] = mask
    return mask
