"""Page text in, article and caption records out: the pure parsing layer (no Whoosh, no Flask).

header and metadata (``pagemeta``) -> lines and the page's habits (``layout``) -> a role
for every line and the records' drafts (``segment``) -> paragraphs cleaned of OCR repeats
and layout breaks, credits, regions (``gazetteer``) -> ``Record``s.
"""
from __future__ import annotations

import re

import hashlib
import os
from dataclasses import replace
from functools import lru_cache
from pathlib import PurePath

from indexer.newspaper.boilerplate import Boilerplate, default_boilerplate
from indexer.newspaper.bylines import Credit, credited_photographers
from indexer.newspaper.gazetteer import Gazetteer, load_gazetteer
from indexer.newspaper.layout import CLOSERS, ENUMERATOR, cjk_count, glued, read_lines
from indexer.newspaper.exports import read_export
from indexer.newspaper.markup import from_markup, looks_like_markup
from indexer.newspaper.pagemeta import (Manifest, item_source_meta, merge_meta, meta_for_file, parse_header, staff_in,
                                        with_inferred_date)
from indexer.newspaper.segment import BULLETS, CLASSIFIED_TITLE, Draft, Explained, Segmenter
from indexer.newspaper.textio import read_page_file
from indexer.records import Caption, PageMeta, ParsedPage, Record

DUPLICATE_MIN_CJK = 20  # a repeated run shorter than this may be a legitimate repetition
DUPLICATE_MAX_CHARS = 2000  # OCR repeats a paragraph, not a whole article
_SENTENCE_END = frozenset("。！？!?")


