"""Lay out real 人民日报 articles as segmentation test pages (tests/data/segmentation/rmrb/).

Input: ``rmrb_source/edition_YYYY-MM-DD.json`` -- articles copied from the public repository
``ihmsje/rmrb-dashboard`` (``data/edition_YYYY-MM-DD.json``; commits listed in
``rmrb_source/README.md`` and below), each ``{"title", "page", "content", "url"}`` with the content
cut to its first paragraphs. The expected records come from the dump's own article boundaries
(one record per dump item), never from baokan's parser.

Output: ``rmrb/rmrb_YYYYMMDD_NN.txt`` plus ``.expected.json`` (format: README.md in this folder).
Each edition is cut into pages of 6 articles in source order (so a page holds one source page's
articles, or the end of one and the start of the next); a remainder of fewer than 3 articles is
added to the edition's last page. Layouts (``LAYOUTS``) are dealt out deterministically: about
half the pages "plain", the rest spread over the other five, shuffled with a fixed seed; the
"header" layout only goes to a page whose articles all come from one source page.

A short line without closing punctuation at the end of a cut copy (a sub-heading whose text was cut
away) is left out of the page: it is an artefact of the cut, not of the paper's layout.

Record fields: ``title`` is the dump title as printed; ``byline``/``reporters`` come from a
leading dateline ``[据]新华社|本报…X月X日电`` with an optional ``（记者A、B）`` credit;
``body_start`` is the first 12 characters of the first paragraph after that dateline.

Standard library only. Run: ``python tests/data/segmentation/make_rmrb_pages.py``
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "rmrb_source"
OUT = HERE / "rmrb"
REPO = "ihmsje/rmrb-dashboard"
COMMITS = {
    "2026-01-15": "5c4c0af44a4ca59ad5cb62554aba7a359d0ced1c",
    "2026-02-03": "0b8b1ebbd6501f0d279de2b71077f1590a250f11",
    "2026-02-25": "aca064f6922a7f4f70c97fc8aecb60e5a9df8186",
    "2026-03-20": "8a762a4cb813b263badcb38d1b03f622df895d21",
    "2026-04-08": "c427616e1b7493d128ee384c1b9e4ee70afdfb73",
}
SEED = 20260415
PER_PAGE = 6
BODY_START_LEN = 12
SUBHEAD_MAX = 30
SENTENCE_END = ("。", "！", "？", "”", "…", "）", ")", "：", "；")
WEEKDAYS = "一二三四五六日"

LAYOUTS = {
    "plain": "plain: title line, blank line, each paragraph followed by a blank line",
    "single": "single: title line, blank line, the whole (cut) content joined into one paragraph line, blank line",
    "tight": "tight: no blank lines at all; title line, then one line per paragraph",
    "indent": "indent: no blank lines; paragraphs indented with two U+3000, titles not indented",
    "markdown": "markdown: '## title' lines, blank line after the title and between paragraphs",
    "header": "header: one page-header line '人民日报 | date weekday | 第N版', blank line, then as plain",
}
OTHERS = ["single", "tight", "indent", "markdown", "header"]

DATELINE = re.compile(r"^(据)?(新华社|本报)[^\s，。：（）]{0,12}?\d{1,2}月\d{1,2}日电\s*(（记者([^）]*)）)?\s*")


def paragraphs(content: str) -> list[str]:
    """The content's paragraphs, less any short unfinished lines at the end: the copy was cut after its
    first paragraphs, and a cut right after a sub-heading ("深刻把握统筹发展和安全的理论内涵") leaves
    what no printed article ends with: a sub-heading with no text under it."""
    paras = [p for p in content.split("\n") if p.strip()]
    while len(paras) > 1 and len(paras[-1].strip()) <= SUBHEAD_MAX and not paras[-1].rstrip().endswith(SENTENCE_END):
        paras.pop()
    return paras


def record(article: dict, split: Callable[[str], list[str]] = paragraphs) -> dict:
    """The expected record of one dump item (``split`` cuts its content into paragraphs)."""
    content = article["content"]
    m = DATELINE.match(content)
    reporters: list[str] = []
    if m:
        if m.group(4):
            names = m.group(4).split("，")[0]
            reporters = [n.strip() for n in names.split("、") if n.strip()]
        content = content[m.end():]
    first = split(content)[0]
    return {"kind": "article", "title": article["title"], "byline": bool(m),
            "reporters": reporters, "body_start": first[:BODY_START_LEN]}


def render(articles: list[dict], layout: str, date: str, split: Callable[[str], list[str]] = paragraphs) -> str:
    lines: list[str] = []
    if layout == "header":
        d = dt.date.fromisoformat(date)
        lines += [f"人民日报 | {d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]} | 第{articles[0]['page']}版", ""]
    for a in articles:
        paras = split(a["content"])
        if layout in ("plain", "header"):
            lines += [a["title"], ""]
            for p in paras:
                lines += [p, ""]
        elif layout == "single":
            lines += [a["title"], "", "".join(paras), ""]
        elif layout == "tight":
            lines += [a["title"], *paras]
        elif layout == "indent":
            lines += [a["title"], *("\u3000\u3000" + p for p in paras)]
        elif layout == "markdown":
            lines += [f"## {a['title']}", ""]
            for p in paras:
                lines += [p, ""]
        else:
            raise ValueError(layout)
    return "\n".join(lines).rstrip("\n") + "\n"


def chunk(articles: list[dict]) -> list[list[dict]]:
    pages = [articles[i:i + PER_PAGE] for i in range(0, len(articles), PER_PAGE)]
    if len(pages) > 1 and len(pages[-1]) < 3:
        last = pages.pop()
        pages[-1] = pages[-1] + last
    return pages


def deal_layouts(pages: list[tuple[str, list[dict]]]) -> list[str]:
    n = len(pages)
    plain = (n + 1) // 2
    layouts = ["plain"] * plain + [OTHERS[i % len(OTHERS)] for i in range(n - plain)]
    random.Random(SEED).shuffle(layouts)
    single_page = [len({a["page"] for a in arts}) == 1 for _, arts in pages]
    for i, lay in enumerate(layouts):  # the header names one 版: give it to a one-source-page page
        if lay == "header" and not single_page[i]:
            j = next(j for j in range(n) if single_page[j] and layouts[j] != "header")
            layouts[i], layouts[j] = layouts[j], layouts[i]
    return layouts


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("rmrb_*"):
        old.unlink()
    pages: list[tuple[str, list[dict]]] = []
    for path in sorted(SRC.glob("edition_*.json")):
        date = path.stem.removeprefix("edition_")
        pages += [(date, part) for part in chunk(json.loads(path.read_text("utf-8")))]
    layouts = deal_layouts(pages)
    counter: dict[str, int] = {}
    for (date, arts), layout in zip(pages, layouts):
        counter[date] = counter.get(date, 0) + 1
        stem = f"rmrb_{date.replace('-', '')}_{counter[date]:02d}"
        src_pages = sorted({a["page"] for a in arts})
        items = ", ".join(a["url"].rsplit("/", 1)[-1].removesuffix(".html") for a in arts)
        spec = {
            "source": (f"人民日报 {date}, 第{'、'.join(map(str, src_pages))}版: public GitHub repository {REPO}, "
                       f"data/edition_{date}.json, commit {COMMITS[date]} (items {items}); contents cut to their "
                       f"first paragraphs, copy in tests/data/segmentation/rmrb_source/edition_{date}.json"),
            "paper": "人民日报",
            "layout": LAYOUTS[layout],
            "records": [record(a) for a in arts],
            "metadata": {},
        }
        (OUT / f"{stem}.txt").write_text(render(arts, layout, date), "utf-8")
        (OUT / f"{stem}.expected.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"{len(pages)} pages, {sum(len(a) for _, a in pages)} articles:",
          {k: layouts.count(k) for k in LAYOUTS})


if __name__ == "__main__":
    main()
