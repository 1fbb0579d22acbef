"""parse_page on small pages, one form of the issue each: headlines, bylines, credits, captions, damage."""
from __future__ import annotations

import pytest

from indexer.newspaper.parse import clean_paragraphs, parse_page, record_id
from indexer.records import Caption


def _one(text: str):
    records = parse_page(text, "t.txt").records
    assert len(records) == 1, [r.title for r in records]
    return records[0]


def test_record_id_is_blake2b_of_source_and_ordinal() -> None:
    import hashlib

    assert record_id("000_x.txt", 3) == hashlib.blake2b(b"000_x.txt#3").hexdigest()[:16]
    assert record_id("a", 0) != record_id("a", 1) != record_id("b", 1)


@pytest.mark.parametrize(
    ("byline", "reporters", "correspondents"),
    [
        ("本报讯(记者徐金华)", ("徐金华",), ()),
        ("本报讯（记者 王晓东 通讯员 李红）", ("王晓东",), ("李红",)),
        ("本报讯(记者王晓东 通讯员李红)", ("王晓东",), ("李红",)),
        ("本报讯（记者 徐金华 王晓东 通讯员 李红、张伟）", ("徐金华", "王晓东"), ("李红", "张伟")),
        ("本报讯(记者徐金华、王晓东 实习生 赵一)", ("徐金华", "王晓东", "赵一"), ()),
        ("新华社北京3月14日电（记者 刘明）", ("刘明",), ()),
        ("本报讯", (), ()),
    ],
)
def test_bylines(byline: str, reporters: tuple[str, ...], correspondents: tuple[str, ...]) -> None:
    r = _one(f"# 我市召开科技创新大会\n\n{byline}3月14日,大会召开。\n")
    assert (r.byline, r.reporters, r.correspondents, r.body) == (byline, reporters, correspondents, "3月14日,大会召开。")


def test_commentary_under_a_column_label() -> None:
    r = _one("## 时评\n\n# 让科技成果落地生根\n\n□ 李文\n\n科技成果只有转化为现实生产力,才能真正发挥作用。\n")
    assert (r.section, r.title, r.byline, r.reporters, r.body) == ("时评", "让科技成果落地生根", "□ 李文", ("李文",), "科技成果只有转化为现实生产力,才能真正发挥作用。")


def test_plain_line_headline_and_kicker() -> None:
    r = _one("坚持创新驱动 建设科技强市\n我市新增高新技术企业126家\n\n本报讯(记者 王晓东)记者获悉,我市新增企业126家。\n")
    assert r.title == "坚持创新驱动 建设科技强市 我市新增高新技术企业126家"
    assert r.reporters == ("王晓东",)


def test_a_heading_followed_by_a_byline_is_a_headline_not_a_column() -> None:
    records = parse_page("## 科技视界\n\n## 清华大学教授到中区开展产学研对接活动\n\n本报讯(记者徐金华)近日,教授来到中区。\n", "t").records
    assert [(r.section, r.title, r.region) for r in records] == [("科技视界", "清华大学教授到中区开展产学研对接活动", "中站区")]


@pytest.mark.parametrize(
    ("credit", "photographers"),
    [
        ("本报记者 宋崇飞 摄", ("宋崇飞",)),
        ("通讯员 赵明 摄", ("赵明",)),
        ("记者 王飞/摄", ("王飞",)),
        ("本报记者 翟鹏程 通讯员 李红 摄", ("翟鹏程", "李红")),
    ],
)
def test_photo_credits(credit: str, photographers: tuple[str, ...]) -> None:
    r = _one(f"5月19日,武陟县的麦田里,联合收割机正在抢收小麦。{credit}\n")
    assert (r.kind, r.title, r.body, r.byline, r.photographers, r.region) == (
        "caption", "", "5月19日,武陟县的麦田里,联合收割机正在抢收小麦。", credit, photographers, "武陟县"
    )


def test_consecutive_captions_are_separate_records_and_a_heading_titles_one() -> None:
    text = "# 麦收时节\n\n5月19日,武陟县麦田里收割机在作业。通讯员 赵明 摄\n5月18日,博爱县农民在晾晒新麦。\n本报记者 宋崇飞 摄\n"
    records = parse_page(text, "t").records
    assert [(r.kind, r.title, r.photographers, r.region) for r in records] == [
        ("caption", "麦收时节", ("赵明",), "武陟县"),
        ("caption", "", ("宋崇飞",), "博爱县"),
    ]


