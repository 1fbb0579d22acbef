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
    SELECT GROUPBY(), COUNT(*), facets FROM dist WHERE … GROUP BY f_kind, f_region, f_section
        LIMIT G OPTION max_matches=G, ranker=none;       -- the scalars' combinations; then f_month and
    …                                                    -- f_people (every person under their role), and
                                                         -- per active filter the facets it hides, with
                                                         -- that filter off

so every facet is counted as if its own filter were off, exactly as
``indexer.searching.facets.filter_and_count`` counts it. A group's value is read back
from the ``facets`` JSON of the row the engine keeps for the group. (Sphinx 2.2.11 matches
the text again for every statement, and ``FACET`` clauses too, measured: hence as few
statements as the filters allow.) Grouping in a
distributed index is exact while each shard has fewer groups than ``max_matches`` (an
agent returns at most ``max_matches`` groups, and a full answer is the sign it may have
cut some): a facet answering ``G`` groups is asked again with ten times ``G``, and past
``FACET_GROUPS_MAX`` the search takes the candidates path. Nothing proportional to the
number of matches reaches this process: the page's ids (and records), the facets' groups.

A search with few matches before its filters (at most ``FEW``) skips the GROUP BY
statements: it first asks for those matches' weights and facet rows (``cutoff``: the
engine stops looking past ``FEW``), which are filtered, counted and ordered here by the
Whoosh path's own code (``filter_and_count``, ``FacetColumns.date_rank``), so a rare
name costs one evaluation of the query instead of seven statements' work; a search of
more matches pays for that first look (cut short at ``FEW``) and then the statements.

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

import numpy as np
from pymysql.converters import escape_string

from indexer.cluster.client import Cluster
from indexer.cluster.ingest import date_number, role_hash, value_hash
from indexer.records import Record
from indexer.searching.facets import (FACET_LIMITS, FACETS, KIND_ALIASES, PEOPLE, FacetColumns, FacetRow, day_scope,
                                      filter_and_count, filter_predicates)
from indexer.searching.querylang import And, DateRange, Node, Not, Or, ParsedQuery, Text
from indexer.searching.ranking import by_date
from indexer.searching.service import SearchQuery
from indexer.text.grams import query_needle

ENGINE_DEPTH = 100_000  # deepest hit the engine is asked for (its max_matches); deeper pages: candidates path
FACET_GROUPS = 20_000  # groups first asked of a facet query (a larger max_matches costs the engine little)
FACET_GROUPS_MAX = 200_000  # ... and at most, after which the counts could be cut: candidates path
FEW = 300  # a search matching at most this many records (before filters) is counted from their facet rows
INLINE_RECORDS = 100  # pages ending before this hit bring their records with the ids (one round trip)
# results an export orders in the engine in one query; more: the candidates path, which reads in bounded pages.
# Each agent sends its matches in one reply, ~104 bytes a match with a page path, under searchd's
# max_packet_size (32 MB): past ~300k matches a node the reply is refused ("invalid packet size")
EXPORT_MAX = 200_000
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
                "f_month": ("year", "month", "day"), **{f"f_{name}": (name,) for name in PEOPLE}}
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

    def where(self, without: str | None = None, filtered: bool = True) -> str:
        """`` WHERE MATCH(…) AND …``: the query's own conditions, and the filters but ``without``'s (or none)."""
        conds = ([f"MATCH({_quote(self.match)})"] if self.match else []) + list(self.base)
        conds += [cond for name, cond in self.filters if name != without and filtered]
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
    facet_rows: int = 0  # facet rows this process counted (a search of few matches)


_SCALARS = ("f_kind", "f_region", "f_section")  # single-valued: counted together, grouped by their combination
_PEOPLE_ATTRS = tuple(f"f_{name}" for name in PEOPLE)


