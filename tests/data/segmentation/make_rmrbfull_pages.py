"""Lay out FULL-LENGTH 人民日报 pages as segmentation test pages (tests/data/segmentation/rmrbfull/).

Input: ``rmrbfull_source/edition_YYYY-MM-DD.json`` -- exact copies of ``data/edition_YYYY-MM-DD.json``
from the public repository ``ihmsje/rmrb-dashboard`` (commits below and in ``rmrbfull_source/README.md``),
a list of ``{"title", "url", "date", "page", "content"}`` items with their full content (unlike
``rmrb_source/``, whose contents were cut to their first paragraphs). The expected records come from the
dump's own items (one record per dump item), never from baokan's parser.

Output: ``rmrbfull/rmrb_YYYYMMDD_PP.txt`` plus ``.expected.json`` (format: README.md in this folder),
one file per source page (版) PP: all of that page's items in source order, full content, nothing cut
or dropped (a page of more than ``MAX_ITEMS`` items keeps its first ``MAX_ITEMS``). Left out, as
make_rmrb_pages.py leaves them out: the page's editor list ("本版责编：…", page furniture by the
project's conventions), items with an empty content (full-page advertisements, image-only items) and
"图片报道" photo items (``printed()``).

Pages laid out: from each edition, every page that holds a long item (``LONG`` characters or more of
content: long articles with their sub-headings, speeches, name lists), then a sample drawn with a
fixed seed from the edition's other pages of at least two items and ``MIN_PAGE_CHARS`` characters,
up to ``PER_EDITION`` pages.

Layouts (``LAYOUTS``, as in make_rmrb_pages.py less "single") are dealt out deterministically, edition
by edition: about half of its pages "plain", the rest spread over "tight", "indent", "markdown" and
"header", shuffled with a fixed seed.

Record fields (``record()`` as in make_rmrb_pages.py): ``title`` is the dump title as printed;
``byline``/``reporters`` come from a leading dateline ``[据]新华社|本报…X月X日电`` with an optional
``（记者A、B）`` credit; ``body_start`` is the first 12 characters of the first paragraph after that
dateline (``""`` for an item without content).

Standard library only. Run: ``python tests/data/segmentation/make_rmrbfull_pages.py``
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_rmrb_pages as rmrb  # noqa: E402  (the layouts, the dateline rule and record() are that script's)

SRC = HERE / "rmrbfull_source"
OUT = HERE / "rmrbfull"
REPO = "ihmsje/rmrb-dashboard"
COMMITS = {
    "2026-01-20": "519bbe691448a1e20eb9f353592518bddc761fc7",
    "2026-02-12": "5c8426c04a027ba4b0a0b21ed8e9b407d810945c",
    "2026-03-05": "5e6bf58e895d2f1f10358500cd6225e822ad37d6",
}
SEED = 20261130
PER_EDITION = 9
MAX_ITEMS = 12
LONG = 3000
MIN_PAGE_CHARS = 1000

OTHERS = ["tight", "indent", "markdown", "header"]  # make_rmrb_pages.py's less "single"


def paragraphs(content: str) -> list[str]:
    """All of the content's non-empty lines: the copy is full-length, nothing is dropped."""
    return [p for p in content.split("\n") if p.strip()]


def record(article: dict) -> dict:
    """As make_rmrb_pages.py's, over the full content (every item kept has some: ``printed()``)."""
    return rmrb.record(article, paragraphs)


def render(articles: list[dict], layout: str, date: str) -> str:
    return rmrb.render(articles, layout, date, paragraphs)


EDITOR_LIST = re.compile(r"^本版(?:责编|编辑|责任编辑)")


def printed(item: dict) -> bool:
    """An item a page prints as an article: not the page's editor list ("本版责编：康  岩…", page furniture
    by the project's conventions), not a title with no content (a full-page advertisement, a photo shown
    only as an image), not a "图片报道" photo item -- the same items make_rmrb_pages.py skips."""
    return bool(item["content"].strip()) and not EDITOR_LIST.match(item["title"]) and item["title"] != "图片报道"


def by_page(items: list[dict]) -> dict[int, list[dict]]:
    pages: dict[int, list[dict]] = {}
    for it in items:
        if printed(it):
            pages.setdefault(int(it["page"]), []).append(it)
    return pages


def choose(date: str, pages: dict[int, list[dict]]) -> list[int]:
    """The edition's pages holding a long item, then a seeded sample of its other pages of some size."""
    long_pages = [p for p, its in pages.items() if any(len(a["content"]) >= LONG for a in its)]
    rest = [p for p, its in pages.items() if p not in long_pages
            and len(its) >= 2 and sum(len(a["content"]) for a in its) >= MIN_PAGE_CHARS]
    extra = random.Random(f"{SEED}-{date}").sample(rest, max(0, min(len(rest), PER_EDITION - len(long_pages))))
    return sorted(long_pages + extra)


def deal_layouts(n: int, edition: int) -> list[str]:
    """One edition's layouts: about half "plain", the rest over OTHERS (rotated by edition, so each gets
    its share over the set), shuffled with a fixed seed."""
    plain = (n + 1) // 2
    layouts = ["plain"] * plain + [OTHERS[(edition + i) % len(OTHERS)] for i in range(n - plain)]
    random.Random(f"{SEED}-{edition}").shuffle(layouts)
    return layouts


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("rmrb_*"):
        old.unlink()
    pages: list[tuple[str, int, list[dict]]] = []
    layouts: list[str] = []
    for k, path in enumerate(sorted(SRC.glob("edition_*.json"))):
        date = path.stem.removeprefix("edition_")
        src = by_page(json.loads(path.read_text("utf-8")))
        chosen = choose(date, src)
        pages += [(date, p, src[p][:MAX_ITEMS]) for p in chosen]
        layouts += deal_layouts(len(chosen), k)
    for (date, pno, arts), layout in zip(pages, layouts):
        stem = f"rmrb_{date.replace('-', '')}_{pno:02d}"
        items = ", ".join(a["url"].rsplit("/", 1)[-1].removesuffix(".html") for a in arts)
        spec = {
            "source": (f"人民日报 {date}, 第{pno}版: public GitHub repository {REPO}, data/edition_{date}.json, "
                       f"commit {COMMITS[date]} (items {items}); full contents, copy in "
                       f"tests/data/segmentation/rmrbfull_source/edition_{date}.json"),
            "paper": "人民日报",
            "layout": rmrb.LAYOUTS[layout],
            "records": [record(a) for a in arts],
            "metadata": {},
        }
        (OUT / f"{stem}.txt").write_text(render(arts, layout, date), "utf-8")
        (OUT / f"{stem}.expected.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"{len(pages)} pages, {sum(len(a) for _, _, a in pages)} records:",
          {k: layouts.count(k) for k in ["plain", *OTHERS]})
    for (date, pno, arts), layout in zip(pages, layouts):
        print(f"  {date} 第{pno:>2}版  {len(arts):>2} records  {layout}")


if __name__ == "__main__":
    main()
