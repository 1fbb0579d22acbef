"""Facets in one place: the per-record facet row, its columns, filtering and counting, and the Chinese labels.

Every document of a snapshot has one ``FacetRow`` (its JSON row in the ``facets``
column). ``FacetColumns`` holds a snapshot's facet values as integer-coded numpy
arrays: each segment's arrays are written with it and memory-mapped at open
(``indexer.index.facetfile``), or coded from its rows for a segment written before
that; ``filter_and_count`` applies a search's filters and counts every facet as if
its own filter were off, vectorised over the matching documents (no Whoosh ``groupedby``).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from indexer.index.facetfile import CodedFacets, code_rows, order_key, row_values
from indexer.index.schema import FILE_MARKER

if TYPE_CHECKING:
    from indexer.searching.service import SearchQuery

# --- labels ------------------------------------------------------------------------

# Field name (schema, ``Record``, URL parameter, facet) -> its Chinese label: the one table
# the query language (``标题:巡察``), the site (facet titles, filter chips, record pages),
# the API description and the CLI read.
FIELD_LABELS: dict[str, str] = {
    "title": "标题", "reporter": "记者", "photographer": "摄影", "correspondent": "通讯员",
    "region": "地区", "section": "栏目", "kind": "类型", "date": "日期", "year": "年份", "month": "月份",
    "day": "日", "page": "版次", "paper": "报纸", "byline": "署名", "body": "正文", "captions": "图片说明",
    "source": "来源文件", "url": "链接", "id": "编号",
}
KIND_LABELS: dict[str, str] = {"article": "文章", "caption": "图片"}
# what a ``kind`` filter or ``类型:`` may say: the kinds, their labels, and 照片 for a photo
KIND_ALIASES: dict[str, str] = {**{kind: kind for kind in KIND_LABELS},
                                **{label: kind for kind, label in KIND_LABELS.items()}, "照片": "caption"}

# --- rows and columns ------------------------------------------------------------------

FACETS = ("region", "year", "month", "day", "kind", "reporter", "photographer", "correspondent", "section")
FACET_LIMITS = {"reporter": 100, "photographer": 100, "correspondent": 100, "section": 100}
PEOPLE = ("reporter", "photographer", "correspondent")  # several per record: the facet counts each name


class FacetRow(NamedTuple):
    """The facet values of one document: ``FacetRow("article", "温县", "2021-11-05", ("徐金华",), …)``."""

    kind: str
    region: str | None
    pub_date: str | None
    reporters: tuple[str, ...]
    section: str | None
    file: str  # the page file the record came from
    ordinal: int  # its position on the page
    id: str
    photographers: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> FacetRow:
        """A row from the decoded ``facets`` column (``indexer.index.schema.facet_values``); {} for none."""
        return cls(*row_values(values))

    def people(self, facet: str) -> tuple[str, ...]:
        """The names a person facet counts: ``row.people("photographer")``."""
        return getattr(self, facet + "s")


class PeopleColumn(NamedTuple):
    """One person facet as (name entry -> its docnum, name entry -> its code, the names)."""

    doc: np.ndarray
    codes: np.ndarray
    names: list[str]


def _merged(parts: Sequence[CodedFacets], name: str, order: bool, docs: bool = True,
            ) -> tuple[np.ndarray, list[Any]]:
    """One coded column over several segments: the union of their vocabularies and each segment's codes
    translated into it (a lookup table per segment, never a loop over documents). One segment's
    arrays are used as they are (memory-mapped)."""
    if len(parts) == 1:
        part = parts[0]
        return (part.codes[name] if docs else part.people_code[name]), part.vocab(name)
    vocabs = [p.vocab(name) for p in parts]
    merged = list(dict.fromkeys(v for vocab in vocabs for v in vocab))
    if order:
        merged.sort(key=order_key)
    index = {v: i for i, v in enumerate(merged)}
    columns = [np.array([index[v] for v in vocab], dtype=np.int32)[p.codes[name] if docs else p.people_code[name]]
               for p, vocab in zip(parts, vocabs)]
    return (np.concatenate(columns) if columns else np.zeros(0, np.int32)), merged


class FacetColumns:
    """The facet values of a snapshot as integer-coded numpy arrays (one entry per global docnum).

    Filters become per-value truth tables looked up by code, facet counts
    ``np.bincount`` over the codes of the matching documents, and the date
    orders are precomputed ranks, so none of it loops over documents in Python.
    Built from each segment's ``CodedFacets`` (``from_segments``: memory-mapped
    arrays written with the segment, ``indexer.index.facetfile``) or from rows; the
    page file and ordinal columns are put together when first used (browsing, date order).
    """

    def __init__(self, rows: Iterable[FacetRow]) -> None:
        self._build([code_rows(rows)])

    @classmethod
    def from_segments(cls, parts: Sequence[CodedFacets]) -> FacetColumns:
        """The columns of segments in docnum order (each segment's documents after the previous ones')."""
        cols = cls.__new__(cls)
        cols._build(list(parts))
        return cols

    def _build(self, parts: list[CodedFacets]) -> None:
        parts = parts or [code_rows(())]  # an index without segments
        self._parts = parts
        self.n = sum(p.n for p in parts)
        self.kind, self.kinds = _merged(parts, "kind", False)
        self.region, self.regions = _merged(parts, "region", False)
        self.date, self.dates = _merged(parts, "date", True)
        # each date code's year and month ("2021-11-05" -> "2021", "2021-11"), as codes; -1 for no date
        self.years, self.months = _prefix_codes(self.dates, 4), _prefix_codes(self.dates, 7)
        self.section, self.sections = _merged(parts, "section", False)
        starts = np.cumsum([0] + [p.n for p in parts[:-1]])
        self.people: dict[str, PeopleColumn] = {}
        for facet in PEOPLE:
            codes, names = _merged(parts, facet, False, docs=False)
            # as intp: these index an array of every document at each count (an int32 index would be converted
            # on every query)
            if len(parts) == 1:
                doc = parts[0].people_doc[facet].astype(np.intp)
            else:
                doc = np.concatenate([p.people_doc[facet].astype(np.intp) + start for p, start in zip(parts, starts)])
            self.people[facet] = PeopleColumn(doc, codes, names)
        self._file: tuple[np.ndarray, list[str], np.ndarray] | None = None
        self._orders: dict[bool, np.ndarray] = {}
        self._name_ranks: dict[str, np.ndarray | None] = {}
        self._lock = threading.Lock()

    def _file_columns(self) -> tuple[np.ndarray, list[str], np.ndarray]:
        with self._lock:
            if self._file is None:
                file, files = _merged(self._parts, "file", True)
                parts = self._parts
                ordinal = parts[0].ordinal if len(parts) == 1 else \
                    np.concatenate([p.ordinal for p in parts]) if parts else np.zeros(0, np.int32)
                self._file = (file, files, ordinal)
            return self._file

    @property
    def file(self) -> np.ndarray:
        """Each document's page file code (codes sort as the paths)."""
        return self._file_columns()[0]

    @property
    def files(self) -> list[str]:
        """The page files, sorted (a file code is its position)."""
        return self._file_columns()[1]

    @property
    def ordinal(self) -> np.ndarray:
        """Each document's position on its page."""
        return self._file_columns()[2]

    def date_rank(self, newest: bool) -> np.ndarray:
        """Each docnum's position in the whole archive by date (newest or oldest first), then file, ordinal, docnum."""
        file, ordinal = self.file, self.ordinal
        with self._lock:
            rank = self._orders.get(newest)
            if rank is None:
                keys = sorted({d or "" for d in self.dates})
                key_of = np.array([keys.index(d or "") for d in self.dates], dtype=np.int64) if self.dates \
                    else np.zeros(0, np.int64)
                date_key = key_of[self.date] if self.n else np.zeros(0, np.int64)
                order = np.lexsort((np.arange(self.n), ordinal, file, -date_key if newest else date_key))
                rank = np.empty(self.n, np.int64)
                rank[order] = np.arange(self.n)
                self._orders[newest] = rank
            return rank

    def name_rank(self, facet: str) -> np.ndarray | None:
        """Each name's position among a person facet's names sorted as Python sorts strings (so counts can be
        ordered by (-count, name) in numpy); None if a name is listed twice (then counts are summed per name)."""
        with self._lock:
            if facet not in self._name_ranks:
                names = self.people[facet].names
                rank = None
                if len(set(names)) == len(names):
                    rank = np.empty(len(names), np.int64)
                    rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
                self._name_ranks[facet] = rank
            return self._name_ranks[facet]

    def records(self, docs: np.ndarray) -> np.ndarray:
        """``docs`` without page placeholders (a record-less page's marker document is not a record)."""
        if FILE_MARKER in self.kinds:
            return docs[self.kind[docs] != self.kinds.index(FILE_MARKER)]
        return docs


