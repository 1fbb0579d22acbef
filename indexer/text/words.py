"""The ranking path's words: rjieba (the Rust port of jieba, same dictionary) at index and query time.

Python jieba is loaded only for ``word_spans(text, "index")`` (Whoosh's analyzer at
index time): its dictionary takes 0.5-0.8 s and +67 MB to load, which a search
does not need (``rjieba``'s loads in about a tenth of that).
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from indexer.text.normalize import normalize_text


@cache
def load_jieba() -> Any:
    """jieba with its dictionary loaded and its start-up chatter on stderr silenced."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    import rjieba

    rjieba.cut("初始化", True)  # loads its dictionary now, before ingest workers fork
    return jieba


@cache
def load_rjieba() -> Any:
    """rjieba, its dictionary loaded (at import): all a search needs to cut a query into words."""
    import rjieba

    rjieba.cut("初始化", True)
    return rjieba


def word_spans(text: str, mode: str = "index") -> Iterator[tuple[str, int, int]]:
    """Words with offsets; search mode at index time adds the sub-words.

    "清华大学核能与新能源技术研究院" -> 清华 华大 大学 清华大学 核能 … 新能源 … (index, jieba);
    "0-6岁残疾儿童" -> 0-6 岁 残疾 儿童 (query, rjieba: Latin/digit runs joined by "-", "_"
    or "." stay one word, as ``word_texts`` indexes them; jieba would give 0 6 岁 …).
    Tokens without a letter, digit or CJK character (punctuation) are dropped.
    """
    norm = normalize_text(text)
    if mode == "query":
        tokens = load_rjieba().tokenize(norm, "default", True)
    else:
        tokens = load_jieba().tokenize(norm, mode="search")
    for word, start, end in tokens:
        if any(ch.isalnum() for ch in word):
            yield word.strip(), start, end


def word_texts(text: str) -> list[str]:
    """The word-path token texts of ``text`` (index mode), as ``word_spans(text, "index")`` gives them.

    Computed with rjieba, the Rust port of jieba with the same dictionary and
    HMM: the same words (tests/test_analysis.py checks it on the sample pages)
    about 30x faster, and jieba was 84% of an ingest worker's time. Order may
    differ; the words field keeps counts, not positions.
    """
    import rjieba

    return [w.strip() for w in rjieba.cut_for_search(normalize_text(text), True)
            if any(ch.isalnum() for ch in w)]
