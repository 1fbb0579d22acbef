"""Experiment: what "match once, rank cheaply" would cost, against today's ``search()``.

For a few relevance queries of the mix, on a warm index, median of N runs:

* ``search()`` as the site runs it (match + facets + exhaustive ranking + page);
* recall only: the bigram queries alone (no boost subtrees) through ``docs_for_query``;
* rank only the page: an ``Or`` of the jieba words (plain term queries, Whoosh's
  quality bounds are valid for them) with ``limit=need`` and quality optimisations on,
  restricted to the recall set.

    nice -n 10 python bench/experiments/exp_rank.py bench/out/ix10k/ours [RUNS]
"""
from __future__ import annotations

import logging
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore")

QUERIES = [("common word", ["发展"], 1), ("AND", ["科技", "企业"], 1), ("page 50", ["工作"], 50)]


def main(argv: list[str]) -> int:
    import jieba
    from whoosh import query as wq

    from indexer.searching.service import SearchQuery, search
    from indexer.searching.translate import gram_query, word_query
    from indexer.searching.snapshot import Archive

    jieba.setLogLevel(logging.WARNING)
    index_dir = argv[0]
    runs = int(argv[1]) if len(argv) > 1 else 15
    archive = Archive(index_dir)
    snap = archive.snapshot()
    searcher = snap.searcher

    def median_ms(fn) -> float:
        fn()
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times)

    print("| query | search() p50 ms | recall only (match all) ms | rank page only (words, quality on) ms | same top-20 ids as search() |")
    print("|---|---|---|---|---|")
    for kind, terms, page in QUERIES:
        need = page * 20
        q = SearchQuery(q=" ".join(terms), page=page)
        full = median_ms(lambda: search(archive, q))
        recall_q = wq.And([gram_query("text", t) for t in terms]) if len(terms) > 1 else gram_query("text", terms[0])
        words_q = wq.Or([w for t in terms for w in (word_query("words", t), word_query("title_words", t)) if w])
        recall = set(searcher.docs_for_query(recall_q))
        match_ms = median_ms(lambda: set(searcher.docs_for_query(recall_q)))
        rank_ms = median_ms(lambda: searcher.search(words_q, limit=need, filter=recall))
        top_new = [h.docnum for h in searcher.search(words_q, limit=need, filter=recall)][need - 20:need]
        top_old = [h.id for h in search(archive, q).hits]
        ids_new = [searcher.stored_fields(d)["id"] for d in top_new]
        same = sum(1 for a, b in zip(ids_new, top_old) if a == b)
        print(f"| {kind} (page {page}) | {full:.1f} | {match_ms:.1f} | {rank_ms:.1f} | {same}/20 |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
