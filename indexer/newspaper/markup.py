"""Pages that arrive as markup, an e-paper's saved HTML or a CMS's XML export, turned into page text.

The parser reads page text. A page saved as markup is turned into the text a reader sees, with its structure
kept in the forms page text uses: each block on its own line, each item set apart by blank lines, an export's
headline fields as ``# `` headings (kicker, headline and subtitle right over one another: one headline group), its
column as a heading set apart (the section), its credit on a line of its own, a form feed between items:

    <issue paper="焦作日报" date="2018-08-22" page="03" name="综合">
    <article><pretitle>决战决胜脱贫攻坚</pretitle><title>修武县西村乡:山里人家吃上“旅游饭”</title>
    <author>本报记者 姬晓辉</author><content><p>　　盛夏时节,…</p></content></article>

becomes the page meta (焦作日报, 2018-08-22, 第3版 综合) and

    # 决战决胜脱贫攻坚
    # 修武县西村乡:山里人家吃上“旅游饭”
    本报记者 姬晓辉
    　　盛夏时节,…

Tags, scripts, styles and an HTML page's <head> are dropped (reported, as all dropped furniture is); no text is
invented: every character of the result, the meta and the dropped parts comes from the markup.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from indexer.newspaper.pagemeta import normalize_date
from indexer.records import PageMeta

_CJK = re.compile(r"[\u4e00-\u9fff]")
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_MARKUP_START = re.compile(r"^\s*(?:<\?xml|<!doctype\s+html|<html\b)", re.IGNORECASE)
_LINE_STARTS_WITH_TAG = re.compile(r"^\s*</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_LINE_ENDS_WITH_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>\s*$")  # "…首批企业入驻<br>"
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
MIN_TAGS = 4  # fewer tags than this: text that happens to hold a "<b>", not markup
TAG_LINE_SHARE = 0.3  # at least this share of the non-blank lines starts with a tag

# an export's headline fields (kicker, headline, subtitle), credit and column, by the names exports give them
_HEADLINE_FIELDS = frozenset({"pretitle", "introtitle", "kicker", "yinti", "jianti", "title", "headline", "maintitle",
                              "zhuti", "biaoti", "subtitle", "subhead", "futi", "fubiaoti", "h1", "h2", "h3", "hl1", "hl2"})
# the kicker's fields, which an export may give after the headline's (NITF: <hl1>…</hl1><hl2 class="kicker">…</hl2>)
# and a page prints over it
_KICKER_FIELDS = frozenset({"pretitle", "introtitle", "kicker", "yinti", "jianti"})
# a dateline given as a field of its own, printed at the head of the text: NITF's "<dateline>本报讯</dateline>"
_DATELINE_FIELDS = frozenset({"dateline"})
_CREDIT_FIELDS = frozenset({"author", "byline", "zuozhe", "writer", "reporter", "photocredit"})
_COLUMN_FIELDS = frozenset({"column", "lanmu", "channel", "columnname"})
# one item of an export: a blank gap of its own before and after
_ITEM_ELEMENTS = frozenset({"article", "item", "record", "doc", "news", "story", "entry", "nitf"})
_BLOCK_ELEMENTS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "dd", "dt", "h4", "h5", "h6", "section", "blockquote",
                             "figcaption", "caption", "content", "body", "table", "ul", "ol", "pre", "hr", "header",
                             "footer", "nav", "aside", "main", "figure", "text", "fulltext"})
# an e-paper page's element holding one item: <div class="article" id="content_12031">
_ITEM_CLASS = re.compile(r"\b(?:article|item|news|story|post|entry)\b|content_\d", re.IGNORECASE)
# elements of an HTML page's running text, whose source line ends are only white space
_HTML_BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "h4", "h5", "h6", "figcaption", "caption", "blockquote"})
_INLINE = frozenset({"span", "a", "b", "i", "em", "strong", "font", "u", "sup", "sub", "small", "big", "br", "img",
                     "wbr", "mark", "s", "strike", "ruby", "rt", "rp",
                     # NITF's marks inside running text: "<byline>本报记者 <person>蓝晓天</person></byline>"
                     "person", "org", "location", "money", "num", "chron", "event", "function", "object.title"})
_SKIPPED = frozenset({"script", "style", "head", "noscript", "template", "svg"})
# an export's bookkeeping fields, not text: "<type>图片</type>", "<id>…</id>"
_BOOKKEEPING = frozenset({"type", "id", "date", "pubdate", "page", "pageno", "url", "link", "source", "keywords",
                          "keyword", "tag", "tags", "status", "category", "image", "img", "picture", "pic", "src"})
# an export's elements named in Chinese, read as the same elements named in Latin letters ("<稿件><引题>…</引题>
# <主题>…</主题><作者>…</作者><正文><p>…</p></正文></稿件>"); any other Chinese name (with its end tag) is a block
_CJK_ELEMENTS = {
    **dict.fromkeys(("引题", "肩题", "眉题"), "yinti"), **dict.fromkeys(("主题", "标题", "主标题", "大标题", "题目"), "zhuti"),
    **dict.fromkeys(("副题", "副标题"), "futi"), **dict.fromkeys(("作者", "署名", "记者"), "zuozhe"),
    **dict.fromkeys(("正文", "内容", "全文"), "content"), **dict.fromkeys(("栏目", "专栏"), "lanmu"),
    **dict.fromkeys(("稿件", "文章", "新闻", "消息", "条目", "图片", "照片", "图片稿"), "article"),
    **dict.fromkeys(("说明", "图片说明", "图说", "图注", "段落", "段"), "p"),
    **dict.fromkeys(("摄影", "摄影者", "摄影记者", "图片作者", "通讯员", "实习生", "责任编辑", "编辑", "责编", "校对", "美编",
                     "版式"), "photocredit"),
    **dict.fromkeys(("序号", "编号", "稿号", "字数", "日期", "版次", "版号", "来源", "关键词", "分类", "类型", "状态", "链接",
                     "图片文件", "文件名"), "id"),
}
_CJK_ATTRS = {"报纸": "paper", "报名": "paper", "日期": "date", "出版日期": "date", "版次": "page", "版号": "page",
              "版名": "name"}
_CJK_TAG = re.compile(r"<(?P<end>/?)(?P<name>[\u4e00-\u9fff]{1,8})(?P<attrs>\s[^<>]*?)?(?P<empty>/?)>")
_CJK_END_TAG = re.compile(r"</[\u4e00-\u9fff]{1,8}>")
_CJK_ATTR_NAME = re.compile(r"(?<=[\s\"'])(?P<name>[\u4e00-\u9fff]{1,8})(?=\s*=)")
_PHOTO_CREDIT_FIELDS = frozenset({"photocredit"})
_PAPER_ATTRS = ("paper", "newspaper", "papername", "publication")
_DATE_ATTRS = ("date", "pubdate", "pub_date", "issuedate", "publishdate")
_PAGE_ATTRS = ("page", "pageno", "page_no", "pagenum", "banci")
_PAGE_NAME_ATTRS = ("name", "pagename", "page_name", "banming")


def looks_like_markup(text: str) -> bool:
    """A page saved as HTML or exported as XML, not page text with a stray "<b>" in it.

    '<article id="1">\\n<title>温县举办太极拳比赛</title>…' -> True; "温度<5℃时注意防冻" -> False; page text
    quoting tags in its sentences ('正文里有<script>alert(1)</script>和<b>加粗</b>…') -> False: markup's lines
    start or end with its tags, text's lines with words.
    """
    if _MARKUP_START.match(text):
        return True
    if len(_CJK_END_TAG.findall(text, 0, 200_000)) >= MIN_TAGS:
        text = _latin_tags(text)[0]  # "<稿件>\n<主题>温县举办太极拳比赛</主题>…": an export with its elements named in Chinese
    if len(_TAG.findall(text, 0, 200_000)) < MIN_TAGS:
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if _LINE_STARTS_WITH_TAG.match(line) or _LINE_ENDS_WITH_TAG.search(line)) \
        >= TAG_LINE_SHARE * len(lines)


@dataclass
class MarkupPage:
    """A markup page as page text, what its root element says of the page, and what was dropped."""

    text: str
    meta: PageMeta | None = None
    dropped: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []  # text pieces; "\n" breaks a line
        self.dropped: list[str] = []
        self.stack: list[str] = []
        self.skip = 0  # inside <script>, <style>, <head>…
        self.field: str | None = None  # inside a headline, credit, column or bookkeeping field
        self.field_text: list[str] = []
        self.meta: PageMeta | None = None
        self.item_start: int | None = None  # where the current item's text begins in ``out``
        self.kicker = False  # the open headline field is a kicker: <hl2 class="kicker">
        self.dateline = ""  # a dateline field's text, for the head of the text that follows
        self.photo_labels: list[str] = []  # the Chinese names of an export's photo-credit elements, in order
        self.photo_label = "摄影"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _SKIPPED:
            self.skip += 1
        # attribute values are no text a reader sees: "<img alt=\"图片\">", "<issue paper=\"焦作日报\" …>"
        self.dropped.extend(v.strip() for _, v in attrs if v and _CJK.search(v))
        if self.meta is None and self.skip == 0:
            self.meta = _meta_of(dict((k.lower(), v or "") for k, v in attrs))
        if self.field is not None and tag not in _INLINE:
            self._unfield()  # "<page><title>…</title>…</page>": a field name holding elements is a container
        if tag in ("br", "img", "hr", "meta", "input") or (tag == "link" and attrs):  # void: no end tag follows
            self._break(2 if tag == "hr" else 1)
            return
        self.stack.append(tag)
        if tag in _ITEM_ELEMENTS or (tag in ("div", "section") and _ITEM_CLASS.search(
                " ".join(v or "" for k, v in attrs if k in ("class", "id")))):
            self._break(3)
            self.out.extend(["\f", "\n"])  # one item ends here: nothing of it runs on into the next (its column neither)
            self.item_start = len(self.out)
        elif tag in _HEADLINE_FIELDS | _CREDIT_FIELDS | _COLUMN_FIELDS | _BOOKKEEPING | _DATELINE_FIELDS \
                and self.field is None:
            self._break(1)
            if tag in _PHOTO_CREDIT_FIELDS and self.photo_labels:
                self.photo_label = self.photo_labels.pop(0)
            self.field, self.field_text = tag, []
            self.kicker = tag in _KICKER_FIELDS or any(k == "class" and v and "kicker" in v.lower() for k, v in attrs)
        elif tag in _BLOCK_ELEMENTS:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag not in self.stack:
            return
        while self.stack:
            opened = self.stack.pop()
            self._close(opened)
            if opened == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag == self.field:
            self._field_done()
        elif tag in _ITEM_ELEMENTS:
            self._break(3)
        elif tag in _BLOCK_ELEMENTS:
            self._break(1)

    def _unfield(self) -> None:
        """The open field holds elements: it is a container, and what it held so far is text."""
        value = "".join(self.field_text).strip()
        self.field, self.field_text = None, []
        if value:
            self.out.extend([value, "\n"])

    def _field_done(self) -> None:
        tag, value = self.field, "".join(self.field_text).strip()
        self.field, self.field_text = None, []
        if not value:
            if tag in _PHOTO_CREDIT_FIELDS:
                self.dropped.append(self.photo_label)  # "<摄影></摄影>": an empty field; its name is reported, not lost
            return
        if tag in _DATELINE_FIELDS and "\n" not in value:
            self.dateline = value  # "本报讯", printed at the head of the text
        elif tag in _PHOTO_CREDIT_FIELDS and "\n" not in value:
            # "<摄影>本报记者 邬彬</摄影>": "摄影：本报记者 邬彬"; "<通讯员>李华</通讯员>": "通讯员 李华" (a role before a name);
            # "<责任编辑>张丽</责任编辑>": "责任编辑：张丽", the page's staff
            joiner = " " if self.photo_label in ("通讯员", "实习生") else "："
            self.out.extend([f"{self.photo_label}{joiner}{value}", "\n"])
        elif tag in _HEADLINE_FIELDS and "\n" not in value:
            k = len(self.out)
            if self.kicker:  # over the headline lines given before it
                while k >= 2 and self.out[k - 1] == "\n" and self.out[k - 2].startswith("# "):
                    k -= 2
            self.out[k:k] = [f"# {value}", "\n"]  # kicker, headline, subtitle: headings right over one another
        elif tag in _COLUMN_FIELDS and "\n" not in value:
            self._place_column(value)
        elif tag in _BOOKKEEPING:
            self.dropped.append(value)  # "<type>图片</type>": what the export says of the item, not its text
        else:
            self.out.extend([value, "\n"])

    def _place_column(self, value: str) -> None:
        """The column ("<column>县区传真</column>", printed after the headline fields) as a heading set apart
        above the item's headline group, which is how a page prints a column's name over its pieces."""
        k = len(self.out)
        if self.item_start is not None:
            k = self.item_start
        else:
            while k > 0 and (self.out[k - 1] == "\n" or self.out[k - 1].startswith("# ")):
                k -= 1
        self.out[k:k] = [f"## {value}", "\n", "\n"]

    def handle_data(self, data: str) -> None:
        if self.skip:
            if data.strip():
                self.dropped.append(data.strip())
            return
        if not data.strip():
            if "\n" not in data and self.out and self.out[-1] != "\n" and self.field is None and not self.skip:
                self.out.append(" ")  # "<span>焦作日报</span> <span>2023年06月27日</span>": words kept apart
            elif "\n" in data and self.out and self.out[-1] != "\n" and self.field is None \
                    and not any(t in _HTML_BLOCKS for t in self.stack):
                self.out.append("\n")  # "<b>第一行</b>\n<b>第二行</b>" in an export's text: two lines
            return  # (the layout's white space between blocks: nothing)
        if not any(t in _HTML_BLOCKS for t in self.stack):
            # an export's text ("<content>　　第一段\n　　第二段</content>", or lines after an inline element):
            # its line ends are the page's
            if data[:1] in "\r\n" and self.field is None and self.out and self.out[-1] != "\n":
                self.out.append("\n")
            if data[-1:] in "\r\n" and self.field is None:
                if self.dateline:
                    data, self.dateline = f"{self.dateline} {data.lstrip()}", ""
                self.out.extend([data.strip("\r\n"), "\n"])
                return
        data = data.strip("\r\n")
        if self.field is not None:
            self.field_text.append(data)
        else:
            if self.dateline:
                data, self.dateline = f"{self.dateline} {data.lstrip()}", ""
            self.out.append(data)

    def handle_comment(self, data: str) -> None:
        """"<!-- 焦作日报 稿件归档导出 2018-11-22 第04版 -->": no text of the page, but reported, as every tag's words are."""
        if _CJK.search(data):
            self.dropped.append(data.strip())

    def handle_pi(self, data: str) -> None:
        if _CJK.search(data):
            self.dropped.append(data.strip())

    def unknown_decl(self, data: str) -> None:
        if _CJK.search(data):
            self.dropped.append(data.strip())

    def _break(self, n: int) -> None:
        if self.field is not None:
            self.field_text.append("\n")
            return
        tail = 0
        for piece in reversed(self.out):
            if piece != "\n":
                break
            tail += 1
        self.out.extend(["\n"] * max(0, n - tail))