# --- filters and counts -------------------------------------------------------------------

ValuePredicate = Callable[[Any], bool]

# filter name -> (codes attribute, vocabulary attribute) of ``FacetColumns`` (people: ``FacetColumns.people``)
_FILTER_COLUMNS = {"region": ("region", "regions"), "kind": ("kind", "kinds"), "section": ("section", "sections"),
                   "date": ("date", "dates")}
# filter name -> the facets it hides (they are counted as if it were off)
_FACETS_OF_FILTER = {"region": ("region",), "kind": ("kind",), "section": ("section",),
                     "date": ("year", "month", "day"), **{name: (name,) for name in PEOPLE}}
MULTI_FILTERS = ("region", "kind", "reporter", "photographer", "correspondent", "section")


def _hidden_by(facet: str, fails: dict[str, np.ndarray]) -> str:
    """The filter a facet is counted without (its own), or "" if none of the search's filters hides it."""
    for name in fails:
        if facet in _FACETS_OF_FILTER[name]:
            return name
    return ""


def filter_predicates(query: SearchQuery) -> dict[str, ValuePredicate]:
    """Filter name -> predicate over one facet value; a filter named X hides facet(s) X.

    A filter of several values takes any of them: ``region=("温县", "孟州市")`` passes
    a record of 温县 or of 孟州市; a person filter passes a record if any of its names is one.
    """
    preds: dict[str, ValuePredicate] = {}
    for name in MULTI_FILTERS:
        wanted = frozenset(getattr(query, name))
        if wanted:
            preds[name] = lambda v, wanted=wanted: v in wanted
    if query.date_from or query.date_to:
        lo, hi = query.date_from or "0000", query.date_to or "9999"
        preds["date"] = lambda v: v is not None and lo <= v <= hi
    return preds


