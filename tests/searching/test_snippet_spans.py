"""A hit's highlighted spans are the same as the straightforward regex version computed them.

``indexer.text.highlight.match_spans`` finds whitespace runs with ``str.split()`` instead of a
``\\s+`` regex (same characters, C speed): on any text, with any whitespace, full-width and
Traditional characters, the spans, snippets and highlights must be those of the regex version.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.text import highlight
from indexer.text.normalize import normalize_text

_SPACES = re.compile(r"\s+")
ALPHABET = list("记者宋崇飞摄發展发展报ＡＢab12，,。 　\t\n\r\u2003\u00a0\u2028\u0085")


def reference_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """The spans as the regex version computed them (session 5's code)."""
    norm = normalize_text(text)
    run_starts: list[int] = []
    shifts: list[int] = []
    removed = 0
    for run in _SPACES.finditer(norm):
        run_starts.append(run.start() - removed)
        removed += run.end() - run.start()
        shifts.append(removed)
    compact = _SPACES.sub("", norm) if removed else norm

    def original(i: int) -> int:
        k = bisect_right(run_starts, i)
        return i + shifts[k - 1] if k else i

    spans = []
    for term in terms:
        needle = _SPACES.sub("", normalize_text(term))
        if not needle:
            continue
        start = compact.find(needle)
        while start != -1:
            spans.append((original(start), original(start + len(needle) - 1) + 1))
            start = compact.find(needle, start + 1)
    return highlight._merge(spans)


def test_str_split_whitespace_is_the_regex_whitespace() -> None:
    assert all(bool(_SPACES.fullmatch(chr(c))) == chr(c).isspace() for c in range(0x110000))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4),
                                                         min_size=1, max_size=3))
def test_spans_are_the_regex_versions(text: str, terms: list[str]) -> None:
    assert highlight.match_spans(text, terms) == reference_spans(text, terms)
    assert highlight.highlight(text, terms) == highlight.mark(text, reference_spans(text, terms))