def record_id(source: str, ordinal: int) -> str:
    """Stable record id: first 16 hex digits of blake2b("000_….txt#3")."""
    return hashlib.blake2b(f"{source}#{ordinal}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _caption(photo: tuple[str, Credit] | None) -> Caption:
    """An embedded caption keeps its credit: "…召开。本报记者 蒋鑫 摄" -> photographers ("蒋鑫",)."""
    text, credit = photo if photo else ("", Credit(""))
    return Caption(text=f"{text}{credit.text}" if glued(text) else f"{text} {credit.text}".strip(), photographers=credit.reporters)


def clean_paragraphs(paragraphs: list[str], subheads: frozenset[int] | set[int] = frozenset()) -> tuple[list[str], list[str]]:
    """Drop OCR-repeated runs, then rejoin paragraphs broken mid-sentence.

    "…直接督办" + "整改事项。…" -> "…直接督办整改事项。…". ``subheads`` are the indexes of
    paragraphs that are sub-headings ("产业链条越拉越长"): never joined to the next one.
    """
    kept, dropped = drop_repeated_runs(paragraphs, keep_empty=True)
    pairs = [(p, i in subheads) for i, p in enumerate(kept) if p.strip()]
    return rejoin_broken([p for p, _ in pairs], {n for n, (_, sub) in enumerate(pairs) if sub}), dropped


def drop_repeated_runs(paragraphs: list[str], keep_empty: bool = False) -> tuple[list[str], list[str]]:
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
    return (paras if keep_empty else [p for p in paras if p.strip()]), dropped


def _sentence_starts(text: str) -> list[int]:
    """Where sentences start, within the last DUPLICATE_MAX_CHARS of a paragraph, longest tail first."""
    first = max(0, len(text) - DUPLICATE_MAX_CHARS)
    starts = [first] if first == 0 else []
    starts.extend(k + 1 for k in range(first, len(text) - 1) if text[k] in _SENTENCE_END)
    return starts


def rejoin_broken(paragraphs: list[str], subheads: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """Join a paragraph that stops mid-sentence with the next ("专家培" + "训授课,…" -> "专家培训授课,…").

    Not joined: a paragraph ending in closing punctuation, sub-headings (numbered ones such as
    "一、…", "(二)…", and those in ``subheads``), and a paragraph before a numbered line.
    """
    out: list[str] = []
    last_sub = False
    for n, para in enumerate(paragraphs):
        if out and out[-1][-1] not in CLOSERS and not ENUMERATOR.match(para) and not _is_subhead(out[-1]) \
                and not last_sub and n not in subheads:
            prev = out[-1]
            sep = " " if prev[-1].isascii() and prev[-1].isalnum() and para[0].isascii() and para[0].isalnum() else ""
            out[-1] = prev + sep + para
        else:
            out.append(para)
            last_sub = n in subheads
    return out


def _is_subhead(para: str) -> bool:
    return len(para) <= 30 and bool(ENUMERATOR.match(para))


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


def _region(draft: Draft, gazetteer: Gazetteer, hint: str | None) -> str | None:
    if draft.kind == "caption":
        text = draft.photo[0] if draft.photo else ""
        region = gazetteer.detect_region(draft.title, text, "", page_hint=hint)
        return region or hint  # a photo with no place named on a district's page shows that district
    lead = draft.paragraphs[0] if draft.paragraphs else ""
    body = "\n".join(draft.paragraphs[1:] + [text for text, _ in draft.captions])
    return gazetteer.detect_region(draft.title, lead, body, page_hint=hint)


def _to_record(draft: Draft, ordinal: int, source: str, meta: PageMeta, region: str | None) -> Record:
    base = Record(
        id=record_id(source, ordinal), kind="article", title=draft.title, body="", section=draft.section, region=region,
        pub_date=meta.pub_date, pub_date_source=meta.pub_date_source, source=source, page=meta.page, paper=meta.paper,
        page_staff=tuple(f"{role}：{name}" for role, name in meta.staff),
    )
    if draft.kind == "caption":
        text, credit = draft.photo if draft.photo else ("", Credit(""))
        return replace(base, kind="caption", body=text, byline=credit.text or None, photographers=credit.reporters)
    captions = tuple(_caption(photo) for photo in draft.captions)
    photographers: list[str] = list(credited_photographers(draft.byline)) if draft.byline else []
    for caption in captions:
        photographers.extend(p for p in caption.photographers if p not in photographers)
    credit = draft.byline or Credit("")
    if (PHOTO_REPORT in credit.text or PHOTOGRAPHERS.match(credit.text)) and credit.people and not captions:
        # "…参加了初赛。通讯员张锦清 记者羊荣江 摄影报道", "■ 首席摄影记者 岳建文": a photo report, its text the
        # photos' caption; who took them, in printed order
        flat = credit.text.replace(" ", "").replace("\u3000", "")
        people = tuple(sorted(credit.people, key=lambda name: flat.find(name) if name in flat else len(flat)))
        return replace(base, kind="caption", body="\n".join(draft.paragraphs), byline=credit.text, photographers=people)
    return replace(
        base, body="\n".join(draft.paragraphs), byline=credit.text or None, reporters=credit.reporters,
        correspondents=credit.correspondents, photographers=tuple(photographers), captions=captions,
    )


PHOTO_REPORT = "摄影报道"
# a photo page's credit names its photographers: "■ 首席摄影记者 岳建文", "■ 本版摄影 记者 万善朝 梅月"
PHOTOGRAPHERS = re.compile(r"^[□■●]?\s*(?:本版摄影|(?:首席)?摄影记者)")
_CONTACT = re.compile(r"^\S{0,8}?(?:地址|电话|热线|许可证|网址|官网|邮箱)\s*[:：]"
                      r"|^(?:[\u4e00-\u9fff]{2,10}\s*[:：]\s*[\d\-－]{5,13}[ \u3000]*)+$")  # "供水抢修：2925111　供暖服务：2096777"
# a slogan set alone: "凝心聚力谋发展 实干争先勇作为"
_SLOGAN = re.compile(r"^[\u4e00-\u9fff]{4,8}(?:[ \u3000]+[\u4e00-\u9fff]{4,8}){1,2}$")


def _contact_line(text: str) -> bool:
    """An advertisement's contact line: "地址:解放区民主南路88号 电话:0391-3920000", "广告经营许可证：豫焦工商广字第001号"."""
    return bool(_CONTACT.match(text)) or (len(text) <= 80 and "地址" in text and ("电话" in text or "热线" in text)) \
        or (len(text) <= (80 if text.startswith("【") else 40) and bool(re.search(r"(?:地址|电话)\s*[:：]", text)))
    # ("开业酬宾 进店有礼 地址：丰收路…"; an ad under its tag may run longer: "【年终大促】家电以旧换新 … 地址：…")


_CLASSIFIED_ITEM = re.compile(r"(?:遗失|丢失|作废)[^。]*[。.]?\s*$|(?:声明|特此)作废[。.]?\s*$"
                              # or an ad of the column: "招聘：某物业公司招聘保安4名，…电话：0391-39*****。"
                              r"|^[●■◆★▲·]?\s*(?:招聘|诚聘|出租|出售|转让|求购|求租|招租|家政|搬家|招生|寻人|寻物|征婚|房产)\s*[:：]")


def _classified(draft: Draft) -> bool:
    """A block of classified notices: "遗失声明" / "焦作市马村区某某建材经营部遗失公章一枚，声明作废。"."""
    # (or untitled bulleted notices under the column's label: "分类广告" / "●…遗失公章一枚，声明作废。")
    headed = bool(CLASSIFIED_TITLE.match(draft.title)) or (not draft.title and bool(CLASSIFIED_TITLE.match(draft.section or "")))
    return headed and draft.byline is None and not draft.captions \
        and all(_CLASSIFIED_ITEM.search(p) or _contact_line(p) for p in draft.paragraphs)


_LABEL_ALONE = re.compile(r"[\u4e00-\u9fff]{2,6}")  # a few words alone, no stop: a link or a label, never an item


def _without_repeated_credits(drafts: list[Draft], dropped: list[str]) -> list[Draft]:
    """A copy's writer field over a photo ("作者：窦  鑫" from "来源：焦作日报　作者：窦  鑫　编辑：…"), with nothing
    else of its own, repeats the credit the caption below prints ("…展期一个月。本报记者 窦  鑫 摄"): it is no record."""
    out: list[Draft] = []
    for k, draft in enumerate(drafts):
        nxt = drafts[k + 1] if k + 1 < len(drafts) else None
        if draft.kind == "article" and not draft.title and not draft.paragraphs and not draft.captions \
                and draft.byline is not None and draft.byline.people and nxt is not None and nxt.kind == "caption" \
                and nxt.photo is not None and set(draft.byline.people) <= set(nxt.photo[1].people):
            dropped.append(draft.byline.text)
            continue
        out.append(draft)
    return out


# a web copy's time online, alone on its line: "2024-05-17 17:33:30" (it marks where the copy's items begin, so it
# is read as a line first; with nothing else it is no record)
_POSTED_AT = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}[ \u3000]+\d{1,2}:\d{2}(?::\d{2})?$")


def _finished(drafts: list[Draft], dropped: list[str]) -> list[Draft]:
    """Drafts with clean paragraphs; an article with no text, caption or credit is dropped (its headline too)."""
    out: list[Draft] = []
    for draft in _without_repeated_credits(drafts, dropped):
        if draft.title and any(part[:1] in BULLETS for part in draft.title.split(" ")):
            # "●一碗面,暖了环卫工人的心窝": the bullet before a headline is layout
            parts = draft.title.split(" ")
            dropped.extend(part[0] for part in parts if part[:1] in BULLETS)
            draft.title = " ".join(part[1:].lstrip() if part[:1] in BULLETS else part for part in parts).strip()
        if draft.kind == "caption" and draft.photo and draft.photo[0][:1] in BULLETS and draft.photo[0][1:2].isspace():
            dropped.append(draft.photo[0][0])  # "•   4月14日,运城市解放南路…": the bullet before a caption is layout
            draft.photo = (draft.photo[0][1:].lstrip(), draft.photo[1])
        if draft.title.startswith("【") and draft.title.endswith("】") and "】" not in draft.title[1:-1]:
            dropped.extend(("【", "】"))  # "【我市2023年中招政策出炉！这些变化要知道】": a repost's brackets around a headline
            draft.title = draft.title[1:-1].strip()
        if draft.kind == "article" and draft.paragraphs and draft.byline is None and not draft.captions \
                and all(_contact_line(p) or _SLOGAN.match(p) for p in draft.paragraphs):
            # "焦作体育用品城 春季新品上市" over "地址:…电话:…": an advertisement (looked at before broken lines are
            # joined: a contact line ends with no stop)
            dropped.extend(draft.paragraphs)
            draft.paragraphs = []
        if draft.kind == "article" and not draft.title and draft.byline is None and not draft.captions \
                and draft.paragraphs and all(_POSTED_AT.match(p) for p in draft.paragraphs):
            dropped.extend(draft.paragraphs)  # "2024-05-17 17:33:30" under a copy's source line: when it went online
            draft.paragraphs = []
        if draft.kind == "article":
            paragraphs, removed = clean_paragraphs(draft.paragraphs, draft.subheads)
            dropped.extend(removed)
            if paragraphs and len(paragraphs[0]) > 1 and paragraphs[0][0] in BULLETS and not paragraphs[0][1].isspace():
                dropped.append(paragraphs[0][0])  # "△由市教委…": the bullet that opens a brief is layout, not text
                paragraphs[0] = paragraphs[0][1:]
            draft.paragraphs = paragraphs
            if paragraphs and draft.byline is None and not draft.captions and _classified(draft):
                dropped.extend(paragraphs)  # "遗失声明" over notices
                paragraphs = draft.paragraphs = []
            if not draft.title and draft.byline is None and not draft.captions and len(paragraphs) == 1 \
                    and (_SLOGAN.match(paragraphs[0]) or _LABEL_ALONE.fullmatch(paragraphs[0])):
                dropped.append(paragraphs[0])  # a slogan at the foot of the page, a site's link ("江苏要闻"): not an item
                paragraphs = draft.paragraphs = []
            if not paragraphs and not draft.captions and draft.byline is None:
                if draft.title:
                    dropped.append(draft.title)  # a headline with no article under it
                continue
        out.append(draft)
    return out


def _parse(text: str, source: str, meta: PageMeta | None, gazetteer: Gazetteer,
           boilerplate: Boilerplate) -> tuple[ParsedPage, list[Explained]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # a saved HTML page, a CMS's XML export; an archive database's export (JSON lines, tab-separated rows, 【field】 blocks)
    markup = from_markup(text) if looks_like_markup(text) else read_export(text)
    if markup is not None:
        text = markup.text
    lines = text.split("\n")
    header, used = parse_header(lines)
    if markup is not None:
        header = merge_meta(markup.meta, header) if markup.meta or header else None
    dropped = [line.strip() for line in lines[:used] if line.strip()] + (markup.dropped if markup else [])
    explained = [Explained(n, "header", "page header: paper, date, page", line) for n, line in enumerate(lines[:used], 1)
                 if line.strip()]
    # (a manifest's or the caller's meta outranks what a web copy's own lines say of its source)
    page_meta = merge_meta(header, meta, item_source_meta(lines) if header is None else None, PageMeta(paper=gazetteer.paper))
    page_meta = with_inferred_date(page_meta, text)
    page_lines, removed = read_lines(lines[used:], boilerplate, first_number=used + 1, running_heads=tuple(lines[:used]))
    dropped.extend(removed)
    segmenter = Segmenter(page_lines)
    segmenter.walk()
    dropped.extend(segmenter.dropped)
    explained.extend(segmenter.explained)
    drafts = _finished(segmenter.drafts, dropped)
    page_meta = replace(page_meta, staff=staff_in(dropped))
    local = gazetteer if page_meta.paper in (None, gazetteer.paper) else gazetteer.for_other_paper()
    first = [_to_record(d, n, source, page_meta, _region(d, local, None)) for n, d in enumerate(drafts)]
    hint = _page_hint(first, page_meta, local)
    records = first if hint is None else [_to_record(d, n, source, page_meta, _region(d, local, hint)) for n, d in enumerate(drafts)]
    page = ParsedPage(source=source, records=tuple(records), meta=page_meta, dropped=tuple(d for d in dropped if d))
    return page, sorted(explained, key=lambda e: e.number)


def parse_page(text: str, source: str = "", *, meta: PageMeta | None = None, gazetteer: Gazetteer | None = None,
               strict: bool = False) -> ParsedPage:
    """Parse one page's text into records; never raises on a str (a parser bug drops the page, whole).

    With ``strict=True`` a parser bug raises instead (the fuzz and property tests use it).
    """
    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    try:
        return _parse(text, source, meta, gaz, default_boilerplate())[0]
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


def explain_page(text: str, source: str = "", *, meta: PageMeta | None = None,
                 gazetteer: Gazetteer | None = None) -> tuple[ParsedPage, list[Explained]]:
    """The page parsed, and every line with the role it got and why (``baokan parse --explain``).

    "温县举办太极拳比赛" -> Explained(7, "headline", "shares its words with the text below (+1.5); …").
    """
    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    return _parse(text, source, meta, gaz, default_boilerplate())


def explain_file(path: str | os.PathLike[str], *, manifest: Manifest | None = None,
                 gazetteer: Gazetteer | None = None) -> tuple[ParsedPage, list[Explained]]:
    """``explain_page`` for a page file, read and dated as ``parse_file`` does."""
    text = read_page_file(path)
    name = PurePath(os.fspath(path)).name
    meta = merge_meta(meta_for_file(os.fspath(path), manifest), manifest.lookup(name) if manifest else None)
    return explain_page(text, name, meta=meta, gazetteer=gazetteer)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


__all__ = ["parse_page", "parse_file", "explain_page", "explain_file", "record_id", "clean_paragraphs", "cjk_count"]
