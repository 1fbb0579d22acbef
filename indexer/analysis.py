"""Tokenizers for the two text paths of the index.

* ``GramTokenizer`` (recall): every non-space character starts a token: the
  overlapping bigram it begins, or the character alone at the end of a
  paragraph. A query string is matched as the phrase of its bigrams, so a search
  for any substring finds every record that contains it, whatever jieba makes of
  either side: "李建光" -> 李建 建光 光; the query "建光" is the token 建光.
* ``JiebaTokenizer`` (ranking): jieba search-mode words, so documents that
  contain the query as a *word* score above those that merely contain the
  characters.

Both follow Whoosh's tokenizer protocol: ordinal positions 0, 1, 2…, and they
honour ``positions``, ``chars``, ``mode`` and ``removestops``. Input is expected
already normalised by ``indexer.normalize.normalize_text``; both tokenizers
normalise again (cheap, idempotent) so a raw query string is safe too.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from whoosh.analysis import Composable, Token, Tokenizer

from indexer.normalize import normalize_text

PARAGRAPH_BREAKS = "\n\r\u2028\u2029"


class Pretokenized(str):
    """A field value whose tokens were computed elsewhere (an ingest worker process)."""

    tokens: list[str]

    def __new__(cls, tokens: list[str]) -> Pretokenized:
        obj = super().__new__(cls, "")
        obj.tokens = tokens
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Pretokenized, (self.tokens,))


def _emit(token: Token, texts: Iterator[tuple[str, int, int]], positions: bool, chars: bool,
          start_pos: int, start_char: int) -> Iterator[Token]:
    for pos, (text, start, end) in enumerate(texts, start_pos):
        token.text = text
        token.boost = 1.0
        token.stopped = False
        if positions:
            token.pos = pos
        if chars:
            token.startchar = start_char + start
            token.endchar = start_char + end
        yield token


def gram_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(token, start, end)`` for the bigram path; whitespace is skipped.

    "示范区 吕沛\\n官卫红" -> 示范 范区 区吕 吕沛 沛 | 官卫 卫红 红
    """
    norm = normalize_text(text)
    for para_start, para in _paragraphs(norm):
        idx = [i for i, ch in enumerate(para) if not ch.isspace()]
        last = len(idx) - 1
        for n, i in enumerate(idx):
            if n < last:
                j = idx[n + 1]
                yield para[i] + para[j], para_start + i, para_start + j + 1
            else:
                yield para[i], para_start + i, para_start + i + 1


def gram_texts(text: str) -> list[str]:
    """The bigram-path token texts of ``text``, in order."""
    return [t for t, _, _ in gram_spans(text)]


_PARAGRAPH_SPLIT = re.compile("[" + PARAGRAPH_BREAKS + "]")
_SPACES = re.compile(r"\s+")  # the same characters as str.isspace()


def match_text(text: str) -> str:
    """What substring matching compares against: normalised, whitespace removed, one line per paragraph.

    "示范区 吕沛\n官卫红" -> "示范区吕沛\n官卫红". A query string (normalised, without
    whitespace) matches a record exactly when it is a substring of this text.
    """
    paras = (_SPACES.sub("", p) for p in _PARAGRAPH_SPLIT.split(normalize_text(text)))
    return "\n".join(p for p in paras if p)


def gram_set(matched: str) -> list[str]:
    """The distinct bigram-path terms of a ``match_text``: its bigrams and each line's last character.

    Equal to ``set(gram_texts(text))`` for ``matched = match_text(text)``, computed far faster.
    """
    grams: set[str] = set()
    if not matched:
        return []
    for line in matched.split("\n"):
        grams.update(line[i:i + 2] for i in range(len(line) - 1))
        grams.add(line[-1])
    return list(grams)


def query_needle(text: str) -> str:
    """A query string as it is looked for in ``match_text``: normalised, whitespace removed."""
    return "".join(ch for ch in normalize_text(text) if not ch.isspace())


def query_grams(text: str) -> list[str]:
    """The tokens a query string must match in sequence: "官卫红" -> ["官卫", "卫红"].

    A single character gives ``[char]``, to be matched as a prefix of the bigrams.
    """
    chars = [ch for ch in normalize_text(text) if not ch.isspace()]
    if len(chars) <= 1:
        return chars
    return [a + b for a, b in zip(chars, chars[1:])]


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for i, ch in enumerate(text):
        if ch in PARAGRAPH_BREAKS:
            if i > start:
                yield start, text[start:i]
            start = i + 1
    if start < len(text):
        yield start, text[start:]


class _SpanTokenizer(Tokenizer):
    """Whoosh's tokenizer protocol over a ``spans(text, mode)`` function."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def spans(self, text: str, mode: str) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if isinstance(value, Pretokenized):
            spans: Iterator[tuple[str, int, int]] = ((t, 0, 0) for t in value.tokens)
        elif not tokenize:
            spans = iter([(normalize_text(value), 0, len(value))])
        else:
            spans = self.spans(value, mode)
        for tok in _emit(token, spans, positions, chars, start_pos, start_char):
            if keeporiginal:
                tok.original = tok.text
            yield tok


class GramTokenizer(_SpanTokenizer):
    """Overlapping character bigrams (plus a paragraph's last character)."""

    def spans(self, text: str, mode: str) -> Iterator[tuple[str, int, int]]:
        return gram_spans(text)


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


class JiebaTokenizer(_SpanTokenizer):
    """jieba segmentation with ordinal positions (the stock ChineseAnalyzer stores offsets)."""

    def spans(self, text: str, mode: str) -> Iterator[tuple[str, int, int]]:
        return word_spans(text, "query" if mode == "query" else "index")


def GramAnalyzer() -> Composable:
    """The recall path's analyzer."""
    return GramTokenizer()


def WordAnalyzer() -> Composable:
    """The ranking path's analyzer."""
    return JiebaTokenizer()
