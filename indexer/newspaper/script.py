"""Pages printed in Traditional characters, read with the same rules: a 1:1 Simplified shadow for matching.

The credit and header matchers are written for Simplified forms ("本报讯", "记者", "日报"). On a page in
Traditional script ("【本報消息】", "記者 蘇榕蓉", "香港文匯報") they run on a shadow of the line in which every
Traditional character is replaced by its one Simplified character, so offsets agree, and what they return is
read back from the line as printed: "本報訊（記者 蘇榕蓉）" -> credit "本報訊（記者 蘇榕蓉）", reporters ("蘇榕蓉",).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from indexer.text.normalize import simplified_map

T = TypeVar("T")


@functools.cache
def _map() -> tuple[dict[int, str], re.Pattern[str]]:
    """Traditional -> Simplified for CJK characters only (punctuation and width are left as printed)."""
    table = simplified_map()
    members = "".join(re.escape(chr(cp)) for cp in sorted(table))
    return table, re.compile(f"[{members}]")


def shadow(text: str) -> str:
    """The text with each Traditional character replaced by its Simplified one ("本報" -> "本报"); same length."""
    table, traditional = _map()
    return text.translate(table) if traditional.search(text) else text


def back(printed: str, shadowed: str, found: str) -> str:
    """``found`` (a piece of ``shadowed``, perhaps with spaces taken out) as printed in ``printed``."""
    if not found or printed == shadowed:
        return found
    at = shadowed.find(found)
    if at >= 0:
        return printed[at:at + len(found)]
    m = re.search(r"\s*".join(map(re.escape, found.replace(" ", "").replace("\u3000", ""))), shadowed)
    if m is None:
        return found
    return re.sub(r"[ \u3000]+", "", printed[m.start():m.end()]) if " " not in found else printed[m.start():m.end()]


def read_back(value: T, printed: str, shadowed: str) -> T:
    """Every string in a matcher's result (strings, tuples, dataclasses of them) read back as printed."""
    if isinstance(value, str):
        return back(printed, shadowed, value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(read_back(v, printed, shadowed) for v in value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [read_back(v, printed, shadowed) for v in value]  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: read_back(getattr(value, f.name), printed, shadowed) for f in fields(value)})
    return value


def either_script(match: Callable[..., T]) -> Callable[..., T]:
    """Run ``match`` on the Simplified shadow of its text (the first argument) when it has Traditional characters."""
    @functools.wraps(match)
    def wrapper(text: str, *args: object, **kwargs: object) -> T:
        shadowed = shadow(text)
        if shadowed == text:
            return match(text, *args, **kwargs)
        return read_back(match(shadowed, *args, **kwargs), text, shadowed)
    return wrapper
