"""Citations of a record: GB/T 7714-2015 newspaper form (``作者. 标题[N]. 报纸名, YYYY-MM-DD(版次).``),
RIS and BibTeX for reference managers (EndNote, NoteExpress, Zotero).

Each format leaves out what is unknown (author, date, 版次) rather than inventing it.
"""
from __future__ import annotations

import re

from indexer.records import Record

# "第1版 要闻" -> "1"; "第A3版" -> "A3"; "第十二版" -> "十二"
_PAGE_NUMBER = re.compile(r"第\s*([0-9A-Za-z一二三四五六七八九十]{1,4})\s*版")


def page_number(page: str | None) -> str | None:
    """The 版次 of a page label, or None when the page is unknown."""
    if not page or not page.strip():
        return None
    m = _PAGE_NUMBER.search(page)
    return m.group(1) if m else page.strip()


def display_title(record: Record, width: int = 30) -> str:
    """The title, or for an untitled photo the start of its caption: "会场一角。"."""
    if record.title.strip():
        return record.title.strip()
    text = " ".join(record.body.split())
    if not text:
        return "图片说明" if record.kind == "caption" else "（无标题）"
    return text if len(text) <= width else text[:width] + "…"


def authors(record: Record) -> tuple[str, ...]:
    """Who a citation names: the reporters, for a photo its photographers (each name once)."""
    names = record.reporters or record.photographers or tuple(
        p for c in record.captions for p in c.photographers)
    return tuple(dict.fromkeys(names))


def gbt7714(record: Record, default_paper: str = "焦作日报") -> str:
    """``徐金华. 市委第四巡察组巡察市科技局党组情况反馈会召开[N]. 焦作日报, 2022-07-27(1).``

    Authors are the reporters (for a photo, its photographers); parts that are
    unknown (author, date, 版次) are left out rather than invented.
    """
    names = authors(record)
    parts = []
    if names:
        parts.append(", ".join(names) + ". ")
    title = display_title(record)
    parts.append(f"{title}[N]. ")
    parts.append(record.paper or default_paper)
    if record.pub_date:
        parts.append(f", {record.pub_date}")
        number = page_number(record.page)
        if number:
            parts.append(f"({number})")
    parts.append(".")
    return "".join(parts)


# --- RIS (Research Information Systems): one "TAG  - value" a line, CRLF, ER closes a record --------

ABSTRACT_CHARS = 300
MEDIA_RIS = "application/x-research-info-systems; charset=utf-8"
MEDIA_BIBTEX = "application/x-bibtex; charset=utf-8"


def one_line(text: str) -> str:
    """Whitespace (newlines included) folded to single spaces: a RIS value is one line."""
    return " ".join(text.split())


def abstract(record: Record) -> str:
    """The start of the text: the body, or for a photo its caption, ABSTRACT_CHARS at most."""
    text = one_line(record.body or " ".join(c.text for c in record.captions))
    return text if len(text) <= ABSTRACT_CHARS else text[:ABSTRACT_CHARS] + "…"


def ris(record: Record, url: str, default_paper: str = "焦作日报") -> str:
    """One RIS record (TY NEWS … ER), lines ending in CRLF as the RIS specification has them::

        TY  - NEWS
        TI  - 市委第四巡察组巡察市科技局党组情况反馈会召开
        AU  - 徐金华
        PY  - 2022
        DA  - 2022/07/27
        T2  - 焦作日报
        SP  - 第1版 要闻
        …
        ER  -
    """
    lines = [("TY", "NEWS"), ("TI", one_line(display_title(record)))]
    lines += [("AU", name) for name in authors(record)]
    if record.pub_date:
        lines += [("PY", record.pub_date[:4]), ("DA", record.pub_date.replace("-", "/"))]
    lines.append(("T2", one_line(record.paper or default_paper)))
    if record.page and record.page.strip():
        lines.append(("SP", one_line(record.page)))
    if record.section:
        lines.append(("SE", one_line(record.section)))
    text = abstract(record)
    if text:
        lines.append(("AB", text))
    lines += [("LA", "zh"), ("UR", url), ("ID", record.id)]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines) + "ER  - \r\n"


# --- BibTeX: @article, UTF-8 kept, TeX specials escaped ----------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%", "#": r"\#",
    "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIALS))


def bibtex_escape(text: str) -> str:
    """TeX's special characters made literal, Chinese kept as UTF-8: "R&D 50%" -> "R\\&D 50\\%"."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_SPECIALS[m.group()], one_line(text))


def bibtex_key(record: Record) -> str:
    """A stable ASCII key, from the record's stable id: "baokan-26f9c0bf5d7a20f6"."""
    return f"baokan-{record.id}"


def bibtex(record: Record, url: str, default_paper: str = "焦作日报") -> str:
    """One @article entry (BibLaTeX's ``date`` beside BibTeX's ``year``/``month``)::

        @article{baokan-26f9c0bf5d7a20f6,
          title = {市委第四巡察组巡察市科技局党组情况反馈会召开},
          author = {徐金华},
          journal = {焦作日报},
          …
        }
    """
    fields = [("title", bibtex_escape(display_title(record)))]
    names = authors(record)
    if names:
        fields.append(("author", " and ".join(bibtex_escape(n) for n in names)))
    fields.append(("journal", bibtex_escape(record.paper or default_paper)))
    if record.pub_date:
        fields += [("date", record.pub_date), ("year", record.pub_date[:4]),
                   ("month", str(int(record.pub_date[5:7])))]
    number = page_number(record.page)
    if number:
        fields.append(("pages", bibtex_escape(number)))
    if record.page and record.page.strip():
        fields.append(("note", bibtex_escape(record.page)))
    fields += [("url", url), ("langid", "chinese")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{bibtex_key(record)},\n{body}\n}}\n"
