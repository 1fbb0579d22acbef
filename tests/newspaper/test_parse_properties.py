"""Nothing is lost, and parse_page never raises: hypothesis over the seeds and generated pages."""
from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.newspaper.gazetteer import load_gazetteer
from indexer.newspaper.parse import parse_page
from indexer.records import ParsedPage
from helpers import PAGES

GAZ = load_gazetteer()
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def cjk(text: str) -> Counter[str]:
    return Counter(_CJK.findall(text))


def kept_and_dropped(page: ParsedPage) -> Counter[str]:
    """CJK characters of every record (title, byline, body, captions with credits) plus the dropped parts."""
    return cjk(page.accounted_text())


def strict_parse(text: str) -> ParsedPage:
    """The parser without parse_page's last-resort except: a bug here fails the test."""
    return parse_page(text, "gen.txt", gazetteer=GAZ, strict=True)


def test_nothing_is_lost_on_the_seeds_and_golden_pages() -> None:
    for path in sorted(PAGES.glob("*.txt")):
        from indexer.newspaper.textio import read_page_file

        text = read_page_file(path)
        assert kept_and_dropped(strict_parse(text)) == cjk(text), path.name


# ---- generated pages -------------------------------------------------------------------

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
NAME = st.text(HAN, min_size=2, max_size=3)
PUNCT = st.sampled_from(["，", "、", "。", "；", ",", "：", "“", "”", "(", ")", " "])
PHRASE = st.text(st.one_of(HAN, HAN, HAN, PUNCT, st.sampled_from("0123456789中区示范区我市温县孟州")), min_size=1, max_size=60)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    text = draw(PHRASE)
    return text + draw(st.sampled_from(["。", "", "！", "，"]))


@st.composite
def line(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 15))
    if kind == 0:
        return "#" * draw(st.integers(1, 3)) + " " + draw(PHRASE)
    if kind == 1:
        return draw(st.text(HAN, min_size=2, max_size=20))  # a plain headline
    if kind == 2:
        roles = draw(st.lists(st.tuples(st.sampled_from(["记者", "通讯员", "本报记者", "实习生"]), NAME), min_size=1, max_size=3))
        inner = " ".join(f"{role} {name}" for role, name in roles)
        return draw(st.sampled_from(["本报讯({})", "本报讯（{}）", "新华社北京3月14日电（{}）"])).format(inner) + draw(paragraph())
    if kind == 3:
        return "□ " + draw(NAME)
    if kind == 4:
        credit = draw(st.sampled_from(["本报记者 {} 摄", "通讯员 {} 摄", "记者 {}/摄", "{} 摄"])).format(draw(NAME))
        return draw(paragraph()) + credit
    if kind == 5:
        return draw(st.sampled_from(["扫一扫 关注我们", "市科技局 微信公众号", "冲刺全年 争先进位", "努力实现“25311”奋斗目标", "![](a.jpg)", "(下转第二版)"]))
    if kind == 6:
        return draw(st.sampled_from(["焦作日报", "2023年3月15日 星期三", "第1版 要闻", "——副题" + draw(PHRASE)]))
    if kind == 7:
        return draw(st.text(max_size=30))  # anything at all
    return draw(paragraph())


PAGE_TEXTS = st.lists(st.tuples(line(), st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n"])), max_size=30).map(
    lambda parts: "".join(text + sep for text, sep in parts)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE_TEXTS)
def test_nothing_is_lost_on_generated_pages(text: str) -> None:
    page = strict_parse(text)
    assert kept_and_dropped(page) == cjk(text)
    assert len({r.id for r in page.records}) == len(page.records)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_never_raises_and_loses_nothing_on_any_text(text: str) -> None:
    page = strict_parse(text)
    assert kept_and_dropped(page) == cjk(text)
    for r in page.records:
        assert r.to_dict()["kind"] in ("article", "caption")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from((PAGES / "004_16b43a71a00cea4c.txt").read_text(encoding="utf-8").splitlines()), max_size=40))
def test_shuffled_seed_lines_lose_nothing(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert kept_and_dropped(strict_parse(text)) == cjk(text)


def test_parse_page_survives_a_parser_bug(monkeypatch) -> None:
    import indexer.newspaper.parse as parse_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(parse_module, "_parse", broken)
    page = parse_page("本报讯(记者徐金华)正文。", "x.txt")
    assert page.records == () and page.dropped == ("本报讯(记者徐金华)正文。",)


def test_a_header_like_line_with_regex_characters_in_its_words() -> None:
    """Found by hypothesis: two leftover words of a header-like line were put into a pattern unescaped."""
    text = "2023年5月4日 ?a ?b\n正文。\n"
    assert kept_and_dropped(strict_parse(text)) == cjk(text)
