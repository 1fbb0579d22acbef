"""Page metadata: header block, date in the file name, manifest sidecar, date inferred from the text."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from indexer.errors import InvalidInput
from indexer.newspaper.script import either_script
from indexer.records import PageMeta

_PAPER = (r"[\u4e00-\u9fff]{2,8}?(?:日报|晚报|早报|晨报|时报|商报|周报|都市报|工人报|青年报|农民报|法治报|法制报|经济报|导报|快报"
          r"|老年报|少年报|妇女报|科技报|教育报|健康报|体育报|文摘报|参考报|消息报|大众报)")
# "2023年3月15日", "2023.08.15", "2023-04-25", "2023/4/25"
# "一九八五年三月十二日": an older page's date in Chinese numerals
_DATE = (r"(?:(?P<y>\d{4})\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日期?"
         r"|(?P<sep>[.\-/])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?:(?!\d)|(?=\d{1,2}:\d{2})))"
         r"|(?P<cy>[一二三四五六七八九〇零○]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月(?P<cd>[一二三四五六七八九十]{1,3})日)")
_WEEKDAY = r"(?:\s*[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?)?"
# "第1版 要闻", "第04版：要闻", "00001版:一版要闻", "A4版", "第M05版 中原·城事", "A01 重点"
_PAGE = (
    r"(?P<page>(?:第\s*[0-9A-Za-z一二三四五六七八九十]{1,5}\s*版|(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,3}版(?=[:：\s])|[A-Za-z]?\d{1,5}\s*版|[A-Z]{1,2}\d{1,3}(?:\s*版)?(?![0-9A-Za-z]))"
    r"(?:\s*[:：·]?\s*(?!(?:责任|本版)?编辑|责编|校对|版式)(?P<label>[^\s|｜/·:：\d■【】](?:(?!总?第\s*\d|上一[版篇]|下一[版篇]|返回)[^\s|｜/·:：\d■【】]|·(?=[\u4e00-\u9fff])){0,9}))?)"
)
# "责任编辑：李  芳", "版式设计：孙浩": the page's staff, printed in a header or footer line
STAFF = re.compile(
    r"(?P<role>责任编辑|责编|本版编辑|本版主编|执行主编|主编|编辑|本版策划|策划|本期统筹|统筹|版式设计|版式|美术编辑|美编|图片编辑"
    r"|校对|责任校对|组版|审读|值班编辑|审核|终审|复审|初审|监制)(?:\s*[:：]\s*|[ \u3000]+)"  # "本版编辑 刘 洋": the colon may be left out
    r"(?P<name>[\u4e00-\u9fff](?:[ \u3000]{1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff])|[\u4e00-\u9fff·]{1,3}))"
)
# "焦作日报 | 2023年3月15日 星期三 | 第1版 要闻": a header line is a run of these tokens, with separators
# and at most a short label besides ("焦作日报·健康周刊", "温县新闻  第06版  2023年9月14日  焦作日报").
# a masthead's Latin name ("JIAOZUO DAILY") and lunar date ("农历癸卯年十月廿二") belong to a header too
_HEADER_TOKEN = re.compile(rf"(?P<paper>{_PAPER})|{_DATE}{_WEEKDAY}|{_PAGE}|(?P<staff>{STAFF.pattern})"
                           # "焦作日报  2023年5月18日 星期四  城区新闻  5" (or "… 焦作日报　08　图片新闻"): the page's number
                           r"|(?P<barepage>(?<=\s)\d{1,2}(?=\s*$|[ \u3000]+[\u4e00-\u9fff·]{2,8}\s*$))"
                           # "07　文体　　责任编辑：葛　菲　　校对：吴　敏": the page's number first, before its name and staff
                           r"|(?P<leadpage>^\d{1,2}(?=[ \u3000]+(?![个项名家万亿年月日天人件所台次户元条座处位批种])[\u4e00-\u9fff·]{2,6}(?:[ \u3000]{2,}|$)))"
                           r"|(?P<lunar>农历[\u4e00-\u9fff]{2,10}|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年[正一二三四五六七八九十冬腊闰]{1,3}月"
                           r"(?:初[一二三四五六七八九十]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?))"  # "己卯年十一月二十八"
                           r"|(?P<latin>^[A-Z][A-Z .&'-]{2,40}$)"
                           # an e-paper's own words: "电子报", "PDF版阅读", "总第880期", "2011-12-23编印"
                           r"|(?P<site>电子报|电子版|数字报|手机版|PDF版阅读|PDF版|PDF下载|PDF阅读|(?<!\d)\d{1,2}月\d{1,2}日[ \u3000]*(?:星期|周)[一二三四五六日天]|版面导航|上一版|下一版|上一篇|下一篇|返回目录"
                           r"|当前位置|当前版|展开通版|收缩通版|通版阅读请点击|通版阅读|大字|中字|小字|日期"
                           r"|(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"  # "2017-02-27 10:31": the time it went online
                           r"|总第\s*\d{1,6}\s*[期号]|第\s*\d{3,6}\s*号|第\s*\d{1,6}\s*期|(?<!\d)\d{2,6}\s*期(?=\s*[/|｜])|编印|今日\s*[\d一二三四五六七八九十]{1,3}\s*版|中共[\u4e00-\u9fff]{2,8}(?:市委|县委|省委|地委)(?:机关报|主管主办|主办)|国内统一刊号\s*[:：]?\s*CN\s*[\d\-/]+"
                           r"|邮发代号\s*[:：]?\s*[\d\-]+|\d{4}\s*年\s*\d{1,2}\s*月(?!\s*\d))")  # "2013年3月": no day
_SPACED_PAGE = re.compile(r"第[ \u3000]+([一二三四五六七八九十\d]{1,3})[ \u3000]+版")
_HEADER_SEPARATORS = re.compile(r"[\s|｜/·・:：,，■□◆【】《》\[\]()（）>*#=_\-]+")
# a date as microfilm OCR gives it: digits read as letters (l, I, O, o) or set apart by spaces
_OCR_DATE = re.compile(r"(?<![A-Za-z\d])(?=[\dlIOo ]*\d)[\dlIOo](?: ?[\dlIOo]){3} ?年 ?[\dlIOo]{1,2} ?月 ?[\dlIOo]{1,2} ?日")


def _ocr_digits(m: re.Match[str]) -> str:
    return m.group().translate(str.maketrans("lIOo", "1100", " "))


_SPACED_OUT = re.compile(r"(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff][ \u3000]{1,2}){2,9}[\u4e00-\u9fff](?![\u4e00-\u9fff])")
_SPACED_LABEL = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]{1,2}([\u4e00-\u9fff])(?![\u4e00-\u9fff])")
HEADER_LABEL_MAX = 8  # "县区新闻", "法治周刊", "省两会特刊": what a header line may hold besides its tokens
_FILENAME_DATE = (
    re.compile(r"(?<!\d)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)"),  # 2023-03-15
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),  # 20230315
)
_HEADER_SCAN_LINES = 6


def iso_date(year: int | str, month: int | str, day: int | str) -> str | None:
    """"2023", "3", "15" -> "2023-03-15"; None for an impossible date or a year outside 1900-2099."""
    try:
        y, m, d = int(year), int(month), int(day)
        if not 1900 <= y <= 2099:
            return None
        return dt.date(y, m, d).isoformat()
    except (TypeError, ValueError):
        return None


def parse_header(lines: list[str]) -> tuple[PageMeta | None, int]:
    """Read a header block at the top: (meta, number of lines it takes), or (None, 0).

    "焦作日报" / "2023年3月15日 星期三" / "第1版 要闻" -> paper 焦作日报, 2023-03-15, page "第1版 要闻".
    """
    paper = date = page = label = None
    used = 0
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip().lstrip("#").strip()
        if not line:
            continue
        seen += 1
        if seen > _HEADER_SCAN_LINES:
            break
        tokens = _header_tokens(line, after_header=paper is not None or date is not None)  # ("02 乡村振兴" under them)
        if tokens is None and seen == 1:
            tokens = _masthead_and_date(line)  # "焦作日报 2023年5月18日 …" with words of its own: the first line
        if tokens is None:
            tokens = _header_tokens(line, loose=True)  # "评论" / "焦作日报 · 经济新闻" over "第4版": one header block
            following = next((_header_tokens(n.strip().lstrip("#").strip()) for n in lines[index + 1:] if n.strip()), None)
            if tokens is None or not following or not {k for k, _ in following} & {"date", "page"}:
                break
            if "page" not in {k for k, _ in following} and any(_TIME.fullmatch(v) for _, v in following):
                break  # "入秋再现武汉蓝" over "长江日报  2018-08-28 14:52:46": a web copy's headline over its source line
        for kind, value in tokens:
            if kind == "paper" and paper is None:
                paper = value
            elif kind == "date" and date is None:
                date = value
            elif kind == "page" and page is None:
                page = value
            elif kind == "label" and label is None:
                label = value
        used = index + 1
    if used == 0 or (paper is None and date is None and page is None):
        return None, 0
    if page is not None and label is not None and " " not in page:
        page = f"{page} {label}"  # "焦作日报·健康周刊 2023年7月20日 第09版" -> "第09版 健康周刊"
    return PageMeta(paper=paper, pub_date=date, pub_date_source="header" if date else None, page=page), used


HEADER_LINE_MAX = 60
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


# a web copy's source field naming the paper it was copied from: "来源:广西日报", "来源 : 《广西日报》"
_SOURCE_FIELD = re.compile(rf"(?:^|(?<=[\s\d]))(?:来源|稿源)\s*[:：]\s*《?(?P<paper>{_PAPER})》?(?=\s|$|作者|编辑|时间)")


_OTHER_FIELD = re.compile(r"(?:作者|编辑|时间|日期)\s*[:：]")


def item_source_meta(lines: list[str]) -> PageMeta | None:
    """The paper and date a web copy prints under its headline, when no header block opens the page:
    "入秋再现武汉蓝" / "长江日报  2018-08-28 14:52:46" -> paper 长江日报, 2018-08-28;
    "河池:“红”“绿”相映绘新景" / "时间:2022-06-23来源 : 广西日报作者 : 廖庆凌" -> paper 广西日报, 2022-06-23."""
    for line in [raw.strip() for raw in lines if raw.strip()][:_HEADER_SCAN_LINES]:
        if (named := _SOURCE_FIELD.search(line)) is not None and len(line) <= HEADER_LINE_MAX \
                and _OTHER_FIELD.search(line):  # (with the copy's other fields: "来源：人民日报" alone may head a reprint)
            dated = re.search(_DATE, line)  # "时间:2022-06-23 来源:广西日报 作者:廖庆凌": the copy's source paper
            return PageMeta(paper=named.group("paper"), pub_date=_date_of(dated) if dated else None,
                            pub_date_source="header" if dated else None)
        tokens = _header_tokens(line) if len(line) <= HEADER_LINE_MAX else None
        if not tokens or not any(_TIME.fullmatch(v) for _, v in tokens):
            continue
        found = dict(tokens)
        if "date" in found and "page" not in found:
            return PageMeta(paper=found.get("paper"), pub_date=found["date"], pub_date_source="header")
    return None


def _masthead_and_date(line: str) -> list[tuple[str, str]] | None:
    """The page's first line naming a paper and a full date, whatever else it holds (no sentence):
    "焦作日报 2023年5月18日 星期四 城区新闻 A版面" -> paper, date."""
    if len(line) > HEADER_LINE_MAX or re.search(r"[。，,；;！？]", line):
        return None
    paper, date = re.search(_PAPER, line), re.search(_DATE, line)
    if paper is None or date is None:
        return None
    iso = _date_of(date)
    return [("paper", paper.group()), ("date", iso)] if iso else None


def _date_of(m: re.Match[str]) -> str | None:
    """The ISO date of a ``_DATE`` match, either way it was written."""
    if m.group("cy"):
        return iso_date(chinese_number(m.group("cy"), digits=True), chinese_number(m.group("cm")),
                        chinese_number(m.group("cd")))
    return iso_date(m.group("y"), m.group("m") or m.group("m2"), m.group("d") or m.group("d2"))


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def chinese_number(text: str, digits: bool = False) -> int | None:
    """"十二" -> 12, "二十一" -> 21, "三" -> 3; with ``digits`` read digit by digit: "一九八五" -> 1985."""
    if digits:
        return int("".join(str(_CN_DIGITS[c]) for c in text)) if all(c in _CN_DIGITS for c in text) else None
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def header_line(line: str) -> bool:
    """A full header line, with at least two of paper, date and page: "浙江老年报 a0001版:头版 2023年08月22日"
    (in the middle of a file, where one export put several pages one after another)."""
    text = line.strip().lstrip("#").strip()
    if len(text) > HEADER_LINE_MAX or ("版" not in text and not re.search(r"\d{4}\s*[年.\-/]", text)):
        return False  # most lines: too long, or no page and no year (a cheap test before the tokens)
    tokens = _header_tokens(text)
    return tokens is not None and len({k for k, _ in tokens} & {"paper", "date", "page"}) >= 2


def page_line(line: str) -> bool:
    """A page's number and name, or a paper's name, alone on a line, never article text: "第02版:要闻",
    "二版:综合新闻", "咸宁日报"."""
    text = line.strip()
    if len(text) > HEADER_LINE_MAX or "版" not in text and not text.endswith("报") and not STAFF.search(text):
        return False
    tokens = _header_tokens(text)
    kinds = [k for k, _ in tokens] if tokens is not None else []
    # (or with the page's staff: "8　社会　　责任编辑：马晓燕　校对：刘　瑞", a PDF's running head on its next page)
    # (or with an e-paper's buttons: "第05版：县区新闻　　返回目录　　[上一篇]　[下一篇]", over the next item's view)
    return kinds in (["page"], ["paper"]) or ("page" in kinds and "staff" in kinds and set(kinds) <= {"page", "staff", "label"}) \
        or (kinds[:1] == ["page"] and "masthead" in kinds and set(kinds) <= {"page", "masthead"})


_PAPER_AND_MONTH = re.compile(rf"^(?:{_PAPER})\s*\d{{4}}\s*[-./年]\s*\d{{1,2}}月?$")


def source_line(line: str) -> bool:
    """A paper and a date, no page, as a web copy prints them under an item's headline: "四川日报 2022-09-06",
    "四川日报 2011-09"."""
    text = line.strip()
    if len(text) > HEADER_LINE_MAX:
        return False
    if _PAPER_AND_MONTH.match(text):
        return True
    tokens = _header_tokens(text)
    return tokens is not None and sorted(k for k, _ in tokens) == ["date", "paper"]


_ITEM_META = re.compile(r"\d{1,2}:\d{2}|大字|中字|小字")  # a time online, the font-size buttons


def item_meta_line(line: str) -> bool:
    """A web page's line about the item under its headline, not a page header: "定西日报 2017-02-27 10:31 大字"
    (the paper, when it went online, the font-size buttons)."""
    text = line.strip()
    if len(text) > HEADER_LINE_MAX or not _ITEM_META.search(text):
        return False
    tokens = _header_tokens(text)
    return tokens is not None and "page" not in {k for k, _ in tokens}


@either_script
def _header_tokens(line: str, loose: bool = False, after_header: bool = False) -> list[tuple[str, str]] | None:
    """Tokens of a header line, else None ("第1版 要闻" -> [("page", "第1版 要闻")]).

    "【焦作日报】2023.08.15 第A04版 民生" -> paper, date 2023-08-15, page "第A04版 民生";
    "■ 示范区新闻 ■" -> [("label", "示范区新闻")]; "市委书记主持召开会议" -> None.
    ``loose`` also takes a label alone ("评论") or a paper with a label ("焦作日报 · 经济新闻"), which are a
    header only above a line with the date or the page.
    """
    # "焦 作 日 报      1996年4月12日": a masthead set with spaces between its characters
    line = _OCR_DATE.sub(_ocr_digits, line)  # "l985年4月9日", "1 9 8 6年1O月8日": a microfilm's OCR slips in the date
    line = _SPACED_OUT.sub(lambda m: re.sub(r"[ \u3000]+", "", m.group()), line)
    line = _SPACED_LABEL.sub(r"\1\2", line)  # "第03版:城 事": a page name set with a space between its characters
    line = _SPACED_PAGE.sub(r"第\1版", line)  # "第 二 版        经  济": microfilm's letter-spaced page line
    tokens: list[tuple[str, str]] = []
    rest: list[str] = []
    pos = 0
    cyclical = False  # a lunar date by its cyclical year, with no 农历: "己卯年十一月二十八"
    for m in _HEADER_TOKEN.finditer(line):
        rest.append(line[pos:m.start()])
        pos = m.end()
        if m.group("paper"):
            tokens.append(("paper", m.group("paper")))
        elif m.group("staff"):
            tokens.append(("staff", m.group("staff")))
        elif m.group("barepage"):  # (only beside the paper's name or the date)
            if not re.search(_PAPER, line) and not re.search(r"\d{4}\s*[年.\-/]", line):
                return None
            tokens.append(("page", f"第{int(m.group('barepage'))}版"))
        elif m.group("leadpage"):  # (only before the page's staff, the paper's name or the date, or under them)
            if not after_header and not STAFF.search(line) and not re.search(_PAPER, line) \
                    and not re.search(r"\d{4}\s*[年.\-/]", line):
                return None
            tokens.append(("page", f"第{int(m.group('leadpage'))}版"))
        elif m.group("lunar") or m.group("latin") or m.group("site"):
            tokens.append(("masthead", m.group()))
            cyclical = cyclical or (m.group("lunar") is not None and not m.group("lunar").startswith("农历"))
        elif m.group("y") or m.group("cy"):
            date = _date_of(m)
            if date is None:
                return None
            tokens.append(("date", date))
        else:
            number = re.sub(r"\s+", "", re.split(r"版|(?<=\d)\s", m.group("page").strip())[0])
            number = number if number.startswith("第") or not number.isdigit() else f"第{int(number)}"
            number = number + "版" if not number.endswith("版") else number
            label = m.group("label")
            tokens.append(("page", f"{number} {label}" if label else number))
    rest.append(line[pos:])
    leftover = [w for w in _HEADER_SEPARATORS.split("".join(f" {r} " for r in rest)) if w]
    if len(leftover) == 2 and any(f"{leftover[0]}{dot}{leftover[1]}" in line for dot in "·・"):
        leftover = [f"{leftover[0]}·{leftover[1]}"]  # "周末·人物  焦作日报  2024年6月15日  第9版": one page name
    elif len(leftover) == 2 and {k for k, _ in tokens} & {"date", "page"} and re.search(
            rf"{re.escape(leftover[0])}[ \u3000]{{1,2}}{re.escape(leftover[1])}", line):
        leftover = ["".join(leftover)]  # "山阳 副刊   2017年9月12日  星期二": a page name set with a space in it
    if sum(len(w) for w in leftover) > HEADER_LABEL_MAX or len(leftover) > 1:
        return None
    if leftover and cyclical and not {k for k, _ in tokens} & {"paper", "date", "page"}:
        return None  # "甲辰年正月十五闹元宵": a headline opening with the lunar date, not a masthead's line
    if leftover:
        label = leftover[0]
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:[·・][\u4e00-\u9fff]{2,8})?", label):  # "周末·人物"
            return None
        if label.endswith(("天气", "天气预报")):
            return None  # "【焦作天气】": a weather box's label, not the page's name
        boxed = bool(re.match(r"^\s*[■□◆【\[]", line)) and not tokens  # "■ 示范区新闻 ■": a banner
        if not tokens and not boxed and not loose:
            return None
        tokens.append(("label", label))
    elif not tokens:
        return None
    kinds = {k for k, _ in tokens}
    if kinds <= {"label", "paper"} and "paper" in kinds and line.strip().strip("#*【】■ ") not in {v for k, v in tokens} \
            and not loose:
        return None  # "焦作日报 社评" alone is too little for a header unless it is just the paper's name
    return tokens


def date_from_filename(name: str) -> str | None:
    """"jzrb_2023-03-15_p1.txt" or "20230315-01.txt" -> "2023-03-15"; None if no valid date."""
    base = PurePath(name).name
    for pattern in _FILENAME_DATE:
        for m in pattern.finditer(base):
            date = iso_date(*m.groups())
            if date:
                return date
    return None


def merge_meta(*metas: PageMeta | None) -> PageMeta:
    """Per field, the first known value in priority order; the date keeps its source with it."""
    paper = page = date = None
    source = None
    staff: tuple[tuple[str, str], ...] = ()
    for meta in metas:
        if meta is None:
            continue
        paper = paper or meta.paper
        page = page or meta.page
        staff = staff or meta.staff
        if date is None and meta.pub_date:
            date, source = meta.pub_date, meta.pub_date_source
    return PageMeta(paper=paper, pub_date=date, pub_date_source=source, page=page, staff=staff)


def staff_in(lines: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The page's staff named in its furniture: "责任编辑：崔国强  版式设计：刘  佳" -> (("责任编辑", "崔国强"), ("版式设计", "刘佳"))."""
    found: list[tuple[str, str]] = []
    for line in lines:
        for m in STAFF.finditer(line):
            pair = (m.group("role"), re.sub(r"[ \u3000]+", "", m.group("name")))
            if pair not in found:
                found.append(pair)
    return tuple(found)


