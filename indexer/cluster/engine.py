"""Exact queries answered by the engine: it filters, counts the facets and returns only the page's records.

A query is *exact* when the engine's own matching is the Whoosh path's: every text
term is a run of characters the engine indexes one position each (CJK, punctuation,
symbols, see ``indexer.cluster.search.is_exact``), so its phrase matches exactly the
texts containing it. Such a query is translated into one SphinxQL ``MATCH()`` (AND as
juxtaposition, OR as ``|``, NOT as ``-`` beside a positive term), kind terms and date
ranges of the query into ``WHERE`` on attributes, and the search's filters into
``WHERE`` too. One multi-statement batch then asks the coordinator for:

    SELECT id[, data] FROM dist WHERE MATCH(…) AND f_region IN (…) …
        ORDER BY WEIGHT() DESC, f_date DESC, f_file ASC, f_ordinal ASC, id ASC LIMIT start, n
        OPTION max_matches=start+n, ranker=proximity_bm25, field_weights=(title=3);
    SHOW META;                                           -- total_found: the exact total
    SELECT GROUPBY(), COUNT(*), facets FROM dist WHERE … GROUP BY f_kind ORDER BY COUNT(*) DESC
        LIMIT G OPTION max_matches=G, ranker=none;       -- one per facet attribute …
    …                                                    -- … and per active filter, with that filter off

so every facet is counted as if its own filter were off, exactly as
``indexer.searching.facets.filter_and_count`` counts it. A group's value is read back
from the ``facets`` JSON of the row the engine keeps for the group. Grouping in a
distributed index is exact while each shard has fewer groups than ``max_matches`` (an
agent returns at most ``max_matches`` groups, and a full answer is the sign it may have
cut some): a facet answering ``G`` groups is asked again with ten times ``G``, and past
``FACET_GROUPS_MAX`` the search takes the candidates path. Nothing proportional to the
number of matches reaches this process: the page's ids (and records), the facets' groups.

Not exact, and left to the candidates-and-check path (``indexer.cluster.search``):
a term with Latin letters or digits (``924`` must find ``9244``), a query with only
negative text terms (``-吕沛``: the engine needs a positive term), a kind term or a
date range inside OR/NOT, a filter value the attributes cannot say (an empty one, a
date not in ISO form), and pages past ``ENGINE_DEPTH``.

Relevance is the engine's weight of the whole MATCH (BM25 with proximity, headline
weighted 3x), then newest first; the candidates path sums each term's weight, so a
query of several terms may order its hits differently on the two paths (one term
orders the same). Date orders are the same on both, and the Whoosh backend's.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pymysql.converters import escape_string

from indexer.cluster.client import Cluster
from indexer.cluster.ingest import date_number, value_hash
from indexer.records import Record
from indexer.searching.facets import FACET_LIMITS, FACETS, KIND_ALIASES, PEOPLE, day_scope
from indexer.searching.querylang import And, DateRange, Node, Not, Or, ParsedQuery, Text
from indexer.searching.service import SearchQuery
from indexer.text.grams import query_needle

ENGINE_DEPTH = 100_000  # deepest hit the engine is asked for (its max_matches); deeper pages: candidates path
FACET_GROUPS = 1_000  # groups first asked of a facet query
FACET_GROUPS_MAX = 100_000  # ... and at most, after which the counts could be cut: candidates path
INLINE_RECORDS = 100  # pages ending before this hit bring their records with the ids (one round trip)
EXPORT_MAX = 2_000_000  # results an export orders in the engine in one query; more: candidates path
RANKED = "ranker=proximity_bm25, field_weights=(title=3)"

ORDERS = {"relevance": "WEIGHT() DESC, f_date DESC, f_file ASC, f_ordinal ASC, id ASC",
          "newest": "f_date DESC, f_file ASC, f_ordinal ASC, id ASC",
          "oldest": "f_date ASC, f_file ASC, f_ordinal ASC, id ASC"}

# filter name -> its attribute; the facets each filter hides are those of indexer.searching.facets
_FILTER_ATTRS = {"region": "f_region", "kind": "f_kind", "section": "f_section",
                 **{name: f"f_{name}" for name in PEOPLE}}
_HIDES = {"region": ("region",), "kind": ("kind",), "section": ("section",), "date": ("year", "month", "day"),
          **{name: (name,) for name in PEOPLE}}
# facet attribute -> the facets it counts
_FACET_ATTRS = {"f_kind": ("kind",), "f_region": ("region",), "f_section": ("section",),
                "f_date": ("year", "month", "day"), **{f"f_{name}": (name,) for name in PEOPLE}}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _quote(text: str) -> str:
    return "'" + escape_string(text) + "'"


@dataclass(frozen=True)
class EnginePlan:
    """A query the engine answers exactly: its MATCH (None: every record), the query's own conditions, and
    each active filter's condition (filter name -> SphinxQL condition)."""

    match: str | None
    base: tuple[str, ...]
    filters: tuple[tuple[str, str], ...]
    sort: str

    def where(self, without: str | None = None) -> str:
        conds = ([f"MATCH({_quote(self.match)})"] if self.match else []) + list(self.base)
        conds += [cond for name, cond in self.filters if name != without]
        return " WHERE " + " AND ".join(conds) if conds else ""

    @property
    def options(self) -> str:
        return RANKED if self.match else "ranker=none"


