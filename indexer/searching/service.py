"""Searching: a ``SearchQuery`` in, a ``SearchPage`` (plain data) out.

A search runs through the modules beside this one: the query text is parsed
(``querylang``) and translated (``translate``), matched as arrays
(``vecmatch``), filtered and counted (``facets``), ordered (``ranking``), the
two costly steps kept per snapshot (``cache``). Everything a page needs is
copied out while the snapshot is held, so a ``SearchPage`` is plain data.
"""
from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from indexer.errors import QueryError
from indexer.records import Record
from indexer.searching.cache import cached
from indexer.searching.facets import KIND_ALIASES, filter_and_count, filter_predicates
from indexer.searching.querylang import ParsedQuery, narrow, parse_date, parse_query
from indexer.searching.ranking import by_date, ranked, ranking_query
from indexer.searching.snapshot import Archive, Snapshot
from indexer.searching.translate import to_whoosh
from indexer.searching.vecmatch import query_docnums
from indexer.text.highlight import highlight, snippet

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE_SIZE = 100
MAX_RELEVANCE_DEPTH = 10_000  # deepest hit reachable by relevance paging


MULTI_PARAMS = ("region", "kind", "reporter", "photographer", "correspondent", "section")  # repeatable
MAX_VALUES = 50  # values of one repeatable parameter


def param_values(params: Mapping[str, Any], name: str) -> list[str]:
    """Every value of a parameter: a URL's repeated ``region=温县&region=孟州市``, a list, or one string."""
    getlist = getattr(params, "getlist", None)
    raw = getlist(name) if getlist is not None else params.get(name)
    if raw is None:
        return []
    return [str(v) for v in raw] if isinstance(raw, (list, tuple)) else [str(raw)]