@dataclass(frozen=True)
class Manifest:
    """A sidecar mapping file name -> PageMeta (date, page, paper), read from CSV or JSON."""

    entries: Mapping[str, PageMeta] = field(default_factory=dict, hash=False)
    path: str = ""

    def lookup(self, source: str) -> PageMeta | None:
        """Meta for a file by its name as given, else by its base name ("dir/p1.txt" -> "p1.txt")."""
        return self.entries.get(source) or self.entries.get(PurePath(source).name)

    def __len__(self) -> int:
        return len(self.entries)


_FILE_KEYS = ("file", "source", "filename", "name", "path")
_DATE_KEYS = ("pub_date", "date")


def load_manifest(path: str | Path) -> Manifest:
    """Load a CSV (header: file,date,page,paper) or JSON manifest; a bad file raises InvalidInput."""
    where = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"manifest {where}: cannot read it ({exc.__class__.__name__})") from None
    stripped = raw.lstrip()
    if where.lower().endswith(".json") or stripped.startswith(("{", "[")):
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise InvalidInput(f"manifest {where}: bad JSON ({exc})") from None
        rows = _json_rows(data, where)
    else:
        try:
            rows = list(csv.DictReader(io.StringIO(raw)))
        except csv.Error as exc:
            raise InvalidInput(f"manifest {where}: bad CSV ({exc})") from None
    entries: dict[str, PageMeta] = {}
    for number, row in enumerate(rows, 1):
        meta_row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        name = next((str(meta_row[k]).strip() for k in _FILE_KEYS if meta_row.get(k)), "")
        if not name:
            raise InvalidInput(f"manifest {where}: entry {number} has no file name (columns: file,date,page,paper)")
        date_text = next((str(meta_row[k]).strip() for k in _DATE_KEYS if meta_row.get(k)), "")
        date = normalize_date(date_text) if date_text else None
        if date_text and date is None:
            raise InvalidInput(f"manifest {where}: entry {number} ({name}): bad date {date_text!r}, expected YYYY-MM-DD")
        page = meta_row.get("page")
        paper = meta_row.get("paper")
        entries[name] = PageMeta(
            paper=str(paper).strip() or None if paper not in (None, "") else None,
            pub_date=date,
            pub_date_source="manifest" if date else None,
            page=str(page).strip() or None if page not in (None, "") else None,
        )
    return Manifest(entries, where)