def _fields(field: str | None) -> str:
    return "@(text,title)" if field in (None, "text") else f"@{field}"


def _term(node: Text) -> str | None:
    """An exact text term as a MATCH group: ``(@(text,title) "建 光")``; None if the engine is not exact for it."""
    from indexer.cluster.search import is_exact, match_expression

    if node.field == "kind":
        return None
    needle = query_needle(node.value)
    if not is_exact(needle):
        return None
    return f"({_fields(node.field)} {match_expression(needle)})"


def _positive(node: Node) -> str | None:
    """A MATCH expression matching exactly the records ``node`` matches; None where it cannot."""
    if isinstance(node, Text):
        return _term(node)
    if isinstance(node, Or):
        parts = [_positive(child) for child in node.children]
        return None if any(p is None for p in parts) else "(" + " | ".join(parts) + ")"  # type: ignore[arg-type]
    if isinstance(node, And):
        return _conjunction(node.children)
    return None  # Not alone, DateRange inside an expression


def _conjunction(children: tuple[Node, ...]) -> str | None:
    """``A B -C``: at least one positive term; every part expressible."""
    positives: list[str] = []
    negatives: list[str] = []
    for child in children:
        part = _positive(child.child if isinstance(child, Not) else child)
        if part is None:
            return None
        (negatives if isinstance(child, Not) else positives).append(part)
    if not positives:
        return None
    return "(" + " ".join(positives + ["-" + n for n in negatives]) + ")"


def engine_plan(parsed: ParsedQuery, query: SearchQuery, need: int | None) -> EnginePlan | None:
    """The engine's form of a search, or None when only the candidates path answers it exactly."""
    if need is not None and need > ENGINE_DEPTH:
        return None
    tree = parsed.tree
    sort = query.sort if tree is not None or query.sort != "relevance" else "newest"
    base: list[str] = []
    text: list[Node] = []
    for child in (tree.children if isinstance(tree, And) else (tree,) if tree is not None else ()):
        if isinstance(child, Text) and child.field == "kind":
            kind = KIND_ALIASES.get(child.value.lower())
            if kind is None:
                return None
            base.append(f"f_kind = {value_hash(kind)}")
        elif isinstance(child, DateRange):
            lo, hi = _date_bounds(child.start, child.end)
            if lo is None:
                return None
            base.append(f"f_date BETWEEN {lo} AND {hi}")
        else:
            text.append(child)
    match = None
    if text:
        match = _conjunction(tuple(text))
        if match is None:
            return None
    filters: list[tuple[str, str]] = []
    for name, attr in _FILTER_ATTRS.items():
        values = getattr(query, name)
        if values:
            if not all(values):
                return None
            filters.append((name, f"{attr} IN ({', '.join(str(value_hash(v)) for v in values)})"))
    if query.date_from or query.date_to:
        lo, hi = _date_bounds(query.date_from, query.date_to)
        if lo is None:
            return None
        filters.append(("date", f"f_date BETWEEN {lo} AND {hi}"))
    return EnginePlan(match, tuple(base), tuple(filters), sort)


def _date_bounds(start: str | None, end: str | None) -> tuple[int | None, int]:
    """A date range as f_date bounds (a record without a date is never inside one); (None, 0) if not ISO."""
    if (start and not _ISO.fullmatch(start)) or (end and not _ISO.fullmatch(end)):
        return None, 0
    return max(1, date_number(start)) if start else 1, date_number(end) if end else 99_999_999


# --- running it --------------------------------------------------------------------------------------

@dataclass
class EngineAnswer:
    total: int
    ids: list[int]  # the page's document ids, in result order
    records: dict[int, Record]  # those of them that came with the ids
    facets: dict[str, dict[str, int]]


