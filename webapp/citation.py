"""Citations of a record in GB/T 7714-2015 newspaper form: ``作者. 标题[N]. 报纸名, YYYY-MM-DD(版次).``"""
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


def gbt7714(record: Record, default_paper: str = "焦作日报") -> str:
    """``徐金华. 市委第四巡察组巡察市科技局党组情况反馈会召开[N]. 焦作日报, 2022-07-27(1).``

    Authors are the reporters (for a photo, its photographers); parts that are
    unknown (author, date, 版次) are left out rather than invented.
    """
    authors = record.reporters or record.photographers or tuple(
        p for c in record.captions for p in c.photographers)
    parts = []
    if authors:
        parts.append(", ".join(dict.fromkeys(authors)) + ". ")
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
