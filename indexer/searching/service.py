"""Searching: a ``SearchQuery`` in, a ``SearchPage`` (plain data) out.

Everything a page needs is copied out while the searcher is open (hits die with
their searcher). Filters and facet counts run over the snapshot's integer-coded
facet columns, not Whoosh's ``groupedby``: vectorised over the matching
documents, every facet counted as if its own filter were off. Matching and
ranking read Whoosh's matchers as arrays (``indexer.searching.vecmatch``).
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
from whoosh import query as wq

from indexer.text.grams import query_grams
from indexer.text.words import word_spans
from indexer.errors import QueryError, RecordNotFound
from indexer.searching.querylang import And, DateRange, Node, Not, Or, ParsedQuery, Text, parse_date, parse_query
from indexer.records import Record
from indexer.text.highlight import highlight, snippet
from indexer.index.schema import FILE_MARKER
from indexer.searching.facets import KIND_ALIASES, KIND_LABELS, FacetColumns, filter_and_count, filter_predicates
from indexer.searching.snapshot import Archive, Snapshot
from indexer.searching.vecmatch import query_docnums, query_scores
from indexer.searching.substring import MATCH_COLUMNS, substring_query

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE_SIZE = 100
MAX_RELEVANCE_DEPTH = 10_000  # deepest hit reachable by relevance paging


@dataclass(frozen=True)
class SearchQuery:
    """One search request; field names are the URL parameters and JSON keys."""

    q: str = ""
    region: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    reporter: str | None = None
    section: str | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> SearchQuery:
        """Validate request parameters (URL or CLI); raises QueryError with a user-facing message."""

        def text(name: str, limit: int = 100) -> str | None:
            value = (params.get(name) or "").strip()
            if len(value) > limit:
                raise QueryError(f"参数 {name} 过长")
            return value or None

        def number(name: str, default: int, lo: int, hi: int) -> int:
            raw = (params.get(name) or "").strip()
            if not raw:
                return default
            try:
                value = int(raw)
            except ValueError:
                raise QueryError(f"参数 {name} 必须是整数：{raw[:20]}") from None
            if not lo <= value <= hi:
                raise QueryError(f"参数 {name} 必须在 {lo} 到 {hi} 之间")
            return value

        q = params.get("q") or ""
        parse_query(q)  # length and structure limits
        kind = text("kind")
        if kind is not None:
            if kind not in KIND_ALIASES:
                raise QueryError(f"未知的类型：{kind}（可用 article 或 caption）")
            kind = KIND_ALIASES[kind]
        sort = text("sort") or "relevance"
        if sort not in SORTS:
            raise QueryError(f"未知的排序方式：{sort}（可用 relevance、newest、oldest）")
        date_from = text("date_from", 20)
        date_to = text("date_to", 20)
        date_from = parse_date(date_from, end=False) if date_from else None
        date_to = parse_date(date_to, end=True) if date_to else None
        if date_from and date_to and date_from > date_to:
            raise QueryError("起始日期晚于结束日期")
        page_size = number("page_size", 20, 1, MAX_PAGE_SIZE)
        page = number("page", 1, 1, 1_000_000)
        return cls(q=q.strip(), region=text("region"), date_from=date_from, date_to=date_to, kind=kind,
                   reporter=text("reporter"), section=text("section"), sort=sort, page=page, page_size=page_size)

    def to_params(self) -> dict[str, str]:
        """Non-default values as URL parameters (the inverse of ``from_params``)."""
        default = SearchQuery()
        return {f.name: str(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) not in (None, "") and getattr(self, f.name) != getattr(default, f.name)}

    @property
    def filters(self) -> dict[str, str]:
        """Active facet filters: ``{"region": "示范区", "date": "2021-11-01..2021-11-30"}``."""
        out = {k: getattr(self, k) for k in ("region", "kind", "reporter", "section") if getattr(self, k)}
        if self.date_from or self.date_to:
            out["date"] = f"{self.date_from or ''}..{self.date_to or ''}"
        return out


@dataclass(frozen=True)
class Hit:
    """One result row, with HTML-escaped highlighted title and snippet."""

    id: str
    kind: str
    title: str
    title_html: str
    snippet: str
    pub_date: str | None
    region: str | None
    reporters: tuple[str, ...]
    photographers: tuple[str, ...]
    section: str | None
    page: str | None
    paper: str | None
    source: str

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["reporters"] = list(self.reporters)
        data["photographers"] = list(self.photographers)
        return data


@dataclass(frozen=True)
class SearchPage:
    """The result of a search: rendered as HTML and as JSON from this one object."""

    query: SearchQuery
    understood: str
    notes: tuple[str, ...]
    terms: tuple[str, ...]
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]]
    took_ms: float
    sort: str

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "query": {f.name: getattr(self.query, f.name) for f in fields(self.query)},
            "understood": self.understood,
            "notes": list(self.notes),
            "total": self.total,
            "page": self.query.page,
            "page_size": self.query.page_size,
            "pages": self.pages,
            "sort": self.sort,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
            "took_ms": round(self.took_ms, 1),
        }


# --- query translation -----------------------------------------------------------


def _gram_query(fieldname: str, value: str) -> wq.Query | None:
    """Records whose ``fieldname`` contains ``value`` (after normalisation, whitespace ignored)."""
    if fieldname in MATCH_COLUMNS:
        return substring_query(fieldname, value)
    grams = query_grams(value)
    if not grams:
        return None
    if len(grams) == 1:
        g = grams[0]
        return wq.Prefix(fieldname, g) if len(g) == 1 else wq.Term(fieldname, g)
    return wq.Phrase(fieldname, grams)


HEADLINE_SCORE = 5.0  # what containing a query string in the headline adds to a record's score


def _word_query(fieldname: str, value: str) -> wq.Query | None:
    words = list(dict.fromkeys(w for w, _, _ in word_spans(value, "query")))
    if not words:
        return None
    return wq.Or([wq.Term(fieldname, w) for w in words])


def _text_query(node: Text) -> wq.Query:
    if node.field == "kind":
        kind = KIND_ALIASES.get(node.value.lower())
        return wq.Term("kind", kind) if kind else wq.NullQuery
    return _gram_query(node.field or "text", node.value) or wq.NullQuery


def to_whoosh(node: Node | None) -> wq.Query:
    """Translate the syntax tree into the matching query: bigram path only, so recall never depends on jieba.

    ``科技 -巡察`` becomes AndNot(科技, 巡察): the exclusion is matched only
    against what the positive part found, never by walking every document as
    a bare Not would.
    """
    if node is None:
        return wq.Every()
    if isinstance(node, Text):
        return _text_query(node)
    if isinstance(node, DateRange):
        return wq.TermRange("pub_date", node.start or "0000-00-00", node.end or "9999-99-99")
    if isinstance(node, Not):
        return wq.Not(to_whoosh(node.child))
    if isinstance(node, And):
        positives = [to_whoosh(c) for c in node.children if not isinstance(c, Not)]
        negatives = [to_whoosh(c.child) for c in node.children if isinstance(c, Not)]
        if not positives:
            return wq.Not(negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        query = positives[0] if len(positives) == 1 else wq.And(positives)
        if negatives:
            query = wq.AndNot(query, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        return query
    if isinstance(node, Or):
        return wq.Or([to_whoosh(c) for c in node.children])
    raise TypeError(node)


def warm_up(archive: Archive | None = None) -> None:
    """Load what the first search would otherwise wait for: jieba's dictionary, the character map, a snapshot."""
    from indexer.text.words import load_jieba
    from indexer.text.normalize import normalize_text

    load_jieba()
    normalize_text("")
    if archive is not None:
        archive.snapshot()