@dataclass(frozen=True)
class FacetQuery:
    """One GROUP BY statement: the facet attributes it counts (several scalars at once, or one of f_date and
    the people) under the filters of the search less ``without``."""

    attrs: tuple[str, ...]
    without: str | None
    month: int = 0  # f_date: the days of this month only

    def sql(self, plan: EnginePlan, groups: int) -> str:
        dated = self.attrs[0] in ("f_date", "f_month")
        where = plan.where(without=self.without)
        if self.month:
            where += f"{' AND' if where else ' WHERE'} f_month = {self.month}"
        return (f"SELECT GROUPBY(), COUNT(*), {'0' if dated else 'facets'} FROM dist{where} "
                f"GROUP BY {', '.join(self.attrs)} LIMIT {groups} OPTION max_matches={groups}, {plan.options}")


def facet_queries(plan: EnginePlan) -> list[FacetQuery]:
    """Every facet counted with its own filter off: the facets no active filter hides under all the filters,
    and those a filter hides under all the others; the scalars of one filter set share one statement."""
    active = [name for name, _ in plan.filters]
    by_hider: dict[str | None, list[str]] = {}
    for attr, facets in _FACET_ATTRS.items():
        hider = next((name for name in active if set(_HIDES[name]) & set(facets)), None)
        by_hider.setdefault(hider, []).append(attr)
    out = []
    for hider, attrs in by_hider.items():
        scalars = tuple(a for a in attrs if a in _SCALARS)
        if scalars:
            out.append(FacetQuery(scalars, hider))
        if all(a in attrs for a in _PEOPLE_ATTRS):  # the three person facets under one filter set: f_people
            out.append(FacetQuery(("f_people",), hider))
            attrs = [a for a in attrs if a not in _PEOPLE_ATTRS]
        out.extend(FacetQuery((a,), hider) for a in attrs if a not in _SCALARS)
    return out


def run_plan(cluster: Cluster, plan: EnginePlan, query: SearchQuery, start: int, count: int,
             groups: int = FACET_GROUPS, max_groups: int = FACET_GROUPS_MAX, few: int = FEW) -> EngineAnswer | None:
    """The page ``[start, start + count)`` of an exact search, its total and facets; None if a facet has
    ``max_groups`` groups or more (then the candidates path counts it).

    First the matches before the filters are asked for, with their weights and facet rows, if there are at
    most ``few`` (``cutoff``: the engine stops looking past that many): then they are filtered, counted and
    ordered here (``_counted_here``), one evaluation of the query in all. If not, one batch asks for the
    page (``ORDERS``, top ``start + count`` only), the total and the counts (``facet_queries``); a facet
    query answering ``groups`` groups may have been cut by a shard: that one is asked again with ten times
    as many.
    """
    if few:  # the matches before the filters, if there are at most few (the engine stops looking past that)
        rows, meta = cluster.batch(cluster.coordinator, [
            f"SELECT id, WEIGHT(), facets FROM dist{plan.where(filtered=False)} LIMIT {few + 1} "
            f"OPTION max_matches={few + 1}, cutoff={few + 1}, {plan.options}", "SHOW META"])
        if int(dict(meta).get("total_found", few + 1)) <= few:
            return _counted_here(rows, plan.sort, query, start, count)
    need = max(start + count, 1)
    inline = need <= INLINE_RECORDS
    head = (f"SELECT id{', data' if inline else ''} FROM dist{plan.where()} ORDER BY {ORDERS[plan.sort]} "
            f"LIMIT {start}, {count} OPTION max_matches={need}, {plan.options}")
    fq = facet_queries(plan)
    results = cluster.batch(cluster.coordinator, [head, "SHOW META", *(f.sql(plan, groups) for f in fq)])
    page, meta, grouped = results[0], dict(results[1]), results[2:]
    ids = [int(row[0]) for row in page]
    records = {int(row[0]): Record.from_dict(json.loads(row[1])) for row in page} if inline else {}
    for i, f in enumerate(fq):
        asked = groups
        while len(grouped[i]) >= asked:
            if asked >= max_groups:
                return None
            asked = min(asked * 10, max_groups)
            grouped[i] = cluster.query(cluster.coordinator, f.sql(plan, asked))
    for i, f in enumerate(list(fq)):
        if f.attrs == ("f_month",):
            # days are counted for one month only (``day_scope``): the only month with records in the range
            months = {_month_text(int(m)): int(n) for m, n, _ in grouped[i] if int(m)}
            month = day_scope(months, query.date_from, query.date_to)
            if month:
                fq.append(FacetQuery(("f_date",), f.without, int(month.replace("-", ""))))
                grouped.append(cluster.query(cluster.coordinator, fq[-1].sql(plan, groups)))
    return EngineAnswer(int(meta.get("total_found", 0)), ids, records, _facets(list(zip(fq, grouped)), query))


