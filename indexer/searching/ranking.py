"""Result order: relevance (the query's words and headline strings, Whoosh's own scores read as arrays) or date."""
from __future__ import annotations

import numpy as np
from whoosh import query as wq

from indexer.searching.cache import cached
from indexer.searching.facets import FacetColumns
from indexer.searching.querylang import ParsedQuery
from indexer.searching.snapshot import Snapshot
from indexer.searching.translate import gram_query, word_query
from indexer.searching.vecmatch import query_scores

HEADLINE_SCORE = 5.0  # what containing a query string in the headline adds to a record's score


def ranking_query(parsed: ParsedQuery) -> wq.Query | None:
    """What orders the matches: the query's words (body and headline) and its strings in headlines."""
    queries = [q for term in parsed.highlight_terms
               for q in (word_query("words", term), word_query("title_words", term), _headline_query(term))
               if q is not None]
    return wq.Or(queries) if queries else None


def _headline_query(term: str) -> wq.Query | None:
    query = gram_query("title", term)
    return None if query is None else wq.ConstantScoreQuery(query, HEADLINE_SCORE)


def _ranking_scores(snap: Snapshot, ranking: wq.Query) -> tuple[np.ndarray, np.ndarray]:
    """Every document the ranking query matches, with its score (read as arrays, see ``indexer.searching.vecmatch``)."""
    return cached(snap, ("rank", repr(ranking)), lambda: query_scores(snap.searcher, ranking),
                  lambda v: len(v[0]))


def ranked(snap: Snapshot, ranking: wq.Query | None, passed: np.ndarray, need: int | None) -> np.ndarray:
    """``passed`` in relevance order: records the ranking query scores, best first, then the rest newest first.

    Exactly what Whoosh's collectors gave with ``replace=0, usequality=False``
    (every match scored, best score first, ties by docnum): the scores are
    Whoosh's own, computed over arrays instead of one posting at a time.
    """
    cols = snap.columns
    in_passed = np.zeros(cols.n, bool)
    in_passed[passed] = True
    order_ids = np.zeros(0, np.int64)
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
        order_ids = ids[order[:need] if need is not None else order]
    if need is None or len(order_ids) < need:
        in_passed[order_ids] = False
        rest = passed[in_passed[passed]]
        order_ids = np.concatenate([order_ids, by_date(cols, rest, newest=True,
                                                       need=None if need is None else need - len(order_ids))])
    return order_ids


def by_date(cols: FacetColumns, docs: np.ndarray, newest: bool, need: int | None = None) -> np.ndarray:
    """Docs by publication date, then page file and position on the page (then docnum); the first ``need`` suffice."""
    rank = cols.date_rank(newest)[docs]
    if need is not None and 0 < need and len(docs) > 2 * need:
        first = np.argpartition(rank, need - 1)[:need]
        return docs[first[np.argsort(rank[first])]]
    return docs[np.argsort(rank)]
