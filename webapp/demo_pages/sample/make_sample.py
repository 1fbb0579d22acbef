"""Write the demo archive's sample pages (示例数据) into this folder.

The pages are INVENTED for the demo: the texts below were written for it in the style of
焦作日报 (news with bylines, briefs, photo captions, commentary columns) about the places in
the gazetteer. Names of reporters, officials and residents are made up; figures are
illustrative. Nothing here is a real article.

    python webapp/demo_pages/sample/make_sample.py [OUT_DIR]   (default: this folder)

Standard library only and deterministic: the same pages every run. Each text below is one
block: a head line ``KIND|field|field[|options]`` and its paragraphs, blocks parted by a
blank line. Kinds: A news with a byline (credit), B brief (writer), C photo caption
(credit, optional title first), P commentary column (author). Options: ``m=6`` in that
month, ``d=6-8`` published on that day, ``y=2020`` in that year. ``{md}`` in a text is
the day before publication ("3月14日"), ``{y}`` the year. The yearly series (``SERIES``)
fill ``<name>`` slots with each year's figures.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
YEARS = list(range(2019, 2025))
WEEKDAYS = "一二三四五六日"
SUFFIX = "_示例数据.txt"
SECTIONS = [(1, "要闻"), (2, "综合"), (3, "县区新闻"), (4, "民生"), (5, "文化·旅游")]
PICTURES = (8, "图片新闻")  # a page of photo captions

sys.path.insert(0, str(HERE))
from texts import SERIES, TEXTS  # noqa: E402  (the hand-written texts, beside this script)


@dataclass
class Item:
    kind: str
    fields: list[str]
    paras: list[str]
    month: int | None = None
    day: int | None = None
    year: int | None = None
    date: dt.date | None = field(default=None, compare=False)

    def render(self, pub: dt.date) -> list[str]:
        event = pub - dt.timedelta(days=1)
        fill = {"md": f"{event.month}月{event.day}日", "y": str(pub.year)}
        paras = [p.format(**fill) for p in self.paras]
        if self.kind == "A":
            headline, credit = self.fields[:2]
            return [headline, f"本报讯（{credit}）{paras[0]}", *paras[1:]]
        if self.kind == "B":
            headline, writer = self.fields[:2]
            return [headline, f"本报讯 {paras[0]}（{writer}）"]
        if self.kind == "C":
            credit, title = self.fields[0], (self.fields[1] if len(self.fields) > 1 else "")
            return ([title] if title else []) + [f"{paras[0]} {credit} 摄"]
        headline, author = self.fields[:2]
        return [headline, f"□ {author}", *paras]


def parse_blocks(text: str) -> list[Item]:
    items = []
    for block in text.strip().split("\n\n"):
        head, *paras = [line.strip() for line in block.strip().splitlines() if line.strip()]
        kind, *parts = head.split("|")
        opts = {p.split("=", 1)[0]: p.split("=", 1)[1] for p in parts if "=" in p[:3]}
        fields = [p for p in parts if "=" not in p[:3]]
        item = Item(kind.strip(), fields, paras)
        if "m" in opts:
            item.month = int(opts["m"])
        if "d" in opts:
            item.month, item.day = (int(x) for x in opts["d"].split("-"))
        if "y" in opts:
            item.year = int(opts["y"])
        items.append(item)
    return items


def series_items() -> list[Item]:
    """The yearly items (高考, 麦收, 国庆假期…): one per year, figures varied per year."""
    items = []
    for template, values in SERIES:
        for year, fill in zip(YEARS, values):
            if fill is None:
                continue
            text = template
            for key, value in fill.items():
                text = text.replace(f"<{key}>", str(value))
            for item in parse_blocks(text):
                item.year = year
                items.append(item)
    return items


def schedule(items: list[Item], rng: random.Random) -> dict[dt.date, list[Item]]:
    """Publication dates: fixed days first, then items of a month join an issue of that month
    (any year unless given), then the rest fill issues to 3–6 records or open new ones."""
    issues: dict[dt.date, list[Item]] = {}

    def year_load(year: int) -> int:
        return sum(len(v) for d, v in issues.items() if d.year == year)

    def quietest_year() -> int:
        return min(YEARS, key=lambda y: (year_load(y), rng.random()))

    for item in (i for i in items if i.day):
        issues.setdefault(dt.date(item.year or quietest_year(), item.month, item.day), []).append(item)
    for item in (i for i in items if i.month and not i.day):
        open_issues = [d for d in issues if d.month == item.month and len(issues[d]) < 5
                       and item.year in (None, d.year)]
        if open_issues:
            date = min(open_issues, key=lambda d: (len(issues[d]), d))
        else:
            date = dt.date(item.year or quietest_year(), item.month, rng.randint(2, 27))
        issues.setdefault(date, []).append(item)
    free = [i for i in items if not i.month]
    for item in free:
        if item.year:
            raise SystemExit(f"y= needs m= or d=: {item.fields}")
    rng.shuffle(free)
    targets = {date: rng.randint(3, 6) for date in sorted(issues)}
    for floor in (3, None):  # every issue to three records first, then to its own size
        for date in sorted(issues):
            while len(issues[date]) < (floor or targets[date]) and free:
                issues[date].append(free.pop())
    while len(free) >= 3:  # new issues in the quietest year
        date = dt.date(quietest_year(), rng.randint(1, 12), rng.randint(2, 27))
        if date not in issues:
            issues[date] = [free.pop() for _ in range(min(len(free), rng.randint(3, 6)))]
    for item in free:
        date = min((d for d in issues if len(issues[d]) < 7), key=lambda d: (len(issues[d]), d))
        issues[date].append(item)
    short = [d for d, v in issues.items() if len(v) < 3]
    if short:
        raise SystemExit(f"issues with fewer than 3 records: {short}")
    return issues


def pages_of(records: list[Item], rng: random.Random) -> list[tuple[int, str, list[Item]]]:
    order = {"A": 0, "B": 1, "C": 2, "P": 3}
    records = sorted(records, key=lambda i: order[i.kind])
    groups = [records] if len(records) <= 7 else [records[: len(records) // 2], records[len(records) // 2:]]
    if len(groups) == 1 and all(i.kind == "C" for i in records):
        return [(*PICTURES, records)]
    start = rng.randrange(len(SECTIONS) - len(groups) + 1)
    return [(SECTIONS[start + n][0], SECTIONS[start + n][1], group) for n, group in enumerate(groups)]


def page_text(pub: dt.date, number: int, section: str, records: list[Item]) -> str:
    lines = [f"焦作日报 | {pub.year}年{pub.month}月{pub.day}日 星期{WEEKDAYS[pub.weekday()]} | 第{number}版 {section}", ""]
    column_started = False
    for item in records:
        if item.kind == "P" and not column_started:
            lines += ["## 时评", ""]
            column_started = True
        for line in item.render(pub):
            lines += [line, ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else HERE
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20190101)
    items = parse_blocks(TEXTS) + series_items()
    for old in out.glob(f"*{SUFFIX}"):
        old.unlink()
    pages = records = 0
    for pub, issue in sorted(schedule(items, rng).items()):
        for number, section, group in pages_of(issue, rng):
            name = f"jzrb_{pub.isoformat()}_{number:02d}{SUFFIX}"
            (out / name).write_text(page_text(pub, number, section, group), "utf-8")
            pages += 1
            records += len(group)
    print(f"{pages} pages, {records} records -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
