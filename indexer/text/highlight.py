"""Highlighting by substring over normalised text, so every kind of match is marked.

Whoosh's highlighter re-tokenizes and drops overlapping bigrams (官卫红 would
light up only 官卫); matching the normalised query strings directly marks all
of 官卫红, phrases, digits and Latin alike, at the right offsets because
normalisation keeps one character per character. Whitespace in the text is
skipped when matching, as it is by the index: "记者宋崇飞" marks "记者 宋崇飞".
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape

from indexer.text.normalize import normalize_text

Span = tuple[int, int]


def match_spans(text: str, terms: Iterable[str]) -> list[Span]:
    """Merged, sorted ``(start, end)`` spans of ``text`` where any term occurs.

    Matching runs on the text without its whitespace; an offset there maps back through
    the whitespace runs before it (a few per text), not through a per-character list:
    "本报记者 宋崇飞 摄" has two runs, and 记者宋崇飞 at compact 2..7 maps to 2..8. The
    runs are found with ``str.split()`` (the same characters as ``\\s``, at C speed: a regex
    pass over a long text cost more than the rest of the snippet).
    """
    norm = normalize_text(text)
    pieces = norm.split()
    compact = "".join(pieces)
    run_starts: list[int] = []  # compact offset of the first character after each whitespace run
    shifts: list[int] = []  # whitespace removed up to and including that run
    if len(compact) != len(norm):
        pos = removed = at = 0
        for piece in pieces:
            start = norm.find(piece, pos)  # what lies between is one whitespace run
            if start > pos:
                removed += start - pos
                run_starts.append(at)
                shifts.append(removed)
            at += len(piece)
            pos = start + len(piece)

    def original(i: int) -> int:
        k = bisect_right(run_starts, i)
        return i + shifts[k - 1] if k else i

    spans: list[Span] = []
    for term in terms:
        needle = _needle(term)
        if not needle:
            continue
        start = compact.find(needle)
        while start != -1:
            spans.append((original(start), original(start + len(needle) - 1) + 1))
            start = compact.find(needle, start + 1)
    return _merge(spans)


@lru_cache(maxsize=256)
def _needle(term: str) -> str:
    """A query term as it is looked for: normalised, whitespace removed (a page of hits asks for the same few)."""
    return "".join(normalize_text(term).split())


def _merge(spans: list[Span]) -> list[Span]:
    spans.sort()
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: Sequence[Span], start: int = 0, end: int | None = None) -> str:
    """HTML-escape ``text[start:end]``, wrapping the spans in ``<mark>``."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, terms: Iterable[str]) -> str:
    """The whole text, escaped, every match marked."""
    return mark(text, match_spans(text, terms))


def snippet(text: str, terms: Sequence[str], width: int = 140) -> str:
    """An escaped excerpt of about ``width`` characters around the densest matches."""
    text = text.replace("\n", " ")
    spans = match_spans(text, terms)
    if not spans:
        cut = text[:width]
        return escape(cut) + ("…" if len(text) > width else "")
    starts = [s for s, _ in spans]  # sorted: spans are merged
    best_start, best_count = spans[0][0], 0
    for i, s in enumerate(starts):
        count = bisect_left(starts, s + width, i) - i  # spans from the i-th starting within the window
        if count > best_count:
            best_start, best_count = s, count
    start = max(0, min(best_start - width // 4, len(text) - width))
    end = min(len(text), start + width)
    body = mark(text, spans, start, end)
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
