"""Score the parser's records against pages whose expected records come from their source.

    python bench/segmentation.py                   # every set under tests/data/segmentation/
    python bench/segmentation.py real --failures   # one set, and what went wrong on each page

Per page: is the record count exact; per headline: precision and recall of the titles; per
record that prints a byline: are its people right (reporters, or a caption's photographers);
and is nothing lost (the CJK characters of the records plus the dropped parts equal the
input's). The acceptance test in tests/newspaper/test_segmentation.py uses ``score_set``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "data" / "segmentation"
sys.path.insert(0, str(ROOT))

from indexer import ParsedPage, parse_page, read_page_file  # noqa: E402

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+|——|[■●◆▲★☆△]")


def squash(text: str) -> str:
    """Compare titles and body starts without whitespace, and without the dash that marks a subtitle (how it is
    printed, not what it says): "坚持创新驱动 建设科技强市" == "坚持创新驱动建设科技强市",
    "老旧小区改造 ——我市老旧小区改造工作纪实" == "老旧小区改造 我市老旧小区改造工作纪实"; likewise a bullet before a
    headline ("■一周洛阳新闻回眸")."""
    return _SPACE.sub("", text or "")


def cjk(text: str) -> Counter[str]:
    return Counter(_CJK.findall(text))


def lost(text: str, page: ParsedPage) -> int:
    """CJK characters of the input that are neither in a record nor in the dropped parts (or extra ones)."""
    kept, want = cjk(page.accounted_text()), cjk(text)
    return sum(((want - kept) + (kept - want)).values())


@dataclass
class PageScore:
    name: str
    expected: int
    got: int
    titles_expected: int = 0
    titles_found: int = 0
    titles_got: int = 0
    titles_right: int = 0
    bylined: int = 0
    people_right: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)


def _people(record: dict) -> list[str]:
    return list(record.get("photographers") if record.get("kind") == "caption" else record.get("reporters") or [])


def _opens(record, start: str) -> bool:
    """The body starts so, or the dateline and body as printed do ("本报讯(记者 朱国庆 文/图)愉快的暑假…": the sets'
    README accepts a body_start from the dateline on or from after the credit)."""
    return squash(record.body).startswith(start) or squash((record.byline or "") + record.body).startswith(start)


def _match(expected: dict, got: list) -> object | None:
    """The parsed record holding an expected record: same title and body start, else same body start, else same title."""
    start = squash(expected.get("body_start", ""))
    title = squash(expected.get("title", ""))
    for test in (
        lambda r: squash(r.title) == title and _opens(r, start),
        lambda r: bool(start) and _opens(r, start),
        lambda r: bool(title) and squash(r.title) == title,
    ):
        for r in got:
            if test(r):
                return r
    return None


def score_page(txt: Path) -> PageScore:
    spec = json.loads(txt.with_name(txt.stem + ".expected.json").read_text(encoding="utf-8"))
    want = spec["records"]
    text = read_page_file(txt)
    page = parse_page(text, txt.name, strict=True)
    got = list(page.records)
    s = PageScore(txt.name, len(want), len(got), lost=lost(text, page))
    if s.expected != s.got:
        s.problems.append(f"records: expected {s.expected}, got {s.got}")
    want_titles = Counter(squash(r["title"]) for r in want if r["title"])
    got_titles = Counter(squash(r.title) for r in got if r.title)
    s.titles_expected, s.titles_got = sum(want_titles.values()), sum(got_titles.values())
    s.titles_found = s.titles_right = sum((want_titles & got_titles).values())
    for t in want_titles - got_titles:
        s.problems.append(f"headline missed: {t}")
    for t in got_titles - want_titles:
        s.problems.append(f"headline wrong: {t}")
    for r in want:
        if not r.get("byline"):
            continue
        s.bylined += 1
        hit = _match(r, got)
        people = (list(hit.photographers) if r.get("kind") == "caption" else list(hit.reporters)) if hit else None
        if people == _people(r):
            s.people_right += 1
        else:
            s.problems.append(f"people of {r['title'] or r.get('body_start', '')[:12]!r}: expected {_people(r)}, got {people}")
    if s.lost:
        s.problems.append(f"{s.lost} characters lost or invented")
    return s


@dataclass
class SetScore:
    pages: list[PageScore]

    @property
    def count_exact(self) -> float:
        return sum(p.expected == p.got for p in self.pages) / max(1, len(self.pages))

    @property
    def headline_precision(self) -> float:
        return sum(p.titles_right for p in self.pages) / max(1, sum(p.titles_got for p in self.pages))

    @property
    def headline_recall(self) -> float:
        return sum(p.titles_found for p in self.pages) / max(1, sum(p.titles_expected for p in self.pages))

    @property
    def people_right(self) -> float:
        return sum(p.people_right for p in self.pages) / max(1, sum(p.bylined for p in self.pages))

    @property
    def nothing_lost(self) -> bool:
        return all(p.lost == 0 for p in self.pages)

    def summary(self) -> str:
        n = len(self.pages)
        return (f"{n} pages, {sum(p.expected for p in self.pages)} records: count exact {self.count_exact:.1%}, "
                f"headline precision {self.headline_precision:.1%} recall {self.headline_recall:.1%}, "
                f"people right {self.people_right:.1%} of {sum(p.bylined for p in self.pages)} bylined, "
                f"nothing lost: {'yes' if self.nothing_lost else 'NO'}")


def pages_of(name: str | None = None) -> list[Path]:
    folders = [SETS / name] if name else sorted(p for p in SETS.iterdir() if p.is_dir() and any(p.glob("*.txt")))
    return sorted(p for folder in folders for p in folder.glob("*.txt"))


def score_set(name: str | None = None) -> SetScore:
    return SetScore([score_page(p) for p in pages_of(name)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help="set folders under tests/data/segmentation (default: each, then all)")
    ap.add_argument("--failures", action="store_true", help="list what went wrong on each page")
    args = ap.parse_args(argv)
    names = args.sets or [p.name for p in sorted(SETS.iterdir()) if p.is_dir() and any(p.glob("*.txt"))]
    everything: list[PageScore] = []
    for name in names:
        scored = score_set(name)
        everything.extend(scored.pages)
        print(f"{name:>8}: {scored.summary()}")
        if args.failures:
            for p in scored.pages:
                for problem in p.problems:
                    print(f"          {p.name}: {problem}")
    if len(names) > 1:
        print(f"{'all':>8}: {SetScore(everything).summary()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
