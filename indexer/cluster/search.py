"""Searching the cluster with the Whoosh path's promises: the engine finds candidates, the text decides.

Exact queries (every text term CJK/punctuation, the usual case) do not come here: the
engine filters, counts and orders them itself (``indexer.cluster.engine``), and this
process receives the page. What follows is the candidates-and-check path, for the
others (Latin letters or digits in a term, a query of negative terms only, …).

Each search term (``Text`` of the query language) becomes one distributed query.
The engine indexes every visible character as a token of its own except Latin
letters and digits, which make words (``indexer.cluster.config``), so:

    "建光", "市科技局，"  -> MATCH('@(text,title) ("建 光")')   exact: characters side by side, as in the
                                                               text; no check, only ids come back
    "924"       -> MATCH('@(text,title) (*924*)')   an infix of a word (9244.2万元 has the word 9244)
    "第5届"     -> MATCH('@(text,title) (第 届)')     a lone letter or digit: the engine expands no
                                                     1-character infix, so it is left to the check
    "5"         -> no MATCH: every record's text is checked

Where the phrase is not exact (Latin or digits, a query-operator character), each
candidate's match text (the same ``match_text`` the Whoosh index checks, kept per
field as a string attribute) is checked for the normalised string itself. AND, OR
and NOT are then set operations over the exact sets, dates and kinds are read from
the facet columns, and facets, filters, date order and paging run on the same
``FacetColumns`` as the Whoosh path (``indexer.searching.facets``), which a
``ClusterSnapshot`` reads once per cluster generation. Relevance is the engine's
BM25 with proximity (headline weighted 3x), summed over the terms.
"""
from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from indexer.cluster.client import Cluster
from indexer.cluster.config import MATCH_ATTRS, char_class
from indexer.cluster.engine import engine_plan, ordered_ids, run_plan
from indexer.cluster.ingest import PAGE, check_tokenizer, doc_id, read_generation
from indexer.errors import RecordNotFound
from indexer.index.schema import decode_facets
from indexer.records import Record
from indexer.searching.cache import cached
from indexer.searching.facets import KIND_ALIASES, FacetColumns, FacetRow, filter_and_count, filter_predicates
from indexer.searching.querylang import And, DateRange, Node, Not, Or, ParsedQuery, Text, parse_query
from indexer.searching.ranking import by_date
from indexer.searching.service import SearchPage, SearchQuery, parse_request, search_page
from indexer.text.grams import query_needle

RECORD_CACHE = 2048  # records kept per snapshot (browse pages, hit lists)
OPTIONS = "ranker=proximity_bm25, field_weights=(title=3)"
FILE_PAGE = 10_000  # files per page of an exact term's ids (grouped by file)


def is_exact(needle: str) -> bool:
    """Does the engine's phrase match exactly the texts containing ``needle``? Yes when every character is
    a token of its own (CJK, punctuation, symbols): positions then stand for characters, side by side."""
    return bool(needle) and all(char_class(ch) == "token" for ch in needle)


def match_expression(needle: str) -> str | None:
    """The engine query whose matches include every text containing ``needle``; None: no restriction.

    ``match_expression("李建光9244")`` -> '"李 建 光" *9244*'; ``match_expression("5")`` -> None (check every text)
    """
    parts: list[str] = []
    tokens: list[str] = []
    word: list[str] = []

    def flush() -> None:
        if tokens:
            parts.append('"' + " ".join(tokens) + '"' if len(tokens) > 1 else tokens[0])
            tokens.clear()
        if len(word) > 1:  # the engine expands an infix of two or more characters only: "*5*" finds nothing
            parts.append("*" + "".join(word) + "*")
        word.clear()

    for ch in needle:
        kind = char_class(ch)
        if kind == "token":
            if word:
                flush()
            tokens.append(ch)
        elif kind == "word":
            if tokens:
                flush()
            word.append(ch)
        else:  # an operator character or a mark: the text has a mark there, so the phrase breaks
            flush()
    flush()
    return " ".join(parts) or None