def _passes(cols: FacetColumns, name: str, pred: ValuePredicate, docs: np.ndarray) -> np.ndarray:
    """Which of ``docs`` pass one filter: the predicate is evaluated once per distinct value, then looked up."""
    if name in PEOPLE:  # several per record: a record passes if any of its names does
        column = cols.people[name]
        table = np.fromiter(map(bool, map(pred, column.names)), dtype=bool, count=len(column.names))
        hit = np.zeros(cols.n, bool)
        hit[column.doc[table[column.codes]]] = True
        return hit[docs]
    codes_attr, vocab_attr = _FILTER_COLUMNS[name]
    vocab = getattr(cols, vocab_attr)
    table = np.fromiter(map(bool, map(pred, vocab)), dtype=bool, count=len(vocab))
    return table[getattr(cols, codes_attr)[docs]]


class PrefixCodes(NamedTuple):
    """A prefix of every date in a vocabulary: the date code -> prefix code map and the prefixes."""

    of_date: np.ndarray  # -1 where the date is None or ""
    values: list[str]


def _prefix_codes(dates: list[str | None], width: int) -> PrefixCodes:
    values = list(dict.fromkeys(d[:width] for d in dates if d))
    index = {v: i for i, v in enumerate(values)}
    return PrefixCodes(np.array([index[d[:width]] if d else -1 for d in dates], dtype=np.int64), values)


def _value_counts(codes: np.ndarray, vocab: list[Any], limit: int | None = None) -> Iterator[tuple[Any, int]]:
    """(value, count) of every value with a count; with ``limit``, only those that can be in the top ``limit``.

    The cut keeps every value whose count reaches the ``limit``-th largest, ties included, so
    sorting what is left by (-count, value) and taking ``limit`` gives what sorting all would:
    a common word's reporter facet has thousands of names, and only 100 are shown.
    """
    return _present(np.bincount(codes, minlength=len(vocab)), vocab, limit)


def _present(counts: np.ndarray, vocab: list[Any], limit: int | None = None) -> Iterator[tuple[Any, int]]:
    """``_value_counts`` from the counts per code."""
    present = np.flatnonzero(counts)
    if limit is not None and len(present) > limit:
        cut = np.partition(counts[present], len(present) - limit)[len(present) - limit]
        present = present[counts[present] >= cut]
    return zip([vocab[i] for i in present.tolist()], counts[present].tolist())


def _prefix_counts(date_counts: np.ndarray, prefix: PrefixCodes) -> Iterator[tuple[str, int]]:
    """Counts per year (or month) from counts per date code."""
    dated = prefix.of_date >= 0
    counts = np.bincount(prefix.of_date[dated], weights=date_counts[dated], minlength=len(prefix.values))
    present = np.flatnonzero(counts)
    return zip([prefix.values[i] for i in present.tolist()], (int(n) for n in counts[present].tolist()))