def _counted_here(rows: list[tuple[Any, ...]], sort: str, query: SearchQuery, start: int,
                  count: int) -> EngineAnswer:
    """A search of few matches from their (id, weight, facet row)s: filtered and counted by
    ``filter_and_count``, ordered as the engine orders (``ORDERS``: weight, then date, page file, position,
    id, which ``FacetColumns.date_rank`` is over rows in id order)."""
    rows = sorted(rows, key=lambda r: int(r[0]))
    ids = np.array([int(r[0]) for r in rows], dtype=np.uint64)
    weights = np.array([float(r[1]) for r in rows])
    cols = FacetColumns([FacetRow.from_values(json.loads(r[2])) for r in rows])
    passed, facets = filter_and_count(cols, np.arange(len(rows), dtype=np.int64), filter_predicates(query),
                                      (query.date_from, query.date_to))
    if sort == "relevance":
        ordered = passed[np.lexsort((cols.date_rank(True)[passed], -weights[passed]))]
    else:
        ordered = by_date(cols, passed, newest=(sort == "newest"))
    return EngineAnswer(len(passed), [int(i) for i in ids[ordered[start:start + count]]], {}, facets, len(rows))


# group value (hash) -> (role, name) of the person groups seen: a common word's person facet has thousands
# of groups, and the same come back search after search; a group not known yet is found by decoding its
# representative row and hashing its names. Bounded by the people's vocabulary, forgotten past NAMES_KEPT.
NAMES_KEPT = 200_000
_names: dict[int, tuple[str, str]] = {}


def _person(group: int, raw: str) -> tuple[str, str] | None:
    known = _names.get(group)
    if known is None:
        values = json.loads(raw) if raw else {}
        found = {role_hash(role, name): (role, name) for role in PEOPLE for name in values.get(role) or () if name}
        if len(_names) + len(found) > NAMES_KEPT:
            _names.clear()  # (before the row's names go in: the group asked for is always answered from them)
        _names.update(found)
        known = found.get(group)
    return known


def _month_text(number: int) -> str:
    """202111 -> "2021-11"."""
    return f"{number // 100:04d}-{number % 100:02d}"


