"""Ranking and matching read from the query tree (no Whoosh matchers) give exactly Whoosh's results.

``vecmatch.query_scores`` scores a ranking query from cached postings arrays and
``vecmatch.query_docnums`` matches a recall query the same way; both must equal
what Whoosh itself computes on a real index: the same documents, the same
floats (a sum taken in another order differs in the last bit, and can swap two
hits), the same result order. The index has one segment of more than 5,000
documents (Whoosh then joins an ``Or``'s parts in a tree weighted by their
sizes) and a small one with deletions (there it preloads the parts' sum), so
both of Whoosh's ways of scoring an ``Or`` are compared.
"""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import collectors
from whoosh import query as wq

from helpers import NAMES, WORDS, generated_records
from indexer.index.ingest import record_documents
from indexer.index.segwriter import FastWriter
from indexer.index.store import create_or_open_index, current_settings
from indexer.records import Record
from indexer.searching import vecmatch
from indexer.searching.querylang import parse_query
from indexer.searching.ranking import HEADLINE_SCORE, ranked, ranking_query
from indexer.searching.snapshot import Archive
from indexer.searching.substring import substring_query
from indexer.searching.translate import to_whoosh
from indexer.text.words import word_spans

BIG = 5200  # past Whoosh's 5,000 documents: an Or becomes a weighted tree of unions


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, list[Record]]:
    index_dir = tmp_path_factory.mktemp("ranking-arrays")
    records = generated_records(BIG + 300, seed=23)
    # short texts keep the build quick; titles keep their words and names (headline boost)
    records = [dataclasses.replace(r, body=r.body.split("\n")[0][:80]) for r in records]
    ix = create_or_open_index(index_dir, current_settings("0" * 64))
    writer = FastWriter(ix, compound=False)  # as ingest writes (postings cached); the small one compound (not)
    for n, record in enumerate(records[:BIG]):
        writer.add_document(**record_documents(record, n % 7, f"/gen/{record.source}", "h"))
    writer.commit(merge=False)
    writer = create_or_open_index(index_dir, current_settings("0" * 64)).writer()
    for record in records[:BIG:41]:  # deletions in the big segment
        writer.delete_by_term("id", record.id)
    for n, record in enumerate(records[BIG:]):
        writer.add_document(**record_documents(record, n % 7, f"/gen/{record.source}", "h"))
    writer.commit(merge=False)
    arch = Archive(index_dir)
    leaves = arch.snapshot().searcher.ixreader.leaf_readers()
    assert [r.doc_count_all() for r, _ in leaves] == [BIG, 300] and leaves[0][0].has_deletions()
    yield arch, records
    arch.close()


def _query_strings(records: list[Record], n: int, seed: int) -> list[str]:
    """Words, names, 3-6 character cuts of the texts, pairs and ORs of them, as a user would type them."""
    rng = random.Random(seed)
    pieces = list(WORDS) + list(NAMES)
    for _ in range(80):
        text = rng.choice(records).body
        if len(text) >= 6:
            start = rng.randrange(len(text) - 5)
            pieces.append(text[start:start + rng.randint(3, 6)])
        words = [w for w, _, _ in word_spans(rng.choice(records).title, "query")]
        if words:
            pieces.append(rng.choice(words))
    out = []
    for _ in range(n):
        shape = rng.random()
        if shape < 0.4:
            out.append(rng.choice(pieces))
        elif shape < 0.7:
            out.append(" ".join(rng.sample(pieces, rng.randint(2, 4))))
        else:
            out.append(" OR ".join(rng.sample(pieces, rng.randint(2, 3))))
    return out


def _whoosh_scores(searcher, q) -> list[tuple[int, float]]:
    """Every document Whoosh's own collector scores, best first (ties by docnum), with its score."""
    collector = collectors.UnlimitedCollector()
    collector.replace = 0
    searcher.search_with_collector(q, collector)
    return [(hit.docnum, hit.score) for hit in collector.results()]


def _array_scores(searcher, q) -> list[tuple[int, float]]:
    ids, scores = vecmatch.query_scores(searcher, q)
    order = np.lexsort((ids, -scores))
    return list(zip(ids[order].tolist(), scores[order].tolist()))