def _json_rows(data: Any, where: str) -> list[Mapping[str, Any]]:
    """JSON manifests: {"p1.txt": {"date": ...}} or [{"file": "p1.txt", "date": ...}]."""
    if isinstance(data, dict):
        rows: Iterable[Any] = ({**v, "file": k} if isinstance(v, dict) else v for k, v in data.items())
    elif isinstance(data, list):
        rows = data
    else:
        raise InvalidInput(f"manifest {where}: expected an object or a list of objects")
    out = list(rows)
    if not all(isinstance(r, dict) for r in out):
        raise InvalidInput(f"manifest {where}: every entry must be an object with file, date, page, paper")
    return out


def normalize_date(text: str) -> str | None:
    """"2023-03-15", "2023/3/15", "20230315", "2023年3月15日" -> "2023-03-15"; else None."""
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text) or re.fullmatch(
        r"\s*(\d{4})(\d{2})(\d{2})\s*", text
    )
    return iso_date(*m.groups()) if m else None


# ---- inferring the date of an undated page -------------------------------------------------

_MONTH_DAY = re.compile(r"(?:(?<!\d)(\d{4})\s*年\s*)?(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!代)")
_FORWARD = re.compile(r"谋划|计划|规划|预算|目标|明年")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_LATE_MONTH = 10  # from October on, a page plans next year's projects