def _facets(grouped: list[tuple[FacetQuery, list[tuple[Any, ...]]]],
            query: SearchQuery) -> dict[str, dict[str, int]]:
    """The groups as ``filter_and_count`` gives its facets: same values, same order, same limits."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for f, rows in grouped:
        if f.attrs == ("f_month",):
            for number, n, _ in rows:
                if int(number):
                    month = _month_text(int(number))
                    counters["year"][month[:4]] += int(n)
                    counters["month"][month] += int(n)
            continue
        if f.attrs == ("f_date",):
            for number, n, _ in rows:
                number = int(number)
                counters["day"][f"{_month_text(number // 100)}-{number % 100:02d}"] += int(n)
            continue
        if f.attrs == ("f_people",):  # which role and name each group is: the one whose role_hash it is
            for group, n, raw in rows:
                role_name = _person(int(group), raw)
                if role_name:
                    counters[role_name[0]][role_name[1]] += int(n)
            continue
        for group, n, raw in rows:
            values = json.loads(raw) if raw else {}
            for attr in f.attrs:
                facet = _FACET_ATTRS[attr][0]
                if facet in PEOPLE:
                    wanted = int(group)
                    names = [name for name in values.get(facet) or () if name and value_hash(name) == wanted]
                    if names:
                        counters[facet][names[0]] += int(n)
                else:  # the group's row holds its combination of scalar values
                    value = values.get(facet) or ("article" if facet == "kind" else None)
                    if value:
                        counters[facet][value] += int(n)
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


# --- the archive at a glance, from the engine --------------------------------------------------------

def _date_text(number: int) -> str | None:
    return f"{_month_text(number // 100)}-{number % 100:02d}" if number else None


def latest_files(cluster: Cluster, latest: int) -> list[tuple[str, str, int, int]]:
    """The ``latest`` page files newest first, as ``snapshot_stats`` picks them: by the date of the file's
    last record (in document-id order, the cluster snapshot's docnum order), then path, both descending;
    each as (date, path, records, document id of its first record).

    Only files holding a record dated on or after one of the newest dates can be among them: the cut date
    is lowered until at least ``latest`` files have their last record on or after it, so none is missed.
    """
    take = latest
    while True:
        dates = cluster.query(cluster.coordinator, f"SELECT GROUPBY(), COUNT(*) FROM dist WHERE f_date > 0 "
                              f"GROUP BY f_date ORDER BY f_date DESC LIMIT {take} OPTION max_matches={take}")
        cut = min((int(d) for d, _ in dates), default=0) if len(dates) == take else 0  # 0: every file
        files = [int(f) for f, _ in cluster.query(
            cluster.coordinator, f"SELECT GROUPBY(), COUNT(*) FROM dist WHERE f_date >= {cut} GROUP BY fileid "
            f"LIMIT {FACET_GROUPS_MAX} OPTION max_matches={FACET_GROUPS_MAX}")]
        found: list[tuple[str, str, int, int]] = []
        for start in range(0, len(files), 1000):
            chunk = ",".join(str(f) for f in files[start:start + 1000])
            last = cluster.query(cluster.coordinator, f"SELECT fileid, COUNT(*), f_date, f_file FROM dist WHERE "
                                 f"fileid IN ({chunk}) GROUP BY fileid WITHIN GROUP ORDER BY id DESC "
                                 f"LIMIT {FACET_GROUPS_MAX} OPTION max_matches={FACET_GROUPS_MAX}")
            first = dict(cluster.query(cluster.coordinator, f"SELECT fileid, id FROM dist WHERE fileid IN ({chunk}) "
                                       f"GROUP BY fileid WITHIN GROUP ORDER BY id ASC LIMIT {FACET_GROUPS_MAX} "
                                       f"OPTION max_matches={FACET_GROUPS_MAX}"))
            found += [(_date_text(int(d)) or "", str(path), int(n), int(first[f])) for f, n, d, path in last]
        enough = sum(1 for d, *_ in found if d and int(d.replace("-", "")) >= cut) >= latest
        if enough or not cut or len(files) >= FACET_GROUPS_MAX:
            return sorted(found, key=lambda f: (f[0], f[1]), reverse=True)[:latest]
        take *= 4


def date_range(cluster: Cluster) -> tuple[str | None, str | None]:
    """The first and last publication date of the archive."""
    first, last = cluster.batch(cluster.coordinator, [
        f"SELECT f_date FROM dist WHERE f_date > 0 ORDER BY f_date {order} LIMIT 1 OPTION max_matches=1"
        for order in ("ASC", "DESC")])
    return (_date_text(int(first[0][0])) if first else None, _date_text(int(last[0][0])) if last else None)


def archive_facets(cluster: Cluster) -> EngineAnswer | None:
    """The whole archive's total and facets (no page)."""
    return run_plan(cluster, EnginePlan(None, (), (), "newest"), SearchQuery(), 0, 0)