# --- the search ----------------------------------------------------------------


def _record(snap: Snapshot, docnum: int) -> Record:
    return Record.from_dict(json.loads(snap.searcher.stored_fields(docnum)["data"]))


def _hit(record: Record, terms: tuple[str, ...]) -> Hit:
    text = record.body or " ".join(c.text for c in record.captions)
    return Hit(
        id=record.id, kind=record.kind, title=record.title, title_html=highlight(record.title, terms),
        snippet=snippet(text, terms), pub_date=record.pub_date, region=record.region,
        reporters=record.reporters, photographers=record.photographers or tuple(
            p for c in record.captions for p in c.photographers),
        section=record.section, page=record.page, paper=record.paper, source=record.source,
    )


# per snapshot: match sets and ranking scores of recent queries; BAOKAN_RESULT_CACHE=0 turns it off (benchmarks)
RESULT_CACHE_ENTRIES = int(os.environ.get("BAOKAN_RESULT_CACHE", "16"))
RESULT_CACHE_DOCS = 4_000_000  # ... and at most this many docnums in all


def _cached(snap: Snapshot, key: tuple[Any, ...], compute: Callable[[], Any], size: Callable[[Any], int]) -> Any:
    """A per-snapshot LRU: paging and re-sorting the same query do not match or score again.

    The snapshot is the cache's scope, so a new ingest (a new snapshot) is always seen.
    """
    if RESULT_CACHE_ENTRIES <= 0:
        return compute()
    with snap.cache_lock:
        hit = snap.cache.get(key)
        if hit is not None:
            snap.cache.move_to_end(key)
            return hit[0]
    value = compute()
    with snap.cache_lock:
        snap.cache[key] = (value, size(value))
        total = sum(n for _, n in snap.cache.values())
        while len(snap.cache) > 1 and (len(snap.cache) > RESULT_CACHE_ENTRIES or total > RESULT_CACHE_DOCS):
            _, (_, n) = snap.cache.popitem(last=False)
            total -= n
    return value


