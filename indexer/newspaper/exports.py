"""Pages that arrive as an archive database's export: JSON lines, tab- or comma-separated rows under a header
(CSV with quoted fields over several lines), 【field】 blocks, a library's RIS records, a database dump's
INSERT statements, or Markdown files with YAML front matter, one item each, turned into page text the parser
reads as it reads a page.

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

import csv
import io
import json
import re

from indexer.newspaper.markup import MarkupPage
from indexer.newspaper.pagemeta import normalize_date
from indexer.records import PageMeta

# the fields of an item, by the names exports give them (English and Chinese)
KICKER = ("pretitle", "introtitle", "kicker", "shoulder", "yinti", "引题", "肩题")
TITLE = ("title", "headline", "maintitle", "标题", "主题", "题目")
SUBTITLE = ("subtitle", "subhead", "futi", "副题", "副标题")
WRITER = ("author", "authors", "byline", "writer", "作者", "署名")
COLUMN = ("column", "section", "lanmu", "栏目", "专栏")
TEXT = ("content", "text", "body", "fulltext", "正文", "内容", "全文")
CAPTION = ("pic_desc", "caption", "photo_caption", "图片说明", "图说")  # a photo's caption, where the text field is empty
DATE = ("pubdate", "pub_date", "date", "日期", "见报日期", "刊发日期", "刊期")
PAGE = ("page", "pageno", "page_no", "版次", "版号", "版面")
FIELDS = KICKER + TITLE + SUBTITLE + WRITER + COLUMN + TEXT + CAPTION + DATE + PAGE
MIN_ITEMS = 1
_BLOCK_FIELD = re.compile(r"^[【\[](?P<name>[\u4e00-\u9fff]{2,6})[】\]](?P<value>.*)$")  # "【标题】…", "[主题] …"
_BLOCK_TITLE = re.compile(r"^[【\[](?:标题|主题|正文|内容|全文)[】\]]", re.MULTILINE)
_BREAK = re.compile(r"<br\s*/?>|</p>|\\r\\n|\\n", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # "<p>　　5月11日，…</p>" in a dump's text field: its paragraphs
# a library's RIS record: "TY  - NEWS" … "ER  - "; its notes name the fields RIS has none for ("N1  - 引题：交通建设提速")
_RIS_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])  - ?(?P<value>.*)$")
_RIS_FIELDS = {"TI": "title", "T1": "title", "AB": "content", "N2": "content", "DA": "date", "PY": "year", "Y1": "date",
               "SP": "page"}
_RIS_NOTE = re.compile(r"^(?P<name>引题|肩题|副题|副标题|作者身份|作者|署名|栏目|专栏|版名)[:：]\s*(?P<value>.*)$")
_NOTE_FIELD = {"引题": "引题", "肩题": "引题", "副题": "副题", "副标题": "副题", "作者身份": "作者", "作者": "作者",
               "署名": "作者", "栏目": "栏目", "专栏": "栏目"}
# a database dump's rows: "INSERT INTO `jzrb_article` (`id`, `title`, …) VALUES (305121,'…','…'),(…);"
_INSERT = re.compile(r"INSERT\s+INTO\s+\S+\s*\((?P<columns>[^)]*)\)\s*VALUES\s*", re.IGNORECASE)
_SQL_VALUE = re.compile(r"\s*(?:'(?P<text>(?:[^'\\]|\\.|'')*)'|(?P<bare>[^,()'\s]+))\s*")
_SQL_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "", "'": "'", '"': '"', "\\": "\\"}
# a Markdown file's YAML front matter: "---" / "title: \"…\"" / "authors:" / "  - \"本报记者 尚文静\"" / "---"
_YAML_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*|[\u4e00-\u9fff]{2,6})\s*:\s*(?P<value>.*)$")
_YAML_ITEM = re.compile(r"^\s+-\s*(?P<value>.*)$")


def read_export(text: str) -> MarkupPage | None:
    """The page text of an export (see the module's docstring), or None when ``text`` is no export."""
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    for reader in (_json_lines, _tab_rows, _comma_rows, _field_blocks, _ris_records, _insert_rows, _front_matter):
        # (cheap tests first: every page comes here)
        if (reader is _field_blocks and not _BLOCK_TITLE.search(text)) or (reader is _comma_rows and "," not in first) \
                or (reader is _ris_records and "TY  -" not in text) or (reader is _insert_rows and "INSERT" not in text) \
                or (reader is _front_matter and not text.lstrip().startswith(("---", "<!--"))):
            continue
        found = reader(text) if reader in (_comma_rows, _insert_rows) else reader(lines)
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


def _comma_rows(text: str) -> tuple[list[dict[str, str]], list[str]] | None:
    """CSV: a header row of field names, then a row an item; a quoted field may hold commas, quotes ("") and
    line ends (an article's paragraphs)."""
    try:
        rows = [row for row in csv.reader(io.StringIO(text.strip("\n"))) if any(cell.strip() for cell in row)]
    except csv.Error:
        return None
    if len(rows) < 2:
        return None
    header = [cell.strip().lower() for cell in rows[0]]
    if len(set(header) & set(FIELDS)) < 2 or not set(header) & set(TITLE + TEXT):
        return None
    items: list[dict[str, str]] = []
    dropped = [",".join(rows[0])]
    for row in rows[1:]:
        if len(row) != len(header):
            dropped.append(",".join(row))  # "共5条记录": the export's count, not an item
            continue
        items.append(dict(zip(header, row)))
    return (items, dropped) if len(items) >= len(rows) // 2 else None


def _ris_records(lines: list[str]) -> tuple[list[dict[str, str]], list[str]] | None:
    """RIS records ("TY  - NEWS" to "ER  - "): TI the headline, AU the writers, AB the text, DA the date, SP the
    page, and the notes that name a field ("N1  - 副题：——今年新改建农村公路420公里", "N1  - 作者身份：本报记者 廉卫华")."""
    items: list[dict[str, str]] = []
    dropped: list[str] = []
    item: dict[str, str] | None = None
    last: str | None = None
    for line in lines:
        m = _RIS_LINE.match(line.rstrip())
        if m is None:
            if item is not None and last is not None and line.strip():
                item[last] += "\n" + line  # an abstract's next paragraph
            elif line.strip():
                dropped.append(line.strip())  # "Provider: 焦作市图书馆地方文献数据库": the export's own lines
            continue
        tag, value = m.group("tag"), m.group("value").strip()
        if tag == "TY":
            item, last = {}, None
            items.append(item)
            dropped.append(line.strip())
            continue
        if item is None or tag == "ER":
            item = None if tag == "ER" else item
            dropped.append(line.strip())
            continue
        note = _RIS_NOTE.match(value) if tag == "N1" else None
        if note is not None:
            name = _NOTE_FIELD.get(note.group("name"))
            dropped.append(f"{tag}  - {note.group('name')}")
            if name is None:  # "版名：综合新闻": the page's name
                dropped.append(note.group("value"))
            else:
                item[name] = note.group("value")
            last = None
        elif tag in ("AU", "A1"):
            item["authors"] = f"{item['authors']} {value}" if item.get("authors") else value
            dropped.append(f"{tag}  - ")
            last = None
        elif tag in _RIS_FIELDS and not item.get(_RIS_FIELDS[tag]):
            item[_RIS_FIELDS[tag]] = value
            dropped.append(f"{tag}  - ")
            last = _RIS_FIELDS[tag] if _RIS_FIELDS[tag] == "content" else None
        else:
            dropped.append(line.strip())  # "T2  - 焦作日报", "KW  - 养老": the journal, keywords
            last = None
    for item in items:
        if item.get("作者") and item.get("authors"):
            dropped.append(item.pop("authors"))  # the note gives the writers with their roles
        if item.get("year") and not item.get("date"):
            item["date"] = item.pop("year")
    if not items or not any(set(i) & set(TITLE + TEXT) for i in items):
        return None
    return items, dropped


def _sql_string(raw: str) -> str:
    return re.sub(r"\\(.)", lambda m: _SQL_ESCAPES.get(m.group(1), m.group(1)), raw).replace("''", "'")


def _insert_rows(text: str) -> tuple[list[dict[str, str]], list[str]] | None:
    """A database dump's INSERT statements, a row an item, under the statement's column names."""
    items: list[dict[str, str]] = []
    dropped: list[str] = []
    at = 0
    for statement in _INSERT.finditer(text):
        dropped.append(text[at:statement.start()].strip())  # "-- MySQL dump …", "LOCK TABLES …": the dump's own lines
        columns = [c.strip(" `\"'\n").lower() for c in statement.group("columns").split(",")]
        pos = statement.end()
        while pos < len(text) and text[pos] == "(":
            row: list[str] = []
            pos += 1
            while (m := _SQL_VALUE.match(text, pos)) is not None and m.end() > pos:
                row.append(_sql_string(m.group("text")) if m.group("text") is not None else
                           ("" if m.group("bare").upper() == "NULL" else m.group("bare")))
                pos = m.end()
                if text[pos:pos + 1] == ",":
                    pos += 1
                    continue
                break
            if text[pos:pos + 1] != ")" or len(row) != len(columns):
                return None
            items.append(dict(zip(columns, row)))
            pos += 1
            while pos < len(text) and text[pos] in ", \t\r\n":
                pos += 1
        at = pos
    dropped.append(text[at:].strip())  # "UNLOCK TABLES;"
    if not items or not any(set(i) & set(TITLE + TEXT) for i in items):
        return None
    return items, [d for d in dropped if d]


def _front_matter(lines: list[str]) -> tuple[list[dict[str, str]], list[str]] | None:
    """Markdown documents one after another, each with YAML front matter between "---" lines, then its text."""
    items: list[dict[str, str]] = []
    dropped: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line == "---" and i + 1 < len(lines) and _YAML_FIELD.match(lines[i + 1].strip()):
            item: dict[str, str] = {}
            key: str | None = None
            dropped.append("---")
            i += 1
            while i < len(lines) and lines[i].strip() != "---":
                field, listed = _YAML_FIELD.match(lines[i]), _YAML_ITEM.match(lines[i])
                if field is not None:
                    key, value = field.group("key").lower(), _unquote(field.group("value"))
                    item[key] = "" if value == "[]" else value
                    dropped.append(field.group("key") + ":")
                elif listed is not None and key is not None:
                    value = _unquote(listed.group("value"))
                    item[key] = f"{item[key]} {value}".strip()
                elif lines[i].strip():
                    dropped.append(lines[i].strip())
                i += 1
            dropped.append("---")
            i += 1
            body: list[str] = []
            while i < len(lines) and not (lines[i].strip() == "---" and i + 1 < len(lines)
                                          and _YAML_FIELD.match(lines[i + 1].strip())):
                body.append(lines[i])
                i += 1
            item["content"] = "\n".join(body).strip("\n")
            items.append(item)
            continue
        if line:
            if items or len(dropped) >= 3:
                return None  # text outside the documents: not such an export
            dropped.append(line)  # "<!-- exported by jzrb-archive-tools … -->"
        i += 1
    if not items or not any(set(i) & set(TITLE) for i in items):
        return None
    return items, dropped


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


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
            text = next((n for n in TEXT if n in (item or {})), None)
            if item is not None and text is not None and (name in TEXT or name in CAPTION):
                # the text goes on after a photo's caption printed inside it: "[正文] …" / "[图片说明] …" / "[正文] …"
                field = text
                item[text] += "\n" + m.group("value")
                dropped.append(line.strip()[:len(name) + 2])
                continue
            if item is None or name in item:
                item = {}
                items.append(item)
            field = name
            item[field] = m.group("value")
            dropped.append(line.strip()[:len(name) + 2])
        elif item is not None and field is not None and line.strip() and not re.fullmatch(r"[=\-_*—]{3,}", line.strip()):
            item[field] += "\n" + line
        elif line.strip():
            dropped.append(line.strip())  # "【导出】…" heads the file; "======" parts the items
            field = None if re.fullmatch(r"[=\-_*—]{3,}", line.strip()) else field
    if not items or not any(set(i) & set(TITLE + TEXT) for i in items):
        return None
    leading = [line.strip() for line in lines[:next(n for n, line in enumerate(lines) if _BLOCK_FIELD.match(line.strip()))]
               if line.strip()]
    if len(items) == 1 and len(leading) == 1 and not _get(items[0], TITLE) and leading[0] in dropped \
            and not leading[0].startswith(("【", "[", "#", "=")):
        dropped.remove(leading[0])  # "在赣州,感受到了浓浓的客家味!" over "【版次】…" / "【全文】…": the record's headline
        items[0]["标题"] = leading[0]
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
        text = _BREAK.sub("\n", _get(item, TEXT) or _get(item, CAPTION))
        if _TAG.search(text):
            dropped.extend(_TAG.findall(text))
            text = _TAG.sub("", text)
        body = [line.rstrip() for line in text.split("\n") if line.strip()]
        if writer and writer.endswith("摄"):  # "葛春生 摄": the photo's credit, printed under the photo's caption
            if body and re.sub(r"\s", "", writer[:-1]) in re.sub(r"\s", "", body[-1]):
                dropped.append(writer)  # (the caption prints it already)
            else:
                body = body[:-1] + [f"{body[-1]} {writer}"] if body else [writer]
        elif writer:
            out.append(writer)
        out += body
        out += ["", "\f"]
        groups = (KICKER, TITLE, SUBTITLE, WRITER, COLUMN, TEXT if _get(item, TEXT) else CAPTION)
        used = {next(n for n in g if item.get(n, "").strip()) for g in groups if _get(item, g)}  # the field printed
        used |= set(DATE + PAGE)
        dropped.extend(v.strip() for k, v in item.items() if k not in used and v.strip())  # ids, types: no text
        dropped.extend(v for k in (DATE + PAGE) if (v := item.get(k, "").strip()))
    meta = None
    if len(dates) == 1 or len(pages) == 1:
        number = next(iter(pages)) if len(pages) == 1 else None
        page = (f"第{int(number)}版" if number.isdigit() else number) if number else None
        meta = PageMeta(pub_date=next(iter(dates)) if len(dates) == 1 else None,
                        pub_date_source="header" if len(dates) == 1 else None, page=page)
    return MarkupPage("\n".join(out) + "\n", meta, [d for d in dropped if d])