def test_ranking_scores_are_whooshs_floats_for_many_queries(archive: tuple[Archive, list[Record]]) -> None:
    arch, records = archive
    snap = arch.snapshot()
    searcher = snap.searcher
    checked = 0
    for text in _query_strings(records, 160, seed=5):
        parsed = parse_query(text)
        ranking = ranking_query(parsed)
        if ranking is None:
            continue
        expected = _whoosh_scores(searcher, ranking)
        assert _array_scores(searcher, ranking) == expected, text  # exact floats, same order
        # and the page order the search shows: the best 20 among what the recall query matched
        passed = vecmatch.query_docnums(searcher, to_whoosh(parsed.tree))
        allowed = set(passed.tolist())
        top = [d for d, _ in expected if d in allowed][:20]
        assert ranked(snap, ranking, passed, 20).tolist()[:len(top)] == top, text
        checked += 1
    assert checked > 140


def test_matching_is_whooshs_for_many_queries(archive: tuple[Archive, list[Record]]) -> None:
    arch, records = archive
    searcher = arch.snapshot().searcher
    for text in _query_strings(records, 160, seed=6) + ["标题:发展", "记者:李", "日期:2000..", "发展 -项目"]:
        q = to_whoosh(parse_query(text).tree)
        got = vecmatch.query_docnums(searcher, q).tolist()
        assert got == vecmatch.matcher_docnums(searcher, q).tolist(), text
        if "-" not in text:  # Whoosh's AndNotMatcher keeps a false positive or two (test_search_speed_paths)
            assert got == sorted(searcher.docs_for_query(q)), text


def test_or_trees_with_equal_weights_add_up_in_whooshs_order(archive: tuple[Archive, list[Record]]) -> None:
    """Many parts, several of one document frequency: the tree's shape (and so the order of the additions)
    follows Whoosh's stable sort by weight; parts missing from a segment, constant scores and nested Ors too."""
    arch, _ = archive
    searcher = arch.snapshot().searcher
    reader = searcher.ixreader.leaf_readers()[0][0]
    by_frequency: dict[int, list[str]] = {}
    for term, info in reader.iter_field("words"):
        by_frequency.setdefault(info.doc_frequency(), []).append(term)
    ties = [terms for terms in by_frequency.values() if len(terms) >= 3]
    assert ties and len(by_frequency[1]) >= 2  # one-document terms: inlined in the term table, read without blocks
    rng = random.Random(9)
    for _ in range(40):
        parts: list[wq.Query] = []
        for terms in rng.sample(ties, min(3, len(ties))):
            parts += [wq.Term(rng.choice(("words", "title_words")), t) for t in rng.sample(terms, 3)]
        parts += [wq.Term("words", t) for t in rng.sample(by_frequency[1], 2)]
        parts.append(wq.Term("words", "没有这个词"))
        parts.append(wq.ConstantScoreQuery(substring_query("title", rng.choice(WORDS + NAMES)), HEADLINE_SCORE))
        rng.shuffle(parts)
        q = wq.Or([wq.Or(parts[:4]), wq.Or(parts[4:]), parts[0]])
        assert _array_scores(searcher, q) == _whoosh_scores(searcher, q)
        assert _array_scores(searcher, wq.Or(parts)) == _whoosh_scores(searcher, wq.Or(parts))


def test_term_postings_are_cached_and_the_cache_changes_nothing(archive: tuple[Archive, list[Record]],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    arch, records = archive
    searcher = arch.snapshot().searcher
    queries = [ranking_query(parse_query(t)) for t in _query_strings(records, 30, seed=7)]
    queries = [q for q in queries if q is not None]
    vecmatch.clear_postings_cache()
    first = [_array_scores(searcher, q) for q in queries]
    filled = vecmatch.postings_cache_entries()
    assert filled > 0
    assert [_array_scores(searcher, q) for q in queries] == first
    assert vecmatch.postings_cache_entries() == filled  # the second pass read no term table
    monkeypatch.setattr(vecmatch, "POSTINGS_CACHE_BYTES", 0)  # no cache at all: the same floats
    assert [_array_scores(searcher, q) for q in queries] == first
    vecmatch.clear_postings_cache()