def _live_docs(snap: Snapshot) -> np.ndarray:
    """Every live record's docnum, ascending (no deleted documents, no page placeholders)."""
    cols = snap.columns
    live = np.ones(cols.n, bool)
    live[snap.deleted] = False
    if FILE_MARKER in cols.kinds:
        live &= cols.kind != cols.kinds.index(FILE_MARKER)
    return np.flatnonzero(live).astype(np.int64)


def _ranking_query(parsed: ParsedQuery) -> wq.Query | None:
    """What orders the matches: the query's words (body and headline) and its strings in headlines."""
    queries = [q for term in parsed.highlight_terms
               for q in (_word_query("words", term), _word_query("title_words", term), _headline_query(term))
               if q is not None]
    return wq.Or(queries) if queries else None


def _headline_query(term: str) -> wq.Query | None:
    query = _gram_query("title", term)
    return None if query is None else wq.ConstantScoreQuery(query, HEADLINE_SCORE)


def _ranking_scores(snap: Snapshot, ranking: wq.Query) -> tuple[np.ndarray, np.ndarray]:
    """Every document the ranking query matches, with its score (read as arrays, see ``indexer.searching.vecmatch``)."""
    return _cached(snap, ("rank", repr(ranking)), lambda: query_scores(snap.searcher, ranking),
                   lambda v: len(v[0]))


def _ranked(snap: Snapshot, ranking: wq.Query | None, passed: np.ndarray, need: int | None) -> np.ndarray:
    """``passed`` in relevance order: records the ranking query scores, best first, then the rest newest first.

    Exactly what Whoosh's collectors gave with ``replace=0, usequality=False``
    (every match scored, best score first, ties by docnum): the scores are
    Whoosh's own, computed over arrays instead of one posting at a time.
    """
    cols = snap.columns
    in_passed = np.zeros(cols.n, bool)
    in_passed[passed] = True
    ranked = np.zeros(0, np.int64)
    if ranking is not None:
        ids, scores = _ranking_scores(snap, ranking)
        keep = in_passed[ids]
        ids, scores = ids[keep], scores[keep]
        if need is not None and len(ids) > need:
            # only the best ``need``: everything scoring at least the need-th best score, then sorted
            cut = -np.partition(-scores, need - 1)[need - 1]
            top = scores >= cut
            ids, scores = ids[top], scores[top]
        order = np.lexsort((ids, -scores))
        ranked = ids[order[:need] if need is not None else order]
    if need is None or len(ranked) < need:
        in_passed[ranked] = False
        rest = passed[in_passed[passed]]
        ranked = np.concatenate([ranked, _by_date(cols, rest, newest=True,
                                                  need=None if need is None else need - len(ranked))])
    return ranked


