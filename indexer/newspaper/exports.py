"""Pages that arrive as an archive database's export: JSON lines, tab-separated rows under a header, or
【field】 blocks, one item each, turned into page text the parser reads as it reads a page.

Each item becomes what a page prints: the kicker, headline and subtitle fields as ``# `` headings right over one
another (one headline group), the writer field on its own line, the text, and a form feed after the item (nothing
runs on into the next). The column field is a heading set apart above the item (its section); an item's date and
page fields are the page's date and page. Fields that are no text (ids, types) are dropped and reported:

    {"pubdate":"2020-11-19","page":"03","title":"中站区老旧小区改造惠及8600户居民","author":"本报记者 吕晓辰",
     "content":"　　本报讯（记者 吕晓辰）今年，中站区启动老旧小区改造项目42个…"}

becomes the page meta (2020-11-19, 第3版) and

    # 中站区老旧小区改造惠及8600户居民
    本报记者 吕晓辰
    　　本报讯（记者 吕晓辰）今年，中站区启动老旧小区改造项目42个…
"""
from __future__ import annotations

import json
import re

from indexer.newspaper.markup import MarkupPage
from indexer.newspaper.pagemeta import normalize_date
from indexer.records import PageMeta

# the fields of an item, by the names exports give them (English and Chinese)
KICKER = ("pretitle", "introtitle", "kicker", "shoulder", "引题", "肩题")
TITLE = ("title", "headline", "maintitle", "标题", "主题", "题目")
SUBTITLE = ("subtitle", "subhead", "副题", "副标题")
WRITER = ("author", "byline", "writer", "作者", "署名")
COLUMN = ("column", "section", "lanmu", "栏目", "专栏")
TEXT = ("content", "text", "body", "fulltext", "正文", "内容")
DATE = ("pubdate", "pub_date", "date", "日期", "见报日期", "刊发日期")
PAGE = ("page", "pageno", "版次", "版号")
FIELDS = KICKER + TITLE + SUBTITLE + WRITER + COLUMN + TEXT + DATE + PAGE
MIN_ITEMS = 1
_BLOCK_FIELD = re.compile(r"^【(?P<name>[\u4e00-\u9fff]{2,6})】(?P<value>.*)$")
_BLOCK_TITLE = re.compile(r"^【(?:标题|主题|正文|内容)】", re.MULTILINE)
_BREAK = re.compile(r"<br\s*/?>|\\n", re.IGNORECASE)


def read_export(text: str) -> MarkupPage | None:
    """The page text of an export (see the module's docstring), or None when ``text`` is no export."""
    lines = text.split("\n")
    for reader in (_json_lines, _tab_rows, _field_blocks):
        if reader is _field_blocks and not _BLOCK_TITLE.search(text):
            continue  # (a cheap test first: every page comes here)
        found = reader(lines)
        if found is not None:
            items, dropped = found
            if len(items) >= MIN_ITEMS and any(_get(item, TITLE + TEXT) for item in items):
                return _page(items, dropped)
    return None


def _get(item: dict[str, str], names: tuple[str, ...]) -> str:
    return next((item[n].strip() for n in names if item.get(n, "").strip()), "")


def _json_lines(lines: list[str]) -> tuple[list[dict[str, str]], list[str]] | None:
    """One JSON object a line: '{"title":"…","author":"…","content":"…"}' (a comment line may lead)."""
    items: list[dict[str, str]] = []
    dropped: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("{"):
            if len(dropped) >= 3:
                return None
            dropped.append(stripped)  # "# export jzrb_cms v3.2  issue=2020-11-19", "共5条": the export's own lines
            continue
        try:
            obj = json.loads(stripped)
        except ValueError:
            return None
        if not isinstance(obj, dict) or not set(obj) & set(FIELDS):
            return None
        items.append({str(k).lower(): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in obj.items()})
    return (items, dropped) if items else None


