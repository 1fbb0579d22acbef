"""The ranking path's words: jieba (query time, with offsets) and rjieba (index time, same dictionary)."""
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


def word_spans(text: str, mode: str = "index") -> Iterator[tuple[str, int, int]]:
    """jieba words with offsets; search mode at index time adds the sub-words.

    "清华大学核能与新能源技术研究院" -> 清华 华大 大学 清华大学 核能 … 新能源 …
    Tokens without a letter, digit or CJK character (punctuation) are dropped.
    """
    jieba = load_jieba()
    norm = normalize_text(text)
    jieba_mode = "search" if mode != "query" else "default"
    for word, start, end in jieba.tokenize(norm, mode=jieba_mode):
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