def _by_date(cols: FacetColumns, docs: np.ndarray, newest: bool, need: int | None = None) -> np.ndarray:
    """Docs by publication date, then page file and position on the page (then docnum); the first ``need`` suffice."""
    rank = cols.date_rank(newest)[docs]
    if need is not None and 0 < need and len(docs) > 2 * need:
        first = np.argpartition(rank, need - 1)[:need]
        return docs[first[np.argsort(rank[first])]]
    return docs[np.argsort(rank)]


def _matches(snap: Snapshot, query: SearchQuery, parsed: ParsedQuery) -> tuple[np.ndarray, dict[str, dict[str, int]]]:
    """(docnums passing the filters, facets) of a query; cached per snapshot."""
    filters = tuple(sorted(query.filters.items()))

    def compute() -> tuple[np.ndarray, dict[str, dict[str, int]]]:
        if parsed.tree is None:
            docs = _live_docs(snap)
        else:
            docs = query_docnums(snap.searcher, to_whoosh(parsed.tree))
        return filter_and_count(snap.columns, docs, filter_predicates(query))

    passed, facets = _cached(snap, ("match", query.q, filters), compute, lambda v: len(v[0]))
    return passed, {name: dict(counts) for name, counts in facets.items()}


def _matching_sorted(snap: Snapshot, query: SearchQuery, parsed: ParsedQuery,
                     need: int | None) -> tuple[int, np.ndarray, dict[str, dict[str, int]], str]:
    """(total, matching docnums in result order, facets, sort); ``need`` bounds the ordering work.

    Matching uses the recall path alone (no scoring); only the records that
    pass the filters are then ranked, by a query over words and headlines.
    """
    sort = query.sort if parsed.tree is not None or query.sort != "relevance" else "newest"
    passed, facets = _matches(snap, query, parsed)
    if sort == "relevance":
        ordered = _ranked(snap, _ranking_query(parsed), passed, need) if len(passed) else passed
    else:
        ordered = _by_date(snap.columns, passed, newest=(sort == "newest"), need=need)
    return len(passed), ordered, facets, sort


def search(archive: Archive, query: SearchQuery) -> SearchPage:
    """Run one search; raises QueryError for requests over the limits."""
    started = time.perf_counter()
    parsed = parse_query(query.q)
    start = (query.page - 1) * query.page_size
    need = start + query.page_size
    if parsed.tree is not None and query.sort == "relevance" and need > MAX_RELEVANCE_DEPTH:
        raise QueryError(f"按相关度最多翻到第 {MAX_RELEVANCE_DEPTH} 条；请缩小检索范围或改按日期排序")
    snap = archive.snapshot()
    total, ordered, facets, sort = _matching_sorted(snap, query, parsed, need)
    terms = parsed.highlight_terms
    hits = tuple(_hit(_record(snap, d), terms) for d in ordered[start:need].tolist())
    notes = parsed.notes
    if query.q.strip() and parsed.tree is None:
        notes = notes + ("检索式中没有可检索的内容，显示全部记录",)
    return SearchPage(query=query, understood=parsed.understood, notes=notes, terms=terms,
                      total=total, hits=hits, facets=facets,
                      took_ms=(time.perf_counter() - started) * 1000, sort=sort)


def iter_results(archive: Archive, query: SearchQuery) -> Iterator[Record]:
    """Every matching record in result order (for export); the snapshot stays alive while iterating."""
    parsed = parse_query(query.q)
    snap = archive.snapshot()
    _, ordered, _, _ = _matching_sorted(snap, replace(query, page=1), parsed, None)
    for d in ordered.tolist():
        yield _record(snap, d)


def matching_ids(archive: Archive, query: SearchQuery) -> list[str]:
    """The ids of every matching record, in result order, without reading stored records."""
    parsed = parse_query(query.q)
    snap = archive.snapshot()
    _, ordered, _, _ = _matching_sorted(snap, replace(query, page=1), parsed, None)
    rows = snap.rows
    return [rows[d].id for d in ordered.tolist()]


# --- single records --------------------------------------------------------------


@dataclass(frozen=True)
class RecordPage:
    """A record with its page neighbours and related coverage."""

    record: Record
    body_html: str
    title_html: str
    same_page: tuple[Hit, ...]
    related: tuple[Hit, ...]
    terms: tuple[str, ...] = field(default=())
    captions_html: tuple[str, ...] = field(default=())  # each embedded caption, escaped, terms marked

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "record": self.record.to_dict(),
            "kind_label": KIND_LABELS.get(self.record.kind, self.record.kind),
            "same_page": [h.to_dict() for h in self.same_page],
            "related": [h.to_dict() for h in self.related],
        }


