"""Whoosh tokenizers for the two text paths of the index.

* ``GramTokenizer`` (recall): ``indexer.text.grams.gram_spans`` as Whoosh tokens.
* ``JiebaTokenizer`` (ranking): jieba search-mode words, so documents that contain
  the query as a *word* score above those that merely contain the characters.

Both follow Whoosh's tokenizer protocol: ordinal positions 0, 1, 2…, and they honour
``positions``, ``chars``, ``mode`` and ``removestops``. Input is expected already
normalised by ``indexer.text.normalize.normalize_text``; both tokenizers normalise
again (cheap, idempotent) so a raw query string is safe too.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Composable, Token, Tokenizer

from indexer.text.grams import gram_spans
from indexer.text.normalize import normalize_text
from indexer.text.words import word_spans


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
        spans: Iterator[tuple[str, int, int]]
        if not tokenize:
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
