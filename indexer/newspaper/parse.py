"""Page text in, article and caption records out: the pure parsing layer (no Whoosh, no Flask)."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import PurePath

from indexer.newspaper.boilerplate import Boilerplate, default_boilerplate
from indexer.newspaper.bylines import Credit, match_byline, match_photo_credit
from indexer.newspaper.gazetteer import Gazetteer, load_gazetteer
from indexer.newspaper.pagemeta import Manifest, merge_meta, meta_for_file, parse_header, with_inferred_date
from indexer.records import Caption, PageMeta, ParsedPage, Record
from indexer.newspaper.textio import read_page_file

HEADLINE_MAX = 48  # "开启“科创飞地”招商新模式 河南理工大学科技园入驻深圳天安云谷" is 32
CAPTION_TITLE_MAX = 20
KICKER_MAX = 30  # a kicker (引题) is a short phrase; a longer open line is body text broken by the layout
_NOT_LAST = frozenset("了的和与及在对把将从向、")  # a line ending "…慰问了" stops mid-sentence, it is no kicker
DUPLICATE_MIN_CJK = 20  # a repeated run shorter than this may be a legitimate repetition
DUPLICATE_MAX_CHARS = 2000  # OCR repeats a paragraph, not a whole article
_CLOSERS = frozenset("。！？!?….”’」』；;：:）)》】\"'")
_SENTENCE_END = frozenset("。！？!?")
_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、是要]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|第[一二三四五六七八九十]+[,，、])")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def record_id(source: str, ordinal: int) -> str:
    """Stable record id: first 16 hex digits of blake2b("000_….txt#3")."""
    return hashlib.blake2b(f"{source}#{ordinal}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in a text."""
    return len(_CJK.findall(text))


@dataclass
class _Block:
    """One non-blank line of the page: a heading (level 1-6) or a plain paragraph (level 0)."""

    text: str
    raw: str
    level: int = 0
    byline: tuple[Credit, str] | None = None
    photo: tuple[str, Credit] | None = None

    @property
    def heading(self) -> bool:
        return self.level > 0

    @property
    def plain(self) -> bool:
        return self.level == 0 and self.byline is None and self.photo is None

    @property
    def candidate(self) -> bool:
        """Could be a headline: short, no sentence inside, no closing punctuation ("官卫红到区消防救援大队调研消防工作")."""
        t = self.text
        return (
            self.plain
            and len(t) <= HEADLINE_MAX
            and not any(ch in _SENTENCE_END for ch in t)
            and t[-1] not in _CLOSERS
            and t[-1] not in ",，、"
            and cjk_count(t) >= 2
        )

    @property
    def subtitle(self) -> bool:
        """A subtitle line under a headline: "——我市推进科技创新工作综述"."""
        return self.plain and self.text.startswith(("——", "—")) and len(self.text) <= HEADLINE_MAX and "。" not in self.text


@dataclass
class _Draft:
    """A record being assembled while walking the blocks."""

    kind: str
    title: str = ""
    section: str | None = None
    byline: Credit | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    photo: tuple[str, Credit] | None = None


@dataclass(frozen=True)
class _Title:
    text: str
    next: int
    kind: str