def _tab_rows(lines: list[str]) -> tuple[list[dict[str, str]], list[str]] | None:
    """A header row of field names, then a row an item, cells parted by tabs."""
    rows = [line for line in lines if line.strip()]
    if len(rows) < 2 or "\t" not in rows[0]:
        return None
    header = [cell.strip().lower() for cell in rows[0].split("\t")]
    if len(set(header) & set(FIELDS)) < 2 or not set(header) & set(TITLE + TEXT):
        return None
    items: list[dict[str, str]] = []
    dropped = [rows[0]]
    for row in rows[1:]:
        cells = row.split("\t")
        if len(cells) != len(header):
            dropped.append(row)  # "共5条记录": the export's count, not an item
            continue
        items.append(dict(zip(header, cells)))
    return (items, dropped) if items else None


def _field_blocks(lines: list[str]) -> tuple[list[dict[str, str]], list[str]] | None:
    """Items as blocks of 【field】value lines; a field's value may go on over the lines below it."""
    items: list[dict[str, str]] = []
    dropped: list[str] = []
    item: dict[str, str] | None = None
    field: str | None = None
    for line in lines:
        m = _BLOCK_FIELD.match(line.strip())
        if m:
            name = m.group("name")
            if item is None or name in item:
                item = {}
                items.append(item)
            field = name
            item[field] = m.group("value")
            dropped.append(f"【{name}】")
        elif item is not None and field is not None and line.strip() and not re.fullmatch(r"[=\-_*—]{3,}", line.strip()):
            item[field] += "\n" + line
        elif line.strip():
            dropped.append(line.strip())  # "【导出】…" heads the file; "======" parts the items
            field = None if re.fullmatch(r"[=\-_*—]{3,}", line.strip()) else field
    if not items or not any(set(i) & set(TITLE + TEXT) for i in items):
        return None
    return items, dropped


def _page(items: list[dict[str, str]], dropped: list[str]) -> MarkupPage:
    out: list[str] = []
    dates = {d for item in items if (d := normalize_date(_get(item, DATE))) is not None}
    pages = {p for item in items if (p := _get(item, PAGE))}
    for item in items:
        column = _get(item, COLUMN)
        if column and "\n" not in column and _get(item, KICKER + TITLE):
            out += [f"## {column}", ""]
        elif column:
            dropped.append(column)  # (over an untitled photo it would read as the photo's title)
        for name in (KICKER, TITLE, SUBTITLE):
            value = _get(item, name)
            if value and "\n" not in value:
                out.append(f"# {value}")
        writer = _get(item, WRITER)
        body = [line.rstrip() for line in _BREAK.sub("\n", _get(item, TEXT)).split("\n") if line.strip()]
        if writer and writer.endswith("摄"):  # "葛春生 摄": the photo's credit, printed under the photo's caption
            if body and re.sub(r"\s", "", writer[:-1]) in re.sub(r"\s", "", body[-1]):
                dropped.append(writer)  # (the caption prints it already)
            else:
                body = body[:-1] + [f"{body[-1]} {writer}"] if body else [writer]
        elif writer:
            out.append(writer)
        out += body
        out += ["", "\f"]
        used = {n for n in FIELDS if item.get(n, "").strip()}
        dropped.extend(v.strip() for k, v in item.items() if k not in used and v.strip())  # ids, types: no text
        dropped.extend(v for k in (DATE + PAGE) if (v := item.get(k, "").strip()))
    meta = None
    if len(dates) == 1 or len(pages) == 1:
        number = next(iter(pages)) if len(pages) == 1 else None
        page = (f"第{int(number)}版" if number.isdigit() else number) if number else None
        meta = PageMeta(pub_date=next(iter(dates)) if len(dates) == 1 else None,
                        pub_date_source="header" if len(dates) == 1 else None, page=page)
    return MarkupPage("\n".join(out) + "\n", meta, [d for d in dropped if d])
