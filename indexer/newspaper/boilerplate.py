"""Page boilerplate (QR footers, slogans, image links, continuation markers) read from a data file."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from indexer.errors import InvalidInput
from indexer.newspaper.script import shadow


@dataclass(frozen=True)
class Boilerplate:
    """Whole-line patterns (anchored ^…$) and inline patterns cut out of a line."""

    line_patterns: tuple[re.Pattern[str], ...]
    inline_patterns: tuple[re.Pattern[str], ...]

    @cached_property
    def _any_line(self) -> re.Pattern[str]:
        """The whole-line patterns as one alternation: one match per line instead of one per pattern."""
        return re.compile("|".join(f"(?:{p.pattern})" for p in self.line_patterns) or r"(?!)")

    def clean_line(self, line: str) -> tuple[str, tuple[str, ...]]:
        """Return the line without boilerplate and the removed parts.

        "扫一扫 关注我们" -> ("", ("扫一扫 关注我们",));
        "…逐一销号。(下转第二版)" -> ("…逐一销号。", ("(下转第二版)",)).
        The patterns are written in Simplified characters and match a line in Traditional ones on its 1:1 Simplified
        shadow, what they cut taken from the line as printed: "字體:放大 還原 縮小" -> ("", ("字體:放大 還原 縮小",)).
        """
        shadowed = shadow(line)
        removed: list[str] = []
        for pattern in self.inline_patterns:
            if pattern.search(shadowed):
                spans = [m.span() for m in pattern.finditer(shadowed) if m.end() > m.start()]
                removed.extend(line[a:b] for a, b in spans)
                line, shadowed = _cut(line, spans), _cut(shadowed, spans)
        stripped = shadowed.strip()
        if stripped and self._any_line.fullmatch(stripped):
            removed.append(line.strip())
            return "", tuple(removed)
        return line, tuple(removed)


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the spans (in order, not overlapping)."""
    out, at = [], 0
    for a, b in spans:
        out.append(text[at:a])
        at = b
    return "".join(out) + text[at:]


def parse_patterns(text: str, where: str = "boilerplate") -> Boilerplate:
    """Compile one regex per non-comment line; anchored ^…$ ones apply to whole lines."""
    whole: list[re.Pattern[str]] = []
    inline: list[re.Pattern[str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            if line.startswith("^") and line.endswith("$") and not line.endswith("\\$"):
                whole.append(re.compile(line[1:-1]))
            else:
                inline.append(re.compile(line))
        except re.error as exc:
            raise InvalidInput(f"{where} line {number}: bad regex {line!r}: {exc}") from None
    found = Boilerplate(tuple(whole), tuple(inline))
    try:
        found._any_line  # noqa: B018 - compiled here, so a clash between patterns (a group name used twice) is named now
    except re.error as exc:
        raise InvalidInput(f"{where}: the whole-line patterns do not combine: {exc}") from None
    return found


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    """The bundled patterns in indexer/newspaper/data/boilerplate.txt."""
    text = resources.files("indexer.newspaper").joinpath("data", "boilerplate.txt").read_text(encoding="utf-8")
    return parse_patterns(text, "indexer/newspaper/data/boilerplate.txt")