def test_caption_inside_an_article_and_the_body_rejoined_around_it() -> None:
    text = (
        "# 反馈会召开\n\n本报讯(记者徐金华)会议指出,巡察严谨细致,问题精准严\n\n"
        "7月26日上午,反馈会在市会议中心召开。本报记者 蒋鑫 摄\n\n实,有助于化解工作矛盾。\n"
    )
    r = _one(text)
    assert r.body == "会议指出,巡察严谨细致,问题精准严实,有助于化解工作矛盾。"
    assert r.captions == (Caption("7月26日上午,反馈会在市会议中心召开。本报记者 蒋鑫 摄", ("蒋鑫",)),)
    assert r.photographers == ("蒋鑫",)


@pytest.mark.parametrize(
    ("paragraphs", "joined"),
    [
        (["要直接部署、直接督办", "整改事项。班子成员要落实好。"], ["要直接部署、直接督办整改事项。班子成员要落实好。"]),
        (["开展此次宣讲活动旨在通过专家培", "训授课,引导相关工作人员学习。"], ["开展此次宣讲活动旨在通过专家培训授课,引导相关工作人员学习。"]),
        (["总投资10亿", "元的项目。"], ["总投资10亿元的项目。"]),
        (["传感阵列器件ITO", "SENSOR等产品。"], ["传感阵列器件ITO SENSOR等产品。"]),
        (["会议要求:", "一要加强领导。"], ["会议要求:", "一要加强领导。"]),
        (["第一段结束。", "第二段。"], ["第一段结束。", "第二段。"]),
        (["一、加强组织领导", "各级各部门要高度重视。"], ["一、加强组织领导", "各级各部门要高度重视。"]),
    ],
)
def test_rejoin_broken_paragraphs(paragraphs: list[str], joined: list[str]) -> None:
    assert clean_paragraphs(paragraphs) == (joined, [])


def test_repeated_paragraph_is_kept_once() -> None:
    para = "该县还在产业集中区设立金融服务站,为企业提供“一站式”融资服务,已帮助86家企业获得贷款。"
    kept, dropped = clean_paragraphs(["第一段内容。", para, para, "最后一段。"])
    assert kept == ["第一段内容。", para, "最后一段。"]
    assert dropped == [para]


def test_short_repeats_are_not_duplicates() -> None:
    assert clean_paragraphs(["会议强调。", "会议强调。"]) == (["会议强调。", "会议强调。"], [])


def test_boilerplate_and_layout_debris_are_dropped() -> None:
    text = (
        "# 标题一\n\n本报讯(记者徐金华)正文第一段。(下转第二版)\n\n![](images/p1.jpg)\n\n"
        "扫一扫 关注我们\n市科技局 微信公众号\n\n冲刺全年 争先进位\n努力实现“25311”奋斗目标\n"
    )
    page = parse_page(text, "t")
    assert [r.body for r in page.records] == ["正文第一段。"]
    assert page.dropped == ("(下转第二版)", "![](images/p1.jpg)", "扫一扫 关注我们", "市科技局 微信公众号", "冲刺全年 争先进位", "努力实现“25311”奋斗目标")


def test_slogan_inside_a_headline_is_not_boilerplate() -> None:
    r = _one("示范区召开“冲刺全年、争先进位”专项工作汇报会\n\n本报讯(记者付凯明)会议召开。\n")
    assert r.title == "示范区召开“冲刺全年、争先进位”专项工作汇报会"


def test_continued_article_at_the_top_has_no_title() -> None:
    page = parse_page("(上接第一版)要建立长效机制,持之以恒抓好整改。\n\n# 下一篇\n\n本报讯(记者徐金华)正文。\n", "t")
    assert [(r.title, r.body) for r in page.records] == [("", "要建立长效机制,持之以恒抓好整改。"), ("下一篇", "正文。")]
    assert page.dropped == ("(上接第一版)",)


def test_meta_fields_reach_every_record() -> None:
    page = parse_page("焦作日报\n2023年3月15日 星期三\n第1版 要闻\n\n# 标题\n\n本报讯(记者徐金华)正文。\n", "p.txt")
    r = page.records[0]
    assert (r.paper, r.pub_date, r.pub_date_source, r.page, r.source, r.id) == ("焦作日报", "2023-03-15", "header", "第1版 要闻", "p.txt", record_id("p.txt", 0))
    assert page.dropped == ("焦作日报", "2023年3月15日 星期三", "第1版 要闻")


@pytest.mark.parametrize("text", ["", "\n\n", "   ", "#", "# ", "本报讯", "摄", "□", "## 时评", "\ufeff", "\r\n\r"])
def test_degenerate_pages(text: str) -> None:
    page = parse_page(text, "t")
    assert all(r.body or r.title or r.byline or r.captions for r in page.records)