class _Walker:
    """Walks the blocks of one page and assembles drafts."""

    def __init__(self, blocks: list[_Block]) -> None:
        self.blocks = blocks
        self.drafts: list[_Draft] = []
        self.dropped: list[str] = []
        # title_at/is_section look one or two blocks ahead and call each other: cache them and
        # fill the caches from the end of the page, so no call recurses more than a level deep.
        self._titles: dict[tuple[int, bool, bool], _Title | None] = {}
        self._sections: dict[int, bool] = {}
        for i in reversed(range(len(blocks))):
            self.is_section(i)
            for in_article in (False, True):
                for open_end in (False, True):
                    self.title_at(i, in_article=in_article, open_end=open_end)

    def at(self, i: int) -> _Block | None:
        return self.blocks[i] if 0 <= i < len(self.blocks) else None

    def is_section(self, i: int) -> bool:
        """A column label: a heading followed by another heading or by a plain-line headline.

        "## 科技视界" then "## 清华大学教授到中区开展产学研对接活动" -> section 科技视界;
        "# 温县：怀药产业插上科技翅膀" then "——温县推进怀药精深加工见闻" is a headline and its subtitle.
        """
        if i not in self._sections:
            self._sections[i] = self._is_section(i)
        return self._sections[i]

    def _is_section(self, i: int) -> bool:
        b, nxt = self.at(i), self.at(i + 1)
        if b is None or not b.heading or nxt is None:
            return False
        if nxt.heading:
            return True
        return nxt.candidate and not nxt.subtitle and self.title_at(i + 1, in_article=False, open_end=False) is not None

    def title_at(self, i: int, *, in_article: bool, open_end: bool) -> _Title | None:
        """A headline starting at block i (with kicker/subtitle), or None."""
        key = (i, in_article, open_end)
        if key not in self._titles:
            self._titles[key] = self._title_at(i, in_article=in_article, open_end=open_end)
        return self._titles[key]

    def _title_at(self, i: int, *, in_article: bool, open_end: bool) -> _Title | None:
        b, nxt = self.at(i), self.at(i + 1)
        if b is None or nxt is None:
            return None
        if b.heading:
            if self.is_section(i):
                return None
            return self._finish_title(b.text, i + 1)
        if not b.candidate:
            return None
        if nxt.byline is not None:  # "官卫红到区消防救援大队调研消防工作" + "本报讯(记者付凯明)…"
            return _Title(b.text, i + 1, "article")
        after = self.at(i + 2)
        if nxt.subtitle and after is not None and after.byline is not None:
            return _Title(f"{b.text} {nxt.text}", i + 2, "article")
        if _kicker(b.text) and nxt.heading and not self.is_section(i + 1):  # kicker above a "# " headline
            below = self.title_at(i + 1, in_article=in_article, open_end=open_end)
            return _Title(f"{b.text} {below.text}", below.next, below.kind) if below else None
        if _kicker(b.text) and nxt.candidate and after is not None and after.byline is not None:
            return _Title(f"{b.text} {nxt.text}", i + 2, "article")  # kicker + headline + byline
        if nxt.photo is not None and len(b.text) <= CAPTION_TITLE_MAX and not open_end:
            return _Title(b.text, i + 1, "caption")  # "丰收时节" over a photo caption
        if not in_article and nxt.plain and not nxt.candidate:
            return _Title(b.text, i + 1, "article")  # a headline with no byline at the top of the page
        return None

    def _finish_title(self, title: str, j: int) -> _Title:
        sub = self.at(j)
        if sub is not None and sub.subtitle:
            title, j = f"{title} {sub.text}", j + 1
        following = self.at(j)
        kind = "caption" if following is not None and following.photo is not None else "article"
        return _Title(title, j, kind)

    def is_body(self, i: int) -> bool:
        """Block i continues the current article (not a headline, byline, caption or column label)."""
        b = self.at(i)
        return (
            b is not None
            and b.plain
            and not self.is_section(i)
            and self.title_at(i, in_article=True, open_end=False) is None
        )

    def walk(self) -> None:
        cur: _Draft | None = None
        section: str | None = None
        i = 0
        while i < len(self.blocks):
            b = self.blocks[i]
            in_article = cur is not None and cur.kind == "article"
            open_end = bool(in_article and cur and cur.paragraphs and cur.paragraphs[-1][-1] not in _CLOSERS)
            if self.is_section(i):
                self._finish(cur)
                cur, section = None, b.text
                self.dropped.append(b.raw)
                i += 1
                continue
            title = self.title_at(i, in_article=in_article, open_end=open_end)
            if title is not None:
                self._finish(cur)
                cur = _Draft(kind=title.kind, title=title.text, section=section)
                i = title.next
                if title.kind == "caption":
                    cur.photo = self.blocks[i].photo
                    self._finish(cur)
                    cur = None
                    i += 1
                elif (nb := self.at(i)) is not None and nb.byline is not None:
                    cur.byline = nb.byline[0]
                    if nb.byline[1]:
                        cur.paragraphs.append(nb.byline[1])
                    i += 1
                continue
            if b.heading:  # a heading with nothing after it
                self.dropped.append(b.raw)
                i += 1
                continue
            if b.byline is not None:  # "□ 李文" under "## 时评" with no headline of its own
                if not (in_article and cur and cur.byline is None and not cur.paragraphs and not cur.captions):
                    self._finish(cur)
                    cur = _Draft(kind="article", section=section)
                cur.byline = b.byline[0]
                if b.byline[1]:
                    cur.paragraphs.append(b.byline[1])
                i += 1
                continue
            if b.photo is not None:
                end = i
                while (nb := self.at(end + 1)) is not None and nb.photo is not None:
                    end += 1
                if in_article and cur is not None and self.is_body(end + 1):
                    # the article goes on after the photo: the captions are part of it
                    cur.captions.extend(_caption(blk.photo) for blk in self.blocks[i : end + 1] if blk.photo)
                else:
                    self._finish(cur)
                    cur = None
                    for blk in self.blocks[i : end + 1]:
                        self._finish(_Draft(kind="caption", section=section, photo=blk.photo))
                i = end + 1
                continue
            if not in_article or cur is None:
                self._finish(cur)
                cur = _Draft(kind="article", section=section)
            cur.paragraphs.append(b.text)
            i += 1
        self._finish(cur)

    def _finish(self, draft: _Draft | None) -> None:
        if draft is None:
            return
        if draft.kind == "article":
            paragraphs, removed = clean_paragraphs(draft.paragraphs)
            self.dropped.extend(removed)
            draft.paragraphs = paragraphs
            if not paragraphs and not draft.captions and draft.byline is None:
                if draft.title:
                    self.dropped.append(draft.title)  # a headline with no article under it
                return
        self.drafts.append(draft)


