"""Text normalisation shared by indexing and querying, one character at a time.

Every character maps to exactly one character, so an offset into the normalised
text is the same offset into the original: highlights computed on normalised
text land on the right characters of the stored text.

    "焦作日報 ＳＯＥＣ ９２４４．２万元" -> "焦作日报 soec 9244.2万元"
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# The map as computed by ``build_table`` (6,672 characters), so a fresh process reads 39 KB
# instead of folding 63k code points and running OpenCC (0.15-0.2 s of every cold search).
# Regenerate with ``python -m indexer.text.normalize`` after a Python or OpenCC upgrade;
# tests/text/test_normalize_table.py fails while it is stale.
TABLE_FILE = Path(__file__).with_name("data") / "fold_table.json"


def _fold_char(ch: str) -> str:
    """NFKC then lower-case one character, keeping it if either would change the length."""
    nfkc = unicodedata.normalize("NFKC", ch)
    if len(nfkc) != 1:
        nfkc = ch
    lower = nfkc.lower()
    return lower if len(lower) == 1 else nfkc


@cache
def _table() -> dict[int, str]:
    """The character map: read from ``TABLE_FILE`` when it was built with this Unicode version, else built."""
    try:
        data = json.loads(TABLE_FILE.read_text("utf-8"))
        if data["unidata_version"] == unicodedata.unidata_version and len(data["from"]) == len(data["to"]):
            return {ord(a): b for a, b in zip(data["from"], data["to"])}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return build_table()


def build_table() -> dict[int, str]:
    """The full character map: NFKC + case folding + Traditional -> Simplified (OpenCC t2s)."""
    import opencc

    table: dict[int, str] = {}
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        folded = _fold_char(ch)
        if unicodedata.category(folded) == "Zs":  # "\u3000" (ideographic space) -> " "
            folded = " "
        if folded != ch:
            table[cp] = folded
    # Traditional -> Simplified, character by character: each CJK character is
    # converted on its own line, so OpenCC cannot apply phrase rules across them.
    cjk = [chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi + 1)]
    cjk = [table.get(ord(c), c) for c in cjk]
    converted = opencc.OpenCC("t2s").convert("\n".join(cjk)).split("\n")
    if len(converted) == len(cjk):
        for lo_ch, simp in zip((chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi + 1)), converted):
            if len(simp) == 1 and simp != lo_ch:
                table[ord(lo_ch)] = simp
    # Chain: a compatibility ideograph NFKC-maps to a traditional form, which then simplifies.
    for cp, mapped in list(table.items()):
        if len(mapped) == 1 and ord(mapped) in table:
            table[cp] = table[ord(mapped)]
    return table


@cache
def simplified_map() -> dict[int, str]:
    """Traditional -> Simplified for CJK characters only, one character each ("報" -> "报"); punctuation, width
    and case are left alone (the parser reads credits on a Simplified shadow of a Traditional page)."""
    cjk = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
    return {cp: to for cp, to in _table().items() if cjk.match(chr(cp)) and cjk.match(to) and chr(cp) != to}


@cache
def _normalizer() -> Callable[[str], str]:
    """``text.translate(table)``, applied only to the runs of characters the table changes.

    ``str.translate`` looks every character up in the dict (about 0.15 ms for 1,000
    characters); Chinese text has a few such runs (full-width ，（：, Latin capitals,
    traditional forms), found by one regex scan: the same result about 3x faster.
    """
    table = _table()
    ranges: list[list[int]] = []
    for cp in sorted(table):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    members = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    sub = re.compile(f"[{members}]+").sub

    def fold_run(match: re.Match[str]) -> str:
        return match.group().translate(table)

    return lambda text: sub(fold_run, text)


def normalize_text(text: str) -> str:
    """Return ``text`` folded for matching; ``len(result) == len(text)`` always holds."""
    return _normalizer()(text)



def write_table(path: Path = TABLE_FILE) -> int:
    """Write ``build_table()`` to ``path`` (every value is one character); returns the entries written."""
    from importlib.metadata import version

    table = build_table()
    keys = sorted(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"unidata_version": unicodedata.unidata_version, "opencc": version("opencc"),
                                "from": "".join(map(chr, keys)), "to": "".join(table[k] for k in keys)},
                               ensure_ascii=False) + "\n", "utf-8")
    return len(keys)


if __name__ == "__main__":
    print(f"{write_table()} characters -> {TABLE_FILE}")