def _facet_statements(plan: EnginePlan, groups: int) -> list[tuple[str, str]]:
    """(attribute, statement) of every facet query: each facet counted with its own filter off."""
    active = {name for name, _ in plan.filters}
    out: list[tuple[str, str]] = []
    for attr, facets in _FACET_ATTRS.items():
        hider = next((name for name in active if set(_HIDES[name]) & set(facets)), None)
        value = "facets" if attr != "f_date" else "0"
        out.append((attr, f"SELECT GROUPBY(), COUNT(*), {value} FROM dist{plan.where(without=hider)} "
                          f"GROUP BY {attr} ORDER BY COUNT(*) DESC LIMIT {groups} "
                          f"OPTION max_matches={groups}, {plan.options}"))
    return out


def run_plan(cluster: Cluster, plan: EnginePlan, query: SearchQuery, start: int, count: int,
             groups: int = FACET_GROUPS, max_groups: int = FACET_GROUPS_MAX) -> EngineAnswer | None:
    """The page ``[start, start + count)`` of an exact search, its total and facets; None if a facet has more
    than ``max_groups`` groups (then the candidates path counts it). A facet query answering ``groups``
    groups may have been cut by a shard: it is asked again with ten times as many."""
    need = max(start + count, 1)
    inline = need <= INLINE_RECORDS
    head = (f"SELECT id{', data' if inline else ''} FROM dist{plan.where()} ORDER BY {ORDERS[plan.sort]} "
            f"LIMIT {start}, {count} OPTION max_matches={need}, {plan.options}")
    while True:
        facet_sql = _facet_statements(plan, groups)
        results = cluster.batch(cluster.coordinator, [head, "SHOW META", *(sql for _, sql in facet_sql)])
        page, meta, grouped = results[0], dict(results[1]), results[2:]
        if all(len(rows) < groups for rows in grouped):
            break
        if groups >= max_groups:
            return None
        groups = min(groups * 10, max_groups)
    ids = [int(row[0]) for row in page]
    records = {int(row[0]): Record.from_dict(json.loads(row[1])) for row in page} if inline else {}
    facets = _facets(dict(zip((attr for attr, _ in facet_sql), grouped)), query)
    return EngineAnswer(int(meta.get("total_found", 0)), ids, records, facets)


def _facets(grouped: dict[str, list[tuple[Any, ...]]], query: SearchQuery) -> dict[str, dict[str, int]]:
    """The groups as ``filter_and_count`` gives its facets: same values, same order, same limits."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for attr, rows in grouped.items():
        if attr == "f_date":
            for number, n, _ in rows:
                number = int(number)
                if number:
                    date = f"{number // 10000:04d}-{number // 100 % 100:02d}-{number % 100:02d}"
                    counters["year"][date[:4]] += int(n)
                    counters["month"][date[:7]] += int(n)
                    counters["day"][date] += int(n)
            continue
        facet = _FACET_ATTRS[attr][0]
        for group, n, raw in rows:
            values = json.loads(raw) if raw else {}
            if facet in PEOPLE:
                wanted = int(group)
                names = [name for name in values.get(facet) or () if name and value_hash(name) == wanted]
                if names:
                    counters[facet][names[0]] += int(n)
            else:
                value = values.get(facet) or ("article" if facet == "kind" else None)
                if value:
                    counters[facet][value] += int(n)
    month = day_scope(counters["month"], query.date_from, query.date_to)
    counters["day"] = Counter({d: n for d, n in counters["day"].items() if month and d.startswith(month)})
    facets: dict[str, dict[str, int]] = {}
    for name in FACETS:
        counter = counters[name]
        if name in ("year", "month", "day"):
            ordered = sorted(counter.items(), reverse=True)
        else:
            ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        limit = FACET_LIMITS.get(name)
        facets[name] = dict(ordered[:limit] if limit else ordered)
    return facets


def ordered_ids(cluster: Cluster, plan: EnginePlan) -> Iterator[int] | None:
    """Every matching document id in result order (exports): one engine query, the ids only; None past
    ``EXPORT_MAX`` results."""
    meta = dict(cluster.batch(cluster.coordinator, [f"SELECT id FROM dist{plan.where()} LIMIT 1 "
                                                    f"OPTION max_matches=1, {plan.options}", "SHOW META"])[1])
    total = int(meta.get("total_found", 0))
    if total > EXPORT_MAX:
        return None
    if not total:
        return iter(())
    rows = cluster.query(cluster.coordinator, f"SELECT id FROM dist{plan.where()} ORDER BY {ORDERS[plan.sort]} "
                         f"LIMIT {total} OPTION max_matches={total}, {plan.options}")
    return (int(r[0]) for r in rows)