def _kicker(text: str) -> bool:
    """"坚持创新驱动 建设科技强市" can sit above a headline; "…等疫情防控点位慰问了" cannot."""
    return len(text) <= KICKER_MAX and text[-1] not in _NOT_LAST


def _caption(photo: tuple[str, Credit] | None) -> Caption:
    """An embedded caption keeps its credit: "…召开。本报记者 蒋鑫 摄" -> photographers ("蒋鑫",)."""
    text, credit = photo if photo else ("", Credit(""))
    return Caption(text=f"{text}{credit.text}" if _glued(text) else f"{text} {credit.text}".strip(), photographers=credit.reporters)


def _glued(text: str) -> bool:
    return not text or text[-1] in _CLOSERS


def clean_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Drop OCR-repeated runs, then rejoin paragraphs broken mid-sentence.

    "…直接督办" + "整改事项。…" -> "…直接督办整改事项。…".
    """
    kept, dropped = drop_repeated_runs(paragraphs)
    return rejoin_broken(kept), dropped


def drop_repeated_runs(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Remove a paragraph's tail (from a sentence start, >= 20 CJK) that a later paragraph also ends with.

    Seed 004 prints "截至目前,示范区共拥有市以上创新创业领军人才(团队)27个,…占全省入" twice; the later copy
    sits under its own topic sentence (大力建设科技创新人才队伍。) and goes on with "导数量的十分之一。",
    so the later copy is kept and the earlier one dropped. A paragraph repeated whole is the same case.
    """
    paras = list(paragraphs)
    last_ending: dict[str, int] = {}  # tail text -> last paragraph that ends with it
    for j, para in enumerate(paras):
        for start in _sentence_starts(para):
            last_ending[para[start:]] = j
    dropped: list[str] = []
    for i, para in enumerate(paras):
        for start in _sentence_starts(para):
            tail = para[start:]
            if cjk_count(tail) < DUPLICATE_MIN_CJK:
                break
            if last_ending.get(tail, -1) > i:
                dropped.append(tail)
                paras[i] = para[:start].rstrip()
                break
    return [p for p in paras if p.strip()], dropped


def _sentence_starts(text: str) -> list[int]:
    """Where sentences start, within the last DUPLICATE_MAX_CHARS of a paragraph, longest tail first."""
    first = max(0, len(text) - DUPLICATE_MAX_CHARS)
    starts = [first] if first == 0 else []
    starts.extend(k + 1 for k in range(first, len(text) - 1) if text[k] in _SENTENCE_END)
    return starts


def rejoin_broken(paragraphs: list[str]) -> list[str]:
    """Join a paragraph that stops mid-sentence with the next ("专家培" + "训授课,…" -> "专家培训授课,…").

    Not joined: a paragraph ending in closing punctuation, and numbered subheads ("一、…", "(二)…").
    """
    out: list[str] = []
    for para in paragraphs:
        if out and out[-1][-1] not in _CLOSERS and not _ENUMERATOR.match(para) and not _is_subhead(out[-1]):
            prev = out[-1]
            sep = " " if prev[-1].isascii() and prev[-1].isalnum() and para[0].isascii() and para[0].isalnum() else ""
            out[-1] = prev + sep + para
        else:
            out.append(para)
    return out


def _is_subhead(para: str) -> bool:
    return len(para) <= 30 and bool(_ENUMERATOR.match(para))


def split_blocks(lines: list[str], boilerplate: Boilerplate) -> tuple[list[_Block], list[str]]:
    """Lines to blocks, with boilerplate cut out and lone photo credits joined to the caption above."""
    blocks: list[_Block] = []
    dropped: list[str] = []
    for raw in lines:
        line, removed = boilerplate.clean_line(raw)
        dropped.extend(removed)
        line = line.strip()
        if not line:
            continue
        m = _HEADING.match(line)
        if m:
            blocks.append(_Block(text=m.group(2).strip(), raw=line, level=len(m.group(1))))
            continue
        photo = match_photo_credit(line)
        if photo is not None and not photo[0] and blocks and blocks[-1].level == 0 and blocks[-1].photo is None and blocks[-1].byline is None:
            # "…进行作业。" / "本报记者 宋崇飞 摄" on the next line: one caption
            prev = blocks.pop()
            line = prev.text + ("" if _glued(prev.text) else " ") + line
            photo = match_photo_credit(line)
        byline = match_byline(line)
        if byline is not None:
            photo = None
        blocks.append(_Block(text=line, raw=line, byline=byline, photo=photo))
    return blocks, dropped