def infer_pub_date(text: str) -> str | None:
    """Infer the date of an undated page from the dates in its text, or None.

    Day: papers report events up to the issue date, so the page's date is the latest day
    mentioned in its most mentioned month ("7月22日"…"7月26日上午" -> 07-26; 004's
    11月9日…11月13日 -> 11-13; stray "10月18日" / "9月29日" are in other months).
    Year: each "YYYY年" votes for itself, three times if its sentence says "今年" (000:
    "今年截至目前…2022年重点研发专项" -> 2022), twice inside a full date; but on a late-year page
    (month >= 10) a year followed by 谋划/计划/规划/预算/目标 or in a sentence with 明年 plans
    the next year and votes for the year before (004: "2022年项目谋划" in November -> 2021).
    Most votes wins, ties to the later year. No month-day or no year: None.
    """
    days: list[tuple[int, int]] = []
    for m in _MONTH_DAY.finditer(text):
        month, day = int(m.group(2)), int(m.group(3))
        if iso_date(2000, month, day):  # 2000 is a leap year: 2月29日 is allowed here
            days.append((month, day))
    if not days:
        return None
    months = Counter(month for month, _ in days)
    top = max(months.values())
    month = max(m for m, n in months.items() if n == top)
    day = max(d for m, d in days if m == month)
    votes: Counter[int] = Counter()
    for sentence in _SENTENCE.finditer(text):
        s = sentence.group()
        this_year = "今年" in s
        for m in _YEAR.finditer(s):
            year = int(m.group(1))
            after = s[m.end() : m.end() + 8]
            full_date = bool(re.match(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日", after))
            if month >= _LATE_MONTH and not full_date and (_FORWARD.search(after) or "明年" in s):
                votes[year - 1] += 1
            else:
                votes[year] += 3 if this_year else 2 if full_date else 1
    if not votes:
        return None
    best = max(votes.values())
    year = max(y for y, n in votes.items() if n == best)
    return iso_date(year, month, day) or iso_date(year, month, min(day, 28))


def meta_for_file(path: str, manifest: Manifest | None = None) -> PageMeta:
    """What is known about a file before reading it: date from its name, then the manifest."""
    name_date = date_from_filename(path)
    from_name = PageMeta(pub_date=name_date, pub_date_source="filename") if name_date else None
    from_manifest = manifest.lookup(path) if manifest is not None else None
    return merge_meta(from_name, from_manifest)


def with_inferred_date(meta: PageMeta, text: str) -> PageMeta:
    """Fill in a missing date by inference (source "inferred")."""
    if meta.pub_date:
        return meta
    date = infer_pub_date(text)
    return replace(meta, pub_date=date, pub_date_source="inferred" if date else None)
