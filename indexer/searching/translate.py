"""The query language's syntax tree -> the Whoosh query that finds the matching records (recall only).

Every string is found as a substring through the bigram fields
(``indexer.searching.substring``), so recall never depends on jieba; the
jieba-word queries built here (``word_query``) only order what was found
(``indexer.searching.ranking``).
"""
from __future__ import annotations

from whoosh import query as wq

from indexer.searching.facets import KIND_ALIASES
from indexer.searching.querylang import And, DateRange, Node, Not, Or, Text
from indexer.searching.substring import MATCH_COLUMNS, substring_query
from indexer.text.grams import query_grams
from indexer.text.words import word_spans


def gram_query(fieldname: str, value: str) -> wq.Query | None:
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


def word_query(fieldname: str, value: str) -> wq.Query | None:
    """Any of the jieba words of ``value`` in ``fieldname``: "市科技局" -> Or(市, 科技局)."""
    words = list(dict.fromkeys(w for w, _, _ in word_spans(value, "query")))
    if not words:
        return None
    return wq.Or([wq.Term(fieldname, w) for w in words])


def _text_query(node: Text) -> wq.Query:
    if node.field == "kind":
        kind = KIND_ALIASES.get(node.value.lower())
        return wq.Term("kind", kind) if kind else wq.NullQuery
    return gram_query(node.field or "text", node.value) or wq.NullQuery


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