def _meta_of(attrs: dict[str, str]) -> PageMeta | None:
    """The page an element's attributes describe: <issue paper="焦作日报" date="2018-08-22" page="03" name="综合">."""
    paper = next((attrs[a].strip() for a in _PAPER_ATTRS if attrs.get(a, "").strip()), None)
    date = next((d for a in _DATE_ATTRS if (d := normalize_date(attrs.get(a, ""))) is not None), None)
    number = next((attrs[a].strip() for a in _PAGE_ATTRS if attrs.get(a, "").strip()), None)
    name = next((attrs[a].strip() for a in _PAGE_NAME_ATTRS if attrs.get(a, "").strip()), None) if number else None
    if paper is None and date is None:
        return None
    page = None
    if number:
        page = f"第{int(number)}版" if number.isascii() and number.isdigit() else (number if number.endswith("版") else f"第{number}版")
        page = f"{page} {name}" if name else page
    return PageMeta(paper=paper, pub_date=date, pub_date_source="header" if date else None, page=page)


def _cdata_text(m: re.Match[str]) -> str:
    """A CDATA section's text, read as the markup around it: its own markup if it holds some
    ("<content><![CDATA[<p>　　盛夏时节,…</p>]]></content>"), else its characters, escaped."""
    inner = m.group(1)
    return inner if _TAG.search(inner) else html.escape(inner, quote=False)