def _page_hint(records: list[Record], meta: PageMeta, gazetteer: Gazetteer) -> str | None:
    """The district a page is given over to: named in the page label, or the region of most records."""
    if meta.page:
        named = gazetteer.mentions(meta.page).districts
        if named:
            return named.most_common(1)[0][0]
    regions = [r.region for r in records if r.region]
    districts = [r for r in regions if r != gazetteer.city]
    if not districts:
        return None
    top = max(set(districts), key=districts.count)
    count = districts.count(top)
    return top if count >= 3 and count * 2 > len(regions) else None


def _region(draft: _Draft, gazetteer: Gazetteer, hint: str | None) -> str | None:
    if draft.kind == "caption":
        text = draft.photo[0] if draft.photo else ""
        region = gazetteer.detect_region(draft.title, text, "", page_hint=hint)
        return region or hint  # a photo with no place named on a district's page shows that district
    lead = draft.paragraphs[0] if draft.paragraphs else ""
    body = "\n".join(draft.paragraphs[1:] + [c.text for c in draft.captions])
    return gazetteer.detect_region(draft.title, lead, body, page_hint=hint)


def _to_record(draft: _Draft, ordinal: int, source: str, meta: PageMeta, region: str | None) -> Record:
    base = Record(
        id=record_id(source, ordinal), kind="article", title=draft.title, body="", section=draft.section, region=region,
        pub_date=meta.pub_date, pub_date_source=meta.pub_date_source, source=source, page=meta.page, paper=meta.paper,
    )
    if draft.kind == "caption":
        text, credit = draft.photo if draft.photo else ("", Credit(""))
        return replace(base, kind="caption", body=text, byline=credit.text or None, photographers=credit.reporters)
    photographers: list[str] = []
    for caption in draft.captions:
        photographers.extend(p for p in caption.photographers if p not in photographers)
    credit = draft.byline or Credit("")
    return replace(
        base, body="\n".join(draft.paragraphs), byline=credit.text or None, reporters=credit.reporters,
        correspondents=credit.correspondents, photographers=tuple(photographers), captions=tuple(draft.captions),
    )


def _parse(text: str, source: str, meta: PageMeta | None, gazetteer: Gazetteer, boilerplate: Boilerplate) -> ParsedPage:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    header, used = parse_header(lines)
    dropped = [line.strip() for line in lines[:used] if line.strip()]
    page_meta = merge_meta(header, meta, PageMeta(paper=gazetteer.paper))
    page_meta = with_inferred_date(page_meta, text)
    blocks, removed = split_blocks(lines[used:], boilerplate)
    dropped.extend(removed)
    walker = _Walker(blocks)
    walker.walk()
    dropped.extend(walker.dropped)
    drafts = walker.drafts
    first = [_to_record(d, n, source, page_meta, _region(d, gazetteer, None)) for n, d in enumerate(drafts)]
    hint = _page_hint(first, page_meta, gazetteer)
    records = first if hint is None else [_to_record(d, n, source, page_meta, _region(d, gazetteer, hint)) for n, d in enumerate(drafts)]
    return ParsedPage(source=source, records=tuple(records), meta=page_meta, dropped=tuple(d for d in dropped if d))


def parse_page(text: str, source: str = "", *, meta: PageMeta | None = None, gazetteer: Gazetteer | None = None,
               strict: bool = False) -> ParsedPage:
    """Parse one page's text into records; never raises on a str (a parser bug drops the page, whole).

    With ``strict=True`` a parser bug raises instead (the fuzz and property tests use it).
    """
    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    try:
        return _parse(text, source, meta, gaz, default_boilerplate())
    except Exception:  # noqa: BLE001 - last line of defence; strict callers see the bug
        if strict:
            raise
        fallback = merge_meta(meta)
        return ParsedPage(source=source, records=(), meta=fallback, dropped=(text,) if text else ())


def parse_file(
    path: str | os.PathLike[str], *, source: str | None = None, manifest: Manifest | None = None, gazetteer: Gazetteer | None = None
) -> ParsedPage:
    """Read and parse one page file; raises UnreadableFile. Source defaults to the file's base name."""
    text = read_page_file(path)
    name = source if source is not None else PurePath(os.fspath(path)).name
    # date in the file name first, then the manifest entry for the path or for the source name
    meta = merge_meta(meta_for_file(os.fspath(path), manifest), manifest.lookup(name) if manifest else None)
    return parse_page(text, name, meta=meta, gazetteer=gazetteer)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


__all__ = ["parse_page", "parse_file", "record_id", "clean_paragraphs", "cjk_count"]