@dataclass(frozen=True)
class SearchQuery:
    """One search request; field names are the URL parameters and JSON keys.

    A facet filter holds any number of values and passes a record with any of them:
    ``SearchQuery(region=("温县", "孟州市"))``; one string is taken as one value.
    """

    q: str = ""
    region: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    kind: tuple[str, ...] = ()
    reporter: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    photographer: tuple[str, ...] = ()
    correspondent: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20

    def __post_init__(self) -> None:
        for name in MULTI_PARAMS:  # SearchQuery(region="温县") -> region=("温县",); None -> ()
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value or ()))

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> SearchQuery:
        """Validate request parameters (URL or CLI); raises QueryError with a user-facing message."""

        def text(name: str, limit: int = 100) -> str | None:
            value = (param_values(params, name) or [""])[0].strip()
            if len(value) > limit:
                raise QueryError(f"参数 {name} 过长")
            return value or None

        def texts(name: str, limit: int = 100) -> tuple[str, ...]:
            """``region=温县&region=孟州市&region=`` -> ("温县", "孟州市"): stripped, no empties, no repeats."""
            values = [v.strip() for v in param_values(params, name)]
            if any(len(v) > limit for v in values):
                raise QueryError(f"参数 {name} 过长")
            if len(values) > MAX_VALUES:  # counted as sent, repeats too: what the OpenAPI maxItems says
                raise QueryError(f"参数 {name} 最多 {MAX_VALUES} 个值")
            return tuple(dict.fromkeys(v for v in values if v))

        def number(name: str, default: int, lo: int, hi: int) -> int:
            raw = (param_values(params, name) or [""])[0].strip()
            if not raw:
                return default
            try:
                value = int(raw)
            except ValueError:
                raise QueryError(f"参数 {name} 必须是整数：{raw[:20]}") from None
            if not lo <= value <= hi:
                raise QueryError(f"参数 {name} 必须在 {lo} 到 {hi} 之间")
            return value

        q = (param_values(params, "q") or [""])[0]
        parse_query(q)  # length and structure limits
        kinds = []
        for kind in texts("kind"):
            if kind not in KIND_ALIASES:
                raise QueryError(f"未知的类型：{kind[:20]}（可用 article 或 caption）")
            kinds.append(KIND_ALIASES[kind])
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
        return cls(q=q.strip(), region=texts("region"), date_from=date_from, date_to=date_to,
                   kind=tuple(dict.fromkeys(kinds)), reporter=texts("reporter"), section=texts("section"),
                   photographer=texts("photographer"), correspondent=texts("correspondent"),
                   sort=sort, page=page, page_size=page_size)

    def to_params(self) -> dict[str, str | list[str]]:
        """Non-default values as URL parameters, a list for a repeated one (the inverse of ``from_params``)."""
        default = SearchQuery()
        out: dict[str, str | list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                if value:
                    out[f.name] = list(value)
            elif value not in (None, "") and value != getattr(default, f.name):
                out[f.name] = str(value)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The query as JSON: every field, a repeatable one as a list (``"region": ["温县"]``)."""
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}

    def within(self, more: str) -> SearchQuery:
        """二次检索: this search with ``more`` ANDed to its text, from page 1; raises QueryError over the limits."""
        q = narrow(self.q, more)
        parse_query(q)
        return replace(self, q=q, page=1)

    @property
    def filters(self) -> dict[str, Any]:
        """Active facet filters: ``{"region": ("示范区",), "date": "2021-11-01..2021-11-30"}``."""
        out: dict[str, Any] = {k: getattr(self, k) for k in MULTI_PARAMS if getattr(self, k)}
        if self.date_from or self.date_to:
            out["date"] = f"{self.date_from or ''}..{self.date_to or ''}"
        return out


_JSON_NAMES = {"snippet_html": "snippet"}  # Hit attribute -> its key in the JSON API, where it differs


@dataclass(frozen=True)
class Hit:
    """One result row; ``title_html`` and ``snippet_html`` are HTML-escaped with the terms in ``<mark>``.

    The JSON API calls the snippet "snippet" (``to_dict``), as it always has.
    """

    id: str
    kind: str
    title: str
    title_html: str
    snippet_html: str
    pub_date: str | None
    region: str | None
    reporters: tuple[str, ...]
    photographers: tuple[str, ...]
    section: str | None
    page: str | None
    paper: str | None
    source: str

    @classmethod
    def from_record(cls, record: Record, terms: tuple[str, ...]) -> Hit:
        """The result row of a record, ``terms`` marked in its title and snippet."""
        text = record.body or " ".join(c.text for c in record.captions)
        return cls(
            id=record.id, kind=record.kind, title=record.title, title_html=highlight(record.title, terms),
            snippet_html=snippet(text, terms), pub_date=record.pub_date, region=record.region,
            reporters=record.reporters, photographers=record.photographers or tuple(
                p for c in record.captions for p in c.photographers),
            section=record.section, page=record.page, paper=record.paper, source=record.source,
        )

    def to_dict(self) -> dict[str, Any]:
        data = {_JSON_NAMES.get(f.name, f.name): getattr(self, f.name) for f in fields(self)}
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
            "query": self.query.to_dict(),
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


def warm_up(archive: Archive | None = None) -> None:
    """Load what the first search would otherwise wait for: rjieba's dictionary, the character map, a snapshot
    with its facet columns."""
    from indexer.text.words import load_rjieba
    from indexer.text.normalize import normalize_text

    load_rjieba()
    normalize_text("")
    if archive is not None:
        archive.snapshot().columns




# --- the search ----------------------------------------------------------------


def _matches(snap: Snapshot, query: SearchQuery, parsed: ParsedQuery) -> tuple[np.ndarray, dict[str, dict[str, int]]]:
    """(docnums passing the filters, facets) of a query; cached per snapshot."""
    # values sorted: region=温县&region=孟州市 and region=孟州市&region=温县 are one entry
    filters = tuple(sorted((k, tuple(sorted(v)) if isinstance(v, tuple) else v) for k, v in query.filters.items()))

    def compute() -> tuple[np.ndarray, dict[str, dict[str, int]]]:
        if parsed.tree is None:
            docs = snap.live_docs()
        else:
            docs = query_docnums(snap.searcher, to_whoosh(parsed.tree))
        return filter_and_count(snap.columns, docs, filter_predicates(query), (query.date_from, query.date_to))

    passed, facets = cached(snap, ("match", query.q, filters), compute, lambda v: len(v[0]))
    return passed, {name: dict(counts) for name, counts in facets.items()}


def ordered_matches(snap: Snapshot, query: SearchQuery, parsed: ParsedQuery,
                    need: int | None) -> tuple[int, np.ndarray, dict[str, dict[str, int]], str]:
    """(total, matching docnums in result order, facets, sort); ``need`` bounds the ordering work.

    Matching uses the recall path alone (no scoring); only the records that
    pass the filters are then ranked, by a query over words and headlines.
    """
    sort = query.sort if parsed.tree is not None or query.sort != "relevance" else "newest"
    passed, facets = _matches(snap, query, parsed)
    if sort == "relevance":
        ordered = ranked(snap, ranking_query(parsed), passed, need) if len(passed) else passed
    else:
        ordered = by_date(snap.columns, passed, newest=(sort == "newest"), need=need)
    return len(passed), ordered, facets, sort


def search(archive: Archive, query: SearchQuery) -> SearchPage:
    """Run one search; raises QueryError for requests over the limits."""
    started = time.perf_counter()
    parsed, start, need = parse_request(query)
    snap = archive.snapshot()
    total, ordered, facets, sort = ordered_matches(snap, query, parsed, need)
    records = [snap.record(d) for d in ordered[start:need].tolist()]
    return search_page(query, parsed, total, records, facets, sort, started)


def parse_request(query: SearchQuery) -> tuple[ParsedQuery, int, int]:
    """(parsed query, index of the page's first hit, index after its last); QueryError past the relevance depth."""
    parsed = parse_query(query.q)
    start = (query.page - 1) * query.page_size
    need = start + query.page_size
    if parsed.tree is not None and query.sort == "relevance" and need > MAX_RELEVANCE_DEPTH:
        raise QueryError(f"按相关度最多翻到第 {MAX_RELEVANCE_DEPTH} 条；请缩小检索范围或改按日期排序")
    return parsed, start, need


def search_page(query: SearchQuery, parsed: ParsedQuery, total: int, records: list[Record],
                facets: dict[str, dict[str, int]], sort: str, started: float) -> SearchPage:
    """The ``SearchPage`` of a page's records (any backend's): hits with the terms marked, notes, timing."""
    terms = parsed.highlight_terms
    notes = parsed.notes
    if query.q.strip() and parsed.tree is None:
        notes = notes + ("检索式中没有可检索的内容，显示全部记录",)
    return SearchPage(query=query, understood=parsed.understood, notes=notes, terms=terms, total=total,
                      hits=tuple(Hit.from_record(r, terms) for r in records), facets=facets,
                      took_ms=(time.perf_counter() - started) * 1000, sort=sort)


def iter_results(archive: Archive, query: SearchQuery) -> Iterator[Record]:
    """Every matching record in result order (for export); the snapshot stays alive while iterating."""
    parsed = parse_query(query.q)
    snap = archive.snapshot()
    _, ordered, _, _ = ordered_matches(snap, replace(query, page=1), parsed, None)
    for d in ordered.tolist():
        yield snap.record(d)