def day_scope(months: dict[str, int], date_from: str | None, date_to: str | None) -> str | None:
    """The one month whose days are counted: the only month with records within the date filter, else None.

    ``{"2022-07": 10, "2021-11": 4}`` with 2022-01-01..2022-12-31 -> "2022-07"; with no filter -> None.
    """
    lo, hi = (date_from or "0000")[:7], (date_to or "9999")[:7]
    inside = [m for m in months if lo <= m <= hi]
    return inside[0] if len(inside) == 1 else None


def filter_and_count(cols: FacetColumns, docs: np.ndarray, preds: dict[str, ValuePredicate],
                     date_range: tuple[str | None, str | None] = (None, None),
                     ) -> tuple[np.ndarray, dict[str, dict[str, int]]]:
    """Docnums (ascending array) passing every filter, and facet counts each with its own filter off.

    ``day`` counts the days of one month only (``day_scope`` of the search's ``date_range``),
    so a long archive does not send thousands of days with every search.
    """
    docs = cols.records(docs)
    fails = {name: ~_passes(cols, name, pred, docs) for name, pred in preds.items()}
    if fails:
        nfail = np.sum([f.view(np.uint8) for f in fails.values()], axis=0, dtype=np.int64)
        ok = nfail == 0
        one = nfail == 1
        passed = docs[ok]
    else:
        passed = docs

    def counted(facet: str) -> np.ndarray:
        """The docs a facet counts: those passing every filter, plus those failing only the filter it hides."""
        if not fails:
            return docs
        for name, failed in fails.items():
            if facet in _FACETS_OF_FILTER[name]:
                return docs[ok | (one & failed)]
        return passed

    counters: dict[str, dict[Any, int]] = {name: {} for name in FACETS}

    def add(facet: str, pairs: Iterable[tuple[Any, int]], keep_empty: bool = True) -> None:
        counter = counters[facet]
        for value, n in pairs:
            if value or keep_empty:
                counter[value] = counter.get(value, 0) + n

    for facet, codes, vocab in (("kind", cols.kind, cols.kinds), ("region", cols.region, cols.regions),
                                ("section", cols.section, cols.sections)):
        add(facet, _value_counts(codes[counted(facet)], vocab), keep_empty=facet == "kind")
    date_docs = counted("year")  # year, month and day are all hidden by the date filter alone
    date_counts = np.bincount(cols.date[date_docs], minlength=len(cols.dates))
    for facet, prefix in (("year", cols.years), ("month", cols.months)):
        add(facet, _prefix_counts(date_counts, prefix))
    month = day_scope(counters["month"], *date_range)
    if month:
        for i in np.flatnonzero(date_counts).tolist():
            value = cols.dates[i]
            if value and value.startswith(month):
                counters["day"][value[:10]] = counters["day"].get(value[:10], 0) + int(date_counts[i])
    ordered_people: dict[str, dict[str, int]] = {}
    in_set, in_set_key = None, None
    for facet in PEOPLE:  # the three usually count the same documents: one membership mask for them
        key = _hidden_by(facet, fails)
        if in_set is None or key != in_set_key:
            in_set, in_set_key = np.zeros(cols.n, bool), key
            in_set[counted(facet)] = True
        column = cols.people[facet]
        counts = np.bincount(column.codes[in_set[column.doc]], minlength=len(column.names))
        rank = cols.name_rank(facet)
        if rank is None:
            add(facet, _present(counts, column.names, FACET_LIMITS.get(facet)))
        else:  # ordered by (-count, name) in numpy: a common word's facet has thousands of names, 100 shown
            present = np.flatnonzero(counts)
            chosen = present[np.lexsort((rank[present], -counts[present]))[:FACET_LIMITS.get(facet)]]
            ordered_people[facet] = dict(zip([column.names[i] for i in chosen.tolist()], counts[chosen].tolist()))
    facets: dict[str, dict[str, int]] = {}
    for name in FACETS:
        if name in ordered_people:
            facets[name] = ordered_people[name]
            continue
        counter = counters[name]
        if name in ("year", "month", "day"):  # newest first; the others by count
            ordered = sorted(counter.items(), reverse=True)
        else:
            ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        limit = FACET_LIMITS.get(name)
        facets[name] = dict(ordered[:limit] if limit else ordered)
    return passed, facets