class ClusterSnapshot:
    """The cluster at one generation: every record's facet row (in document-id order) and a record cache.

    Has what ``indexer.searching.browse`` and ``stats`` read from a Whoosh ``Snapshot``:
    ``rows``, ``columns``, ``live_docs()``, ``record(docnum)``, ``cache``.
    """

    def __init__(self, cluster: Cluster, generation: int, counters: Counter[str] | None = None,
                 rows: Sequence[tuple[int, str]] | None = None, records: dict[int, Record] | None = None) -> None:
        """Every record's facet row, read from the cluster; or, given ``rows`` ((document id, facets JSON), as
        a browse view's *window* holds them: ``indexer.cluster.browse``), those only, with ``records`` (document
        id -> stored record) already at hand."""
        self.cluster = cluster
        self.generation = generation
        self.counters: Counter[str] = counters if counters is not None else Counter()
        if rows is None:
            rows = []
            last = 0
            while True:
                page = cluster.query(cluster.coordinator, "SELECT id, facets FROM dist WHERE id > %s ORDER BY id ASC "
                                     f"LIMIT {PAGE} OPTION max_matches={PAGE}", (last,))
                rows.extend((int(docid), facets) for docid, facets in page)
                if len(page) < PAGE:
                    break
                last = page[-1][0]
            self.counters["facet_rows_fetched"] += len(rows)
        else:
            rows = sorted({int(docid): facets for docid, facets in rows}.items())
        facet_rows: list[FacetRow] = []
        intern: dict[FacetRow, FacetRow] = {}
        for _, facets in rows:
            row = FacetRow.from_values(decode_facets(facets.encode("utf-8")))
            facet_rows.append(intern.setdefault(row, row))
        self.docids = np.array([docid for docid, _ in rows], dtype=np.uint64)
        self.rows = facet_rows
        self.columns = FacetColumns(facet_rows)
        self.deleted = np.zeros(0, np.int64)
        self.dates = np.array([r.pub_date or "" for r in facet_rows], dtype="U10")
        self.cache: OrderedDict[Any, Any] = OrderedDict()
        self.cache_lock = threading.Lock()
        self._records: OrderedDict[int, Record] = OrderedDict()
        if records:
            for docnum, docid in enumerate(self.docids.tolist()):
                if docid in records:
                    self._records[docnum] = records[docid]

    def live_docs(self) -> np.ndarray:
        return np.arange(len(self.rows), dtype=np.int64)

    def docnums(self, docids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Positions of these document ids in this snapshot (ids it does not hold are left out)."""
        ids = np.asarray(docids, dtype=np.uint64)
        pos = np.searchsorted(self.docids, ids)
        ok = pos < len(self.docids)
        ok[ok] = self.docids[pos[ok]] == ids[ok]
        return pos[ok].astype(np.int64)

    def docnum_of(self, record_id: str) -> int:
        found = self.docnums([doc_id(record_id)])
        if not found.size or self.rows[int(found[0])].id != record_id:
            raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
        return int(found[0])

    def records(self, docnums: Sequence[int]) -> list[Record]:
        """The stored records of these docnums, in that order (one query for the ones not cached)."""
        with self.cache_lock:
            missing = [d for d in dict.fromkeys(docnums) if d not in self._records]
        fetched: dict[int, Record] = {}
        for start in range(0, len(missing), 1000):
            chunk = missing[start:start + 1000]
            ids = ",".join(str(int(self.docids[d])) for d in chunk)
            rows = self.cluster.query(self.cluster.coordinator, f"SELECT id, data FROM dist WHERE id IN ({ids}) "
                                      f"LIMIT {len(chunk)} OPTION max_matches={len(chunk)}")
            by_id = {int(i): data for i, data in rows}
            self.counters["records_fetched"] += len(rows)
            for d in chunk:
                data = by_id.get(int(self.docids[d]))
                if data is None:  # removed by an ingest since this snapshot was read
                    raise RecordNotFound(f"没有编号为 {self.rows[d].id[:40]} 的记录（索引刚刚更新，请重试）")
                fetched[d] = Record.from_dict(json.loads(data))
        with self.cache_lock:
            out = [self._records.get(d) or fetched[d] for d in docnums]
            for d, record in fetched.items():
                self._records[d] = record
            while len(self._records) > RECORD_CACHE:
                self._records.popitem(last=False)
        return out

    def record(self, docnum: int) -> Record:
        return self.records([docnum])[0]


class Generation:
    """What a searcher keeps of one cluster generation for the engine path: recent answers and records, no
    facet rows (``cache`` and ``cache_lock`` as ``indexer.searching.cache.cached`` wants them)."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.cache: OrderedDict[Any, Any] = OrderedDict()
        self.cache_lock = threading.Lock()
        self.records: OrderedDict[int, Record] = OrderedDict()


class ClusterArchive:
    """A cluster opened for reading.

    ``generation()`` follows the cluster's change counter; ``snapshot()`` re-reads every record's facet row
    when it moved, which only the candidates path needs: exact searches and the stats run in the engine
    (``indexer.cluster.engine``), browsing and record pages too (``indexer.cluster.browse``), unless
    ``engine=False`` or ``BAOKAN_CLUSTER_ENGINE=0``. ``counters`` counts the searches each path answered,
    the document ids, facet rows, records and groups this process received, and the browse views asked.
    """

    def __init__(self, cluster: Cluster, engine: bool | None = None) -> None:
        self.cluster = cluster
        self.engine = engine if engine is not None else os.environ.get("BAOKAN_CLUSTER_ENGINE", "1") != "0"
        self.counters: Counter[str] = Counter()
        self._snap: ClusterSnapshot | None = None
        self._gen: Generation | None = None
        self._lock = threading.Lock()

    def generation(self) -> Generation:
        generation = read_generation(self.cluster)
        gen = self._gen
        if gen is not None and gen.generation == generation:
            return gen
        with self._lock:
            if self._gen is None or self._gen.generation != generation:
                check_tokenizer(self.cluster)  # every node cuts text as this version's queries expect
                self._gen = Generation(generation)
            return self._gen

    def snapshot(self) -> ClusterSnapshot:
        gen = self.generation()
        snap = self._snap
        if snap is not None and snap.generation == gen.generation:
            return snap
        with self._lock:
            if self._snap is None or self._snap.generation != gen.generation:
                self._snap = ClusterSnapshot(self.cluster, gen.generation, self.counters)
            return self._snap

    def fetch_records(self, gen: Generation, docids: Sequence[int],
                      known: dict[int, Record] | None = None) -> dict[int, Record]:
        """The stored records of those of these document ids the cluster holds (one query for those not at
        hand), kept in the generation's record cache."""
        known = dict(known or {})
        with gen.cache_lock:
            for d in docids:
                if d not in known and d in gen.records:
                    known[d] = gen.records[d]
        missing = [d for d in dict.fromkeys(docids) if d not in known]
        for start in range(0, len(missing), 1000):
            chunk = missing[start:start + 1000]
            rows = self.cluster.query(self.cluster.coordinator, f"SELECT id, data FROM dist WHERE id IN "
                                      f"({','.join(str(d) for d in chunk)}) LIMIT {len(chunk)} "
                                      f"OPTION max_matches={len(chunk)}")
            known.update((int(i), Record.from_dict(json.loads(data))) for i, data in rows)
            self.counters["records_fetched"] += len(rows)
        with gen.cache_lock:
            for d in docids:
                if d in known:
                    gen.records[d] = known[d]
                    gen.records.move_to_end(d)
            while len(gen.records) > RECORD_CACHE:
                gen.records.popitem(last=False)
        return known

    def records_by_id(self, gen: Generation, docids: Sequence[int], known: dict[int, Record] | None = None,
                      ) -> list[Record]:
        """The stored records of these document ids, in that order (one query for those not at hand)."""
        found = self.fetch_records(gen, docids, known)
        if any(d not in found for d in docids):  # removed by an ingest since the ids were read
            raise RecordNotFound("记录已不在索引中（索引刚刚更新，请重试）")
        return [found[d] for d in docids]


# --- matching -------------------------------------------------------------------------------------

def _leaf(snap: ClusterSnapshot, node: Text) -> tuple[np.ndarray, np.ndarray]:
    """(docnums containing the term, their engine weights), both sorted by docnum."""
    if node.field == "kind":
        kind = KIND_ALIASES.get(node.value.lower())
        cols = snap.columns
        docs = np.flatnonzero(cols.kind == cols.kinds.index(kind)) if kind in cols.kinds else np.zeros(0, np.int64)
        return docs.astype(np.int64), np.zeros(docs.size)
    needle = query_needle(node.value)
    field = node.field or "text"
    if not needle:
        return np.zeros(0, np.int64), np.zeros(0)

    def compute() -> tuple[np.ndarray, np.ndarray]:
        expr = match_expression(needle)
        if expr is not None:  # a plain term: the record's text (headline in it, and weighted apart); not region
            expr = f"@{field} ({expr})" if field != "text" else f"@(text,title) ({expr})"
        exact = is_exact(needle)
        attr = "''" if exact else MATCH_ATTRS[field]  # an exact phrase needs no check: no text comes back
        page = PAGE
        ids: list[int] = []
        weights: list[float] = []
        last = 0
        while True:
            if expr is None:
                rows = snap.cluster.query(snap.cluster.coordinator, f"SELECT id, 0, {attr} FROM dist WHERE id > %s "
                                          f"ORDER BY id ASC LIMIT {page} OPTION max_matches={page}", (last,))
            elif exact:
                # one row per file, its matching ids joined: ~6x faster than a row per record through PyMySQL
                groups = snap.cluster.query(
                    snap.cluster.coordinator, "SELECT fileid, GROUP_CONCAT(id), GROUP_CONCAT(WEIGHT()) FROM dist "
                    f"WHERE MATCH(%s) AND fileid > %s GROUP BY fileid ORDER BY fileid ASC LIMIT {FILE_PAGE} "
                    f"OPTION max_matches={FILE_PAGE}, {OPTIONS}", (expr, last))
                for _, joined_ids, joined_weights in groups:
                    got = [int(i) for i in str(joined_ids).split(",")]
                    ws = str(joined_weights).split(",")
                    ids.extend(got)
                    weights.extend(float(w) for w in ws) if len(ws) == len(got) else weights.extend([1.0] * len(got))
                if len(groups) < FILE_PAGE:
                    break
                last = groups[-1][0]
                continue
            else:
                rows = snap.cluster.query(snap.cluster.coordinator, f"SELECT id, WEIGHT(), {attr} FROM dist "
                                          f"WHERE MATCH(%s) AND id > %s ORDER BY id ASC LIMIT {page} "
                                          f"OPTION max_matches={page}, {OPTIONS}", (expr, last))
            for row in rows:
                # the check: the string itself, in the same match text as the Whoosh path's
                if exact or needle in row[2]:
                    ids.append(int(row[0]))
                    weights.append(float(row[1]))
            if len(rows) < page:
                break
            last = rows[-1][0]
        snap.counters["ids_fetched"] += len(ids)
        pos = np.searchsorted(snap.docids, np.array(ids, dtype=np.uint64))
        ok = pos < len(snap.docids)
        ok[ok] = snap.docids[pos[ok]] == np.array(ids, dtype=np.uint64)[ok]
        docs = pos[ok].astype(np.int64)
        w = np.array(weights, dtype=float)[ok]
        order = np.argsort(docs)
        return docs[order], w[order]

    return cached(snap, ("cluster-term", field, needle), compute, lambda v: int(v[0].size))


def _evaluate(snap: ClusterSnapshot, node: Node, scores: np.ndarray | None) -> np.ndarray:
    """Docnums matching ``node`` exactly; positive terms add their weights to ``scores``."""
    if isinstance(node, Text):
        docs, weights = _leaf(snap, node)
        if scores is not None and docs.size:
            scores[docs] += weights + 1.0
        return docs
    if isinstance(node, DateRange):
        d = snap.dates
        mask = (d != "") & (d >= (node.start or "0000-00-00")) & (d <= (node.end or "9999-99-99"))
        return np.flatnonzero(mask).astype(np.int64)
    if isinstance(node, Not):
        return np.setdiff1d(snap.live_docs(), _evaluate(snap, node.child, None), assume_unique=True)
    if isinstance(node, And):
        result: np.ndarray | None = None
        for child in sorted(node.children, key=lambda c: isinstance(c, Not)):  # positives first
            if isinstance(child, Not) and result is not None:
                result = np.setdiff1d(result, _evaluate(snap, child.child, None), assume_unique=True)
            else:
                found = _evaluate(snap, child, scores)
                result = found if result is None else np.intersect1d(result, found, assume_unique=True)
        return result if result is not None else np.zeros(0, np.int64)
    if isinstance(node, Or):
        result = np.zeros(0, np.int64)
        for child in node.children:
            result = np.union1d(result, _evaluate(snap, child, scores))
        return result.astype(np.int64)
    raise TypeError(node)


def _matches(snap: ClusterSnapshot, query: SearchQuery,
             parsed: ParsedQuery) -> tuple[np.ndarray, np.ndarray, dict[str, dict[str, int]]]:
    """(docnums passing the filters, relevance scores of all docnums, facets); cached per snapshot."""
    filters = tuple(sorted((k, tuple(sorted(v)) if isinstance(v, tuple) else v) for k, v in query.filters.items()))

    def compute() -> tuple[np.ndarray, np.ndarray, dict[str, dict[str, int]]]:
        scores = np.zeros(len(snap.rows))
        docs = snap.live_docs() if parsed.tree is None else _evaluate(snap, parsed.tree, scores)
        passed, facets = filter_and_count(snap.columns, docs, filter_predicates(query),
                                          (query.date_from, query.date_to))
        return passed, scores, facets

    passed, scores, facets = cached(snap, ("cluster-match", query.q, filters), compute, lambda v: len(v[0]))
    return passed, scores, {name: dict(counts) for name, counts in facets.items()}


def ordered_matches(snap: ClusterSnapshot, query: SearchQuery, parsed: ParsedQuery,
                    need: int | None) -> tuple[int, np.ndarray, dict[str, dict[str, int]], str]:
    """(total, docnums in result order, facets, sort): relevance is the summed engine weight, ties newest first."""
    sort = query.sort if parsed.tree is not None or query.sort != "relevance" else "newest"
    passed, scores, facets = _matches(snap, query, parsed)
    if sort == "relevance":
        rank = snap.columns.date_rank(True)[passed]
        ordered = passed[np.lexsort((rank, -scores[passed]))]
        ordered = ordered if need is None else ordered[:need]
    else:
        ordered = by_date(snap.columns, passed, newest=(sort == "newest"), need=need)
    return len(passed), ordered, facets, sort


def _filters_key(query: SearchQuery) -> tuple[Any, ...]:
    return tuple(sorted((k, tuple(sorted(v)) if isinstance(v, tuple) else v) for k, v in query.filters.items()))


def cluster_search(archive: ClusterArchive, query: SearchQuery) -> SearchPage:
    """``indexer.searching.service.search`` on the cluster: the same ``SearchPage``.

    An exact query is answered by the engine (``indexer.cluster.engine``): the page's records, the total and
    the facets come back, nothing per match; any other by the candidates path below.
    """
    started = time.perf_counter()
    parsed, start, need = parse_request(query)
    plan = engine_plan(parsed, query, need) if archive.engine else None
    if plan is not None:
        gen = archive.generation()
        key = ("engine", query.q, _filters_key(query), plan.sort, start, need)
        answer = cached(gen, key, lambda: run_plan(archive.cluster, plan, query, start, need - start),
                        lambda v: 0)
        if answer is not None:
            archive.counters["engine_searches"] += 1
            archive.counters["ids_fetched"] += len(answer.ids)
            archive.counters["facet_rows_fetched"] += answer.facet_rows
            records = archive.records_by_id(gen, answer.ids, answer.records)
            return search_page(query, parsed, answer.total, records, answer.facets, plan.sort, started)
    archive.counters["candidate_searches"] += 1
    snap = archive.snapshot()
    total, ordered, facets, sort = ordered_matches(snap, query, parsed, need)
    return search_page(query, parsed, total, snap.records(ordered[start:need].tolist()), facets, sort, started)


def cluster_results(archive: ClusterArchive, query: SearchQuery, batch: int = 500) -> Iterator[Record]:
    """Every matching record in result order (exports), fetched ``batch`` at a time from one snapshot."""
    parsed = parse_query(query.q)
    plan = engine_plan(parsed, query, None) if archive.engine else None
    if plan is not None:
        gen = archive.generation()
        ids = ordered_ids(archive.cluster, plan)
        if ids is not None:
            archive.counters["engine_exports"] += 1
            ordered = list(ids)
            archive.counters["ids_fetched"] += len(ordered)
            for start in range(0, len(ordered), batch):
                yield from archive.records_by_id(gen, ordered[start:start + batch])
            return
    snap = archive.snapshot()
    _, ordered, _, _ = ordered_matches(snap, replace(query, page=1), parsed, None)
    docs = ordered.tolist()
    for start in range(0, len(docs), batch):
        yield from snap.records(docs[start:start + batch])
