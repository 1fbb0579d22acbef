"""The recall path's text: what substring matching compares and the bigrams that find candidates.

Every non-space character starts a token: the overlapping bigram it begins, or the
character alone at the end of a paragraph: "李建光" -> 李建 建光 光. A record's
``text``/``title`` index the *set* of its tokens (no positions) beside its
``match_text``; a query string of three or more characters finds the records that
hold all its bigrams, and each is then checked for the string itself
(``indexer.searching.substring``). So a search for any substring finds every record
that contains it, whatever jieba makes of either side: the query "建光" is the token
建光. (The reporter, region and section fields keep positions: there a query's
bigrams match as a phrase.) No Whoosh here: the index and the search side both build on it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from indexer.text.normalize import normalize_text

PARAGRAPH_BREAKS = "\n\r\u2028\u2029"


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
    """A query string's bigram-path tokens, in order: "官卫红" -> ["官卫", "卫红"].

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