def _latin_tags(text: str) -> tuple[str, list[str], list[str]]:
    """An export's elements named in Chinese renamed as baokan reads them: '<主题>温县举办太极拳比赛</主题>' ->
    '<zhuti>温县举办太极拳比赛</zhuti>'; the Chinese names taken out (reported as dropped, but for a photo credit's,
    which its credit line prints: '<摄影>本报记者 邬彬</摄影>' -> '摄影：本报记者 邬彬'). Only names that also end an
    element count, so "<上一版 下一版>" in page text stays text."""
    closed = set(m.group()[2:-1] for m in _CJK_END_TAG.finditer(text))
    if not closed:
        return text, [], []
    closed |= {m.group("name") for m in _CJK_TAG.finditer(text) if m.group("empty")}  # "<引题/>": an empty field
    names: list[str] = []
    photo_labels: list[str] = []

    def latin(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in closed:
            return m.group()
        element = _CJK_ELEMENTS.get(name, "div")
        if element in _PHOTO_CREDIT_FIELDS and not m.group("end"):
            photo_labels.append(name)
        else:
            names.append(name)
        attrs = m.group("attrs") or ""
        for a in _CJK_ATTR_NAME.finditer(attrs):
            names.append(a.group("name"))
        attrs = _CJK_ATTR_NAME.sub(lambda a: _CJK_ATTRS.get(a.group("name"), "x-attr"), attrs)
        return f"<{m.group('end')}{element}{attrs}{m.group('empty')}>"

    return _CJK_TAG.sub(latin, text), names, photo_labels


def from_markup(text: str) -> MarkupPage:
    """The page text of a markup page (see the module's docstring), its meta and the dropped parts."""
    reader = _Reader()
    text, names, photo_labels = _latin_tags(text)
    reader.dropped.extend(names)
    reader.photo_labels = photo_labels
    reader.feed(_CDATA.sub(_cdata_text, text))
    reader.close()
    if reader.field is not None:
        reader._field_done()
    if reader.dateline:  # a dateline with no text after it
        reader.out.extend(["\n", reader.dateline, "\n"])
    lines = [line.rstrip(" \t") for line in "".join(reader.out).split("\n")]
    page_text = re.sub(r"\n{4,}", "\n\n\n", "\n".join(lines)).strip("\n") + "\n"
    return MarkupPage(page_text, reader.meta, reader.dropped)