def _docnum_for_id(snap: Snapshot, record_id: str) -> int:
    docnum = snap.searcher.document_number(id=record_id) if record_id.isalnum() else None
    if docnum is None:
        raise RecordNotFound(f"没有编号为 {record_id[:40]} 的记录")
    return docnum


def get_record(archive: Archive, record_id: str, q: str = "", related: int = 5) -> RecordPage:
    """One record by id, with search terms from ``q`` highlighted; raises RecordNotFound."""
    snap = archive.snapshot()
    docnum = _docnum_for_id(snap, record_id)
    record = _record(snap, docnum)
    try:
        terms = parse_query(q).highlight_terms if q else ()
    except QueryError:
        terms = ()
    file = snap.searcher.stored_fields(docnum).get("file", "")
    same = snap.searcher.search(wq.Term("file", file), limit=None)
    neighbours = sorted((h.docnum for h in same if h.docnum != docnum and snap.rows[h.docnum].kind != FILE_MARKER),
                        key=lambda d: snap.rows[d].ordinal)
    same_page = tuple(_hit(_record(snap, d), ()) for d in neighbours)
    related_hits: list[Hit] = []
    if related:
        from indexer.index.schema import full_text

        sample = full_text(record)[:3000]
        exclude = {docnum, *neighbours}
        for hit in snap.searcher.more_like(docnum, "words", text=sample, top=related + len(exclude)):
            if hit.docnum not in exclude and len(related_hits) < related:
                related_hits.append(_hit(_record(snap, hit.docnum), ()))
    return RecordPage(record=record, body_html=highlight(record.body, terms),
                      title_html=highlight(record.title, terms), same_page=same_page,
                      related=tuple(related_hits), terms=terms,
                      captions_html=tuple(highlight(c.text, terms) for c in record.captions))


# --- statistics ----------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveStats:
    """The archive at a glance (``baokan stats``, the home page, ``/api/stats``)."""

    records: int
    by_kind: dict[str, int]
    by_region: dict[str, int]
    by_year: dict[str, int]
    date_range: tuple[str | None, str | None]
    index_bytes: int
    latest_pages: tuple[tuple[str, str, str | None, int], ...]  # (date, source, page, records)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "records": self.records,
            "by_kind": self.by_kind,
            "by_region": self.by_region,
            "by_year": self.by_year,
            "date_range": {"from": self.date_range[0], "to": self.date_range[1]},
            "index_bytes": self.index_bytes,
            "latest_pages": [{"date": d, "source": s, "page": p, "records": n} for d, s, p, n in self.latest_pages],
        }


def archive_stats(archive: Archive, latest: int = 8) -> ArchiveStats:
    """Counts over every live record."""
    from indexer.index.store import index_bytes

    snap = archive.snapshot()
    rows = snap.rows
    live = _live_docs(snap)
    _, facets = filter_and_count(snap.columns, live, {})
    docs = live.tolist()
    dates = [rows[d].pub_date for d in docs if rows[d].pub_date]
    pages: dict[str, tuple[str, int, int]] = {}  # page file -> (date, records, a docnum on it)
    for d in docs:
        date, file = rows[d].pub_date or "", rows[d].file
        prev = pages.get(file)
        pages[file] = (date, (prev[1] if prev else 0) + 1, prev[2] if prev else d)
    newest = sorted(pages.items(), key=lambda kv: (kv[1][0], kv[0]), reverse=True)[:latest]
    latest_pages = []
    for _, (date, count, docnum) in newest:
        first = _record(snap, docnum)
        latest_pages.append((date, first.source, first.page, count))
    by_year = dict(sorted(facets["year"].items()))
    return ArchiveStats(records=len(docs), by_kind=facets["kind"], by_region=facets["region"], by_year=by_year,
                        date_range=(min(dates) if dates else None, max(dates) if dates else None),
                        index_bytes=index_bytes(archive.index_dir), latest_pages=tuple(latest_pages))
