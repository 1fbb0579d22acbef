"""parse_page on small pages, one form of the issue each: headlines, bylines, credits, captions, damage."""
from __future__ import annotations

import re
from pathlib import Path

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


# ---- the forms of the segmentation issue, one small page each -----------------------------


def _titles(text: str) -> list[tuple[str, str]]:
    return [(r.title, r.body[:8]) for r in parse_page(text, "t").records]


def test_briefs_with_only_the_first_opening_with_benbaoxun() -> None:
    page = (
        "焦作日报\n2024年3月15日 星期五\n第2版 综合\n\n"
        "市民点赞“口袋公园”\n\n本报讯 昨日，我市新建的口袋公园正式开放，不少市民前来散步休闲。\n\n"
        "温县举办太极拳比赛\n\n3月14日，温县在陈家沟举办太极拳比赛，500余名选手参赛。\n\n"
        "孟州市新增两家高新技术企业\n\n记者从孟州市科工局获悉，该市近日新增两家国家高新技术企业。\n"
    )
    assert _titles(page) == [("市民点赞“口袋公园”", "昨日，我市新建的"), ("温县举办太极拳比赛", "3月14日，温县"),
                             ("孟州市新增两家高新技术企业", "记者从孟州市科工")]


def test_plain_headline_and_body_items_without_blank_lines() -> None:
    page = (
        "博爱县开展春季植树活动\n3月12日，博爱县组织干部群众2000余人在丹河沿岸开展春季植树活动。\n"
        "中站区举办专场招聘会\n3月11日，中站区举办专场招聘会，40家企业提供岗位1200个。\n"
        "垃圾分类，你做对了吗？\n近日，解放区在20个小区开展垃圾分类宣传，引导居民正确投放。\n"
    )
    assert [t for t, _ in _titles(page)] == ["博爱县开展春季植树活动", "中站区举办专场招聘会", "垃圾分类，你做对了吗？"]


@pytest.mark.parametrize("byline, reporters", [
    ("本报郑州3月24日电  （记者张三、李四、王五）", ("张三", "李四", "王五")),
    ("本报3月24日讯（记者 赵鹏）", ("赵鹏",)),
    ("新华社北京3月24日电（记者 刘明 王刚）", ("刘明", "王刚")),
    ("中新网郑州3月24日电 (记者 李贵林)", ("李贵林",)),
])
def test_national_datelines_are_bylines(byline: str, reporters: tuple[str, ...]) -> None:
    page = f"我市召开春耕生产会议\n\n{byline}全市春耕生产工作会议召开。\n\n温县举办太极拳比赛\n\n{byline}比赛在陈家沟举行。\n"
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [("我市召开春耕生产会议", reporters), ("温县举办太极拳比赛", reporters)]


@pytest.mark.parametrize("credit, reporters, correspondents", [
    ("本报记者  赵  鹏   林  蔚", ("赵鹏", "林蔚"), ()),
    ("本报讯（记者程  浩 宋  佳）", ("程浩", "宋佳"), ()),
    ("本报讯（记者许  可 通讯员秦  川）", ("许可",), ("秦川",)),
    ("本报记者 张钰芸 志愿者 叶子青", ("张钰芸", "叶子青"), ()),
    ("本报记者 翟志远 通讯员 秦  峰", ("翟志远",), ("秦峰",)),
    ("本报驻埃及记者 黄培昭", ("黄培昭",), ()),
    ("文/张  然", ("张然",), ()),
    ("作者：陈曦", ("陈曦",), ()),
    ("郑州晚报记者 吴淑娟 见习记者 叶霖", ("吴淑娟", "叶霖"), ()),
])
def test_credit_lines_under_a_headline(credit: str, reporters: tuple[str, ...], correspondents: tuple[str, ...]) -> None:
    r = _one(f"让“口袋公园”装满幸福\n\n{credit}\n\n口袋公园虽小，却关系着市民的幸福感。\n")
    assert (r.title, r.reporters, r.correspondents) == ("让“口袋公园”装满幸福", reporters, correspondents)


@pytest.mark.parametrize("end, reporters", [
    ("（记者 张三）", ("张三",)),
    ("（本报记者 张三 李四）", ("张三", "李四")),
    ("（文/张三）", ("张三",)),
    ("王建华（作者为河南理工大学教授）", ("王建华",)),
    ("（王立军）", ("王立军",)),
    ("(作者为光明日报社首任总编辑胡愈之)", ("胡愈之",)),
    ("（作者系市委党校教授 王明）", ("王明",)),
    ("（作者为焦作大学副教授）", ()),
    ("（作者为北京大学教授委员会）", ()),
])
def test_credits_at_the_end_of_an_article(end: str, reporters: tuple[str, ...]) -> None:
    page = f"高校要为地方发展提供智力支撑\n\n高校与地方的融合发展，是实现双赢的重要途径。\n\n{end}\n\n温县举办太极拳比赛\n\n3月14日，温县举办太极拳比赛。\n"
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [("高校要为地方发展提供智力支撑", reporters), ("温县举办太极拳比赛", ())]


@pytest.mark.parametrize("title", ["市民点赞“口袋公园”", "我市启动《焦作市文明行为促进条例》宣传月", "春耕时节话“三农”（上）",
                                   "这样的好干部，点赞！", "垃圾分类，你做对了吗？"])
def test_headlines_ending_in_quotes_brackets_and_marks(title: str) -> None:
    records = parse_page(f"{title}\n\n本报讯（记者 王鑫）3月14日，活动在市区举行。\n", "t").records
    assert [r.title for r in records] == [title]


def test_kicker_headline_and_subtitle_are_one_title() -> None:
    page = "奋进新征程 焦作再出发\n武陟：龙头企业带动产业集群崛起\n——武陟县推进产业集聚发展见闻\n\n本报记者 翟志远\n\n8月28日，在武陟县产业集聚区，生产线正忙。\n"
    assert _one(page).title == "奋进新征程 焦作再出发 武陟：龙头企业带动产业集群崛起 ——武陟县推进产业集聚发展见闻"


def test_sub_headings_and_boxes_stay_in_their_article() -> None:
    page = (
        "武陟：龙头企业带动产业集群崛起\n本报记者 翟志远\n8月28日，在武陟县产业集聚区的一家企业，生产线正忙。\n"
        "产业链条越拉越长\n近年来，武陟县围绕装备制造、食品加工两大主导产业，引进配套企业60余家。\n"
        "创新动能越来越足\n该县支持企业建设研发中心，目前全县拥有省级以上研发平台35个。\n"
        "一、加强组织领导\n各级各部门要高度重视。\n"
        "相关链接\n武陟县位于焦作市东南部。\n"
    )
    r = _one(page)
    assert r.body.split("\n")[1:5] == ["产业链条越拉越长", "近年来，武陟县围绕装备制造、食品加工两大主导产业，引进配套企业60余家。",
                                       "创新动能越来越足", "该县支持企业建设研发中心，目前全县拥有省级以上研发平台35个。"]
    assert "相关链接" in r.body and "一、加强组织领导" in r.body


@pytest.mark.parametrize("text, photographers", [
    ("图为市民在龙源湖公园观赏腊梅。本报记者 李霞 摄", ("李霞",)),
    ("2月17日，开幕式在呼伦贝尔举行。（新华社发）", ()),
    ("游客在冰雪大世界游玩。新华社发（王建伟 摄）", ("王建伟",)),
    ("1月5日，昆山产业园内挖掘机整装待发。袁新宇摄（视觉中国）", ("袁新宇",)),
])
def test_caption_forms(text: str, photographers: tuple[str, ...]) -> None:
    r = _one(text + "\n")
    assert (r.kind, r.photographers) == ("caption", photographers)


def test_page_furniture_is_dropped() -> None:
    page = ("今日天气 晴 12℃～24℃ 东南风3级\n\n我市启动冬季供暖保障专项行动\n\n本报讯（记者 杜玲）12月5日，记者获悉，供暖开始。\n\n"
            "广告热线：0391-3929999\n\n责任编辑：崔国强  版式设计：刘  佳  校对：赵  凯\n")
    page_ = parse_page(page, "t")
    assert [r.title for r in page_.records] == ["我市启动冬季供暖保障专项行动"]
    assert "责任编辑：崔国强  版式设计：刘  佳  校对：赵  凯" in page_.dropped
    assert page_.meta.staff == (("责任编辑", "崔国强"), ("版式设计", "刘佳"), ("校对", "赵凯"))
    assert page_.records[0].page_staff == ("责任编辑：崔国强", "版式设计：刘佳", "校对：赵凯")  # kept for the page view


def test_city_words_name_no_region_on_another_papers_page() -> None:
    page = ("人民日报 | 2026年1月6日 星期二 | 第3版\n\n哈萨克斯坦举行新年招待会\n\n本报阿斯塔纳1月5日电  （记者张晓东）"
            "全市各界代表出席招待会，市委、市政府负责人致辞。\n")
    r = _one(page)
    assert (r.paper, r.region, r.reporters) == ("人民日报", None, ("张晓东",))
    own = _one(page.replace("人民日报", "焦作日报"))
    assert own.region == "焦作市"


def test_briefs_whose_headlines_share_only_punctuation_are_not_twin_sub_headings() -> None:
    page = ("冰雪节开幕\n\n本报讯 1月14日，冰雪节在龙源湖公园开幕。\n\n"
            "村里有个“画梦师”\n\n1月13日，温县一位青年画家为村里画了十幅墙绘，吸引游客打卡。\n\n"
            "毛竹下山“坐飞机”\n\n1月9日清晨，博爱县山区的毛竹由无人机运下山，省时省力。\n")
    assert [t for t, _ in _titles(page)] == ["冰雪节开幕", "村里有个“画梦师”", "毛竹下山“坐飞机”"]


def test_a_second_author_under_a_headline_and_its_subtitle_splits_the_article() -> None:
    page = ("光明颂·光明日报六十年感怀\n\n云杉\n\n时值光明日报六十周年之际，草成小诗四首以示祝贺。\n\n"
            "《光明日报》发刊词(节选)\n\n(一九四九年六月十六日)\n\n光明照耀东方大陆，人民胜利的新时代已经到来！\n\n"
            "团结一致，建设民主新中国，这是《光明日报》所要向全国人士提出的一点希望。\n\n(作者为光明日报社首任总编辑胡愈之)\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [
        ("光明颂·光明日报六十年感怀", ("云杉",)), ("《光明日报》发刊词(节选) (一九四九年六月十六日)", ("胡愈之",))]
    assert records[1].body.startswith("光明照耀东方大陆")


@pytest.mark.parametrize("lead", ["新华网载文:", "央视报道："])
def test_a_heading_ending_in_a_colon_leads_into_the_headline_below(lead: str) -> None:
    page = f"# {lead}\n# 洛阳牡丹成中国“名片”\n\n本报讯 (记者 王继辉)近日，新华网载文介绍洛阳牡丹。\n"
    r = _one(page)
    assert (r.title, r.reporters, r.section) == (f"{lead} 洛阳牡丹成中国“名片”", ("王继辉",), None)


def test_the_fields_of_a_profile_box_are_not_headline_lines() -> None:
    page = ("我省侨资企业达5614家\n\n本报讯 目前河南籍海外侨胞约有150万名。\n\n郑州晚报记者 裴蕾\n"
            "绿城广场\n碰到他\n市民:张九龄\n53岁 司机\n声音:“可盼望到今天能开通了。”\n"
            "张九龄曾是一位司机，现在年纪大了，帮女儿看小外孙。\n郑州晚报记者 吴淑娟\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [("我省侨资企业达5614家", ("裴蕾",)), ("绿城广场 碰到他", ("吴淑娟",))]
    assert records[1].body.startswith("市民:张九龄")


def test_a_credit_closes_its_brief_and_the_text_after_it_is_another_item() -> None:
    page = ("三秦短波\n\n　　△由市教委和市青少年宫联合举办的美术书法摄影展览9月7日在西安举行。 (封五昌)\n\n"
            "　　△在五市建筑行业116支青年突击队参加的劳动竞赛中,建二公司突击队被评为“优胜队”。 (李永祥)\n\n"
            "　　△三原县食品公司精心组织今年的鲜蛋收购工作。(吴树民 周秦)\n")
    records = parse_page(page, "t").records
    assert [r.reporters for r in records] == [("封五昌",), ("李永祥",), ("吴树民", "周秦")]
    assert [r.body[:2] for r in records] == ["由市", "在五", "三原"]  # the bullets are dropped as layout


def test_a_credit_line_under_a_one_paragraph_brief_closes_it() -> None:
    page = ("莫让清水白流\n\n市民尹先生来电反映:一公共厕所里的水管一直在流水,希望有关部门尽快维修。\n\n晚报见习记者 李 敏\n\n"
            "锅炉噪声扰民\n\n山阳区张先生来电反映:他家住朝阳小区,附近锅炉房的噪声很大。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [("莫让清水白流", ("李敏",)), ("锅炉噪声扰民", ())]


@pytest.mark.parametrize("credit, reporters", [
    ("晨报讯(记者 李旭阳 实习生 朱铮)", ("李旭阳", "朱铮")),
    ("本报永修讯 记者张晶报道:", ("张晶",)),
    ("N本报记者 苏燕梅 林丹 实习生 黄翩翩\n本报讯", ("苏燕梅", "林丹", "黄翩翩")),
    ("N海都记者 曾会文/文 黄启鹏/图\n海都讯", ("曾会文",)),
    ("N栏目主持 苏燕梅 黄孔瑜\n", ("苏燕梅", "黄孔瑜")),
])
def test_credits_of_other_papers(credit: str, reporters: tuple[str, ...]) -> None:
    r = _one(f"物业公司撤走 小区垃圾成山\n{credit} 昨日,家住福州金山醉棠苑小区的市民反映小区垃圾无人清运。\n")
    assert (r.title, r.reporters) == ("物业公司撤走 小区垃圾成山", reporters)


@pytest.mark.parametrize("ending, reporters, kept", [
    ("保护行人安全。见习记者 徐舒帆", ("徐舒帆",), "保护行人安全。"),
    ("恢复平日的热闹。”本报记者 董怡虹 陈炅玮", ("董怡虹", "陈炅玮"), "恢复平日的热闹。”"),
    ("解决这一问题。记者了解到", (), "解决这一问题。记者了解到"),
    ("增长12.1%。记者 聂  宁", ("聂宁",), "增长12.1%。"),
    ("督促整改隐患231处。（王  磊）", ("王磊",), "督促整改隐患231处。"),
])
def test_credits_run_on_after_the_last_sentence(ending: str, reporters: tuple[str, ...], kept: str) -> None:
    r = _one(f"夜间行车不打近光灯 危险!\n\n6月17日,新区市民董女士来电反映夜间很多车辆不切换灯光,{ending}\n")
    assert r.reporters == reporters and r.body.endswith(kept)


@pytest.mark.parametrize("header, date, page", [
    ("2024年3月7日 星期四\n评论\n第4版\n", "2024-03-07", "第4版 评论"),
    ("# 焦作日报 · 经济新闻\n\n2024年3月14日 第5版\n", "2024-03-14", "第5版 经济新闻"),
])
def test_a_header_block_over_lines_with_a_label(header: str, date: str, page: str) -> None:
    r = _one(f"{header}\n把“开门红”的基础打得更牢\n\n本报讯（记者 王鑫）3月6日，全市工业经济运行良好。\n")
    assert (r.title, r.pub_date, r.page) == ("把“开门红”的基础打得更牢", date, page)


def test_a_leader_writer_credit_above_the_headline() -> None:
    page = "本报评论员\n\n把“开门红”的基础打得更牢\n\n一年之计在于春。刚刚过去的两个月，全市经济运行良好。\n"
    r = _one(page)
    assert (r.title, r.byline, r.reporters, r.body[:4]) == ("把“开门红”的基础打得更牢", "本报评论员", (), "一年之计")


def test_a_dateline_and_an_end_credit_in_one_paragraph() -> None:
    page = ("我市作家新作入选散文年选\n\n本报讯 记者3月15日从市作家协会获悉，我市作家王守义的散文入选该年选。（记者 刘艺琳）\n\n"
            "示范区2个项目入选省重点项目\n\n近日，省发展改革委公布省重点建设项目名单。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [("我市作家新作入选散文年选", ("刘艺琳",)), ("示范区2个项目入选省重点项目", ())]


def test_a_notice_ends_with_who_signed_it_and_the_date() -> None:
    page = ("焦作市公安局交通警察支队\n关于人民路部分路段临时交通管制的通告\n\n因人民路雨污分流改造工程施工需要，部分路段实行临时交通管制。\n\n"
            "特此通告。\n\n焦作市公安局交通警察支队\n\n2024年3月22日\n\n温县城区控制性详细规划（局部调整）批前公示\n\n"
            "根据《中华人民共和国城乡规划法》有关规定，现将规划局部调整方案予以公示。\n")
    records = parse_page(page, "t").records
    assert [r.title for r in records] == ["焦作市公安局交通警察支队 关于人民路部分路段临时交通管制的通告",
                                          "温县城区控制性详细规划（局部调整）批前公示"]
    assert records[0].body.endswith("焦作市公安局交通警察支队\n2024年3月22日")


def test_a_second_author_with_no_sub_heading_splits_at_the_last_headline_shaped_line() -> None:
    page = ("山阳区：老旧小区加装电梯破解“上楼难”\n\n本报讯（记者 赵  鹏）“以前下趟楼要歇好几回，现在方便多了。”\n\n"
            "今年以来，山阳区已完成老旧小区加装电梯46部，惠及居民1100余户。\n\n一只走失的小狗牵出一段邻里情\n\n"
            "3月中旬的一天，住在中站区府城街道的张阿姨家的小狗“豆豆”走丢了。\n\n（文/马小红）\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [("山阳区：老旧小区加装电梯破解“上楼难”", ("赵鹏",)),
                                                         ("一只走失的小狗牵出一段邻里情", ("马小红",))]


@pytest.mark.parametrize("credit, reporters", [
    ("文/图 本报记者 刘艺琳", ("刘艺琳",)),
    ("本报记者 孙国庆 李晓东 发自北京", ("孙国庆", "李晓东")),
])
def test_more_credit_lines_under_a_headline(credit: str, reporters: tuple[str, ...]) -> None:
    r = _one(f"五一去哪儿？来焦作“寻山问水”\n\n{credit}\n\n五一假期将至，焦作的山水迎来最美时节。\n")
    assert (r.title, r.reporters) == ("五一去哪儿？来焦作“寻山问水”", reporters)


def test_a_photo_credit_whose_role_and_name_are_on_two_lines() -> None:
    page = "1月12日,天寒地冻,在浉河北路东段,工人们正在琵琶台的建设工地上忙碌。\n本报记者\n王大明 摄\n图为省五建承建的信阳市百花之声工程。本报记者 肖 胜 摄\n"
    records = parse_page(page, "t").records
    assert [(r.kind, r.photographers, r.body[:5]) for r in records] == [
        ("caption", ("王大明",), "1月12日"), ("caption", ("肖胜",), "图为省五建")]


def test_a_numbered_photo_group_ends_with_its_text_and_credit() -> None:
    page = ("指尖上的非遗\n\n图①：博爱县许良镇竹编艺人正在编织竹篮。\n\n图②：学生在孟州市非遗传习所学习剪纸。\n\n"
            "近年来，我市加大非物质文化遗产保护传承力度。本报记者 翟晓峰 摄\n\n"
            "3月9日，参加全国两会的代表委员步入会场。新华社记者 王  鹏 摄\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.photographers) for r in records] == [("指尖上的非遗", ("翟晓峰",)), ("", ("王鹏",))]


def test_a_caption_the_layout_wrapped_keeps_all_its_lines() -> None:
    page = ("全市医保电子凭证激活人数已突破220万。（记者 常  乐）\n"
            "　　3月21日，山阳区一家社区食堂内，老人们在就餐。该区已建成社\n"
            "区老年食堂18个，为60岁以上老人提供每餐10元左右的平价餐\n食。本报记者 宋  涛 摄\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.photographers) for r in records] == [("article", ()), ("caption", ("宋涛",))]
    assert records[1].body.startswith("3月21日，山阳区") and "平价餐食。" in records[1].body


@pytest.mark.parametrize("rule", ["————————", "━━━━━━", "··········"])
def test_rule_lines_are_layout(rule: str) -> None:
    page = (f"太极拳进校园 覆盖全市中小学\n\n本报讯(通讯员 陈慧敏)记者从市教育局获悉，我市已有486所中小学开设太极拳课。\n\n"
            f"3月17日，运动员在市全民健身运动会乒乓球比赛中奋力回球。本报记者 王  帅 摄\n\n{rule}\n\n"
            f"焦作体育用品城 春季新品上市 全场八折\n\n地址:解放区民主南路88号 电话:0391-3920000\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.photographers) for r in records][:2] == [("article", ()), ("caption", ("王帅",))]


def test_bulleted_briefs_under_a_column_label_are_records_of_their_own() -> None:
    page = ("城区简讯\n\n■4月24日，中站区组织开展“世界读书日”主题活动。（记者 韩晓宇）\n\n"
            "■本报讯 近日，马村区安阳城街道为困难群众免费安装燃气报警器。（通讯员 王  娟）\n\n"
            "■4月23日，解放区人民法院开展“送法进社区”活动。\n\n■日前，山阳区东方红街道新建的就业服务站投用。（记者 赵  鹏）\n\n"
            "城区新闻热线：3925100　本版编辑：黄晓琳\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.section, r.body[:5], r.reporters, r.correspondents) for r in records] == [
        ("", "城区简讯", "4月24日", ("韩晓宇",), ()), ("", "城区简讯", "近日，马村", (), ("王娟",)),
        ("", "城区简讯", "4月23日", (), ()), ("", "城区简讯", "日前，山阳", ("赵鹏",), ())]


def test_a_credit_line_the_layout_wrapped_before_the_last_character_of_a_name() -> None:
    page = ("温县：一粒种子“长”出百亿产业\n——温县打造全国种业强县纪实\n本报记者 郑海洋 孙国庆 通讯员 张  博 李文静 赵\n丽\n"
            "　　4月的温县，麦浪滚滚，一望无际。\n")
    r = _one(page)
    assert (r.title, r.reporters, r.correspondents) == (
        "温县：一粒种子“长”出百亿产业 ——温县打造全国种业强县纪实", ("郑海洋", "孙国庆"), ("张博", "李文静", "赵丽"))


def test_a_front_page_pointer_is_furniture() -> None:
    page = ("3月4日，在沁阳市紫陵镇，农技人员指导农户开展春季麦田管理。本报记者 翟晓峰 摄\n\n今日导读\n▲第2版 两会特别报道\n▲第3版 县区新闻\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.photographers) for r in records] == [("caption", ("翟晓峰",))]


def test_a_photo_between_the_headline_and_the_dateline_belongs_to_the_article() -> None:
    page = ("别弄脏母亲河的“脸”\n淇河水面上漂浮着很多垃圾。晨报记者 李旭阳 摄\n"
            "　　晨报讯(记者 李旭阳 实习生 朱铮)“淇河的水面上漂着很多垃圾。”市民路先生说。\n"
            "　　23日中午,记者同路先生一起来到淇水诗苑附近的河段。\n")
    r = _one(page)
    assert (r.kind, r.title, r.reporters, r.photographers) == ("article", "别弄脏母亲河的“脸”", ("李旭阳", "朱铮"), ("李旭阳",))
    assert r.captions[0].text.startswith("淇河水面上") and r.body.endswith("淇水诗苑附近的河段。")


@pytest.mark.parametrize("text, caption", [
    ("记者6月7日拍摄的蓝天映衬下的陕北省工农民主政府旧址。", "陕北省工农民主政府旧址位于延川县永坪镇境内。本报记者 祁小军 摄"),
    ("临近春节，沂源县错石村党员田传府格外忙碌，他要赶在年前为村里的老人理发。", "图为2月9日，田传府（右五）在为村里的老人理发。赵东山摄"),
])
def test_a_titled_photo_story_is_one_caption_record(text: str, caption: str) -> None:
    r = _one(f"红色旧址再现活力\n{text}\n{caption}\n")
    assert (r.kind, r.title, len(r.photographers), r.body.split("\n")) == ("caption", "红色旧址再现活力", 1, [text, caption[:caption.index("。") + 1]])


def test_a_photo_of_another_place_after_a_brief_is_its_own_caption() -> None:
    page = ("解放区开展食品安全宣传周活动\n\n4月16日，解放区市场监管局在人民广场开展食品安全宣传活动。\n\n"
            "4月16日，修武县郇封镇的农民在麦田里浇水。通讯员 张  强 摄\n")
    assert [r.kind for r in parse_page(page, "t").records] == ["article", "caption"]


@pytest.mark.parametrize("name", ["法治·平安", "社会新闻", "理论周刊", "县区传真", "国际短讯"])
def test_a_page_or_column_name_over_a_headline_is_its_section(name: str) -> None:
    r = _one(f"{name}\n\n我市破获一起跨省电信网络诈骗案\n\n本报讯（记者 程远）日前，市公安局破获一起跨省电信网络诈骗案。\n")
    assert (r.title, r.section) == ("我市破获一起跨省电信网络诈骗案", name)


def test_a_header_line_with_a_dotted_page_name() -> None:
    r = _one("周末·人物  焦作日报  2024年6月15日  第9版\n\n寻访怀川匠人\n\n本报记者 李想\n\n5月的沁阳，木雕艺人张福来正在工作。\n")
    assert (r.title, r.pub_date, r.page) == ("寻访怀川匠人", "2024-06-15", "第9版 周末·人物")


@pytest.mark.parametrize("footer", ["责任编辑 李  娜 校对 马  超", "本版编辑 周  洁", "本版编辑：周洁"])
def test_staff_lines_without_a_colon_are_furniture(footer: str) -> None:
    page = f"马村区举办春季招聘会\n\n3月2日，马村区春季大型招聘会在区人力资源市场举行。（记者 张航）\n\n{footer}\n"
    result = parse_page(page, "t")
    assert [r.title for r in result.records] == ["马村区举办春季招聘会"] and footer in result.dropped


def test_an_author_and_a_note_under_the_headline_are_its_byline() -> None:
    page = ("以新质生产力推动焦作高质量发展\n王建华\n（作者单位：中共焦作市委党校）\n"
            "当前，新一轮科技革命和产业变革深入发展。\n一、深刻认识发展新质生产力的重大意义\n高质量发展需要新的生产力理论来指导。\n")
    r = _one(page)
    assert (r.title, r.reporters, r.body[:2]) == ("以新质生产力推动焦作高质量发展", ("王建华",), "当前")


def test_an_author_and_a_note_at_the_end_split_two_pieces() -> None:
    page = ("太行谣（组诗）\n□ 王  川\n我站在太行山的山巅上眺望远方\n看云从谷底升起\n"
            "老街旧事\n焦作的老街，在解放路和民主路一带。\n前些日子路过，老店早已不在。\n赵  毅\n（作者单位：焦作市第十一中学）\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [("太行谣（组诗）", ("王川",)), ("老街旧事", ("赵毅",))]


@pytest.mark.parametrize("line", ["投稿邮箱：jzrbfk@163.com", "健康热线：0391-12320", "本版责任编辑 汪  洋"])
def test_more_page_furniture(line: str) -> None:
    result = parse_page(f"温县黄河滩区迁建群众住进新居\n\n今年，温县迁建工程全面完工。（苏  晴）\n\n{line}\n", "t")
    assert len(result.records) == 1 and line in result.dropped


@pytest.mark.parametrize("caption, photographers", [
    ("昨日,在杭州湾跨海铁路大桥海上施工平台,工人正在作业。 (王嘉彬 程帅 摄)", ("王嘉彬", "程帅")),
    ("昨天,嘉兴新春文旅消费季启动仪式举行。\n■摄影 记者 王 蓉", ("王蓉",)),
])
def test_more_photo_credit_forms(caption: str, photographers: tuple[str, ...]) -> None:
    r = _one(caption + "\n")
    assert (r.kind, r.photographers) == ("caption", photographers)


def test_a_headline_run_on_before_its_dateline_is_split_off() -> None:
    page = ("习近平回信勉励\n祖籍宁波的香港企业家   新华社北京8月1日电 近日，国家主席习近平给包陪庆等回信。\n"
            "  习近平指出，多年来，你们传承先辈爱国爱乡的优良传统。\n"
            "北京大学校长龚旗煌来潍调研 李明刘运刘建军参加活动   本报讯 (潍坊日报社全媒体记者 付凯 刘福文)8月1日上午，龚旗煌来潍调研。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [
        ("习近平回信勉励 祖籍宁波的香港企业家", ()), ("北京大学校长龚旗煌来潍调研 李明刘运刘建军参加活动", ("付凯", "刘福文"))]


def test_another_pages_header_in_the_file_ends_the_article_above() -> None:
    page = ("浙江老年报 第00002版:综合 2006年4月28日\n\n这里的孤寡老人不孤独\n\n  本报讯 “出门一把锁,进门一盏灯”。\n\n"
            "  4月18日, 中心派出4位女职工陪着宋大妈游玩。\n\n浙江老年报 a0001版:头版 2023年08月22日\n\n“彩虹岛”上的幸福底色\n\n"
            "  鸡山岛位于台州玉环市东面海洋。 本报记者 王兴\n")
    result = parse_page(page, "t")
    assert [(r.title, r.paper) for r in result.records] == [("这里的孤寡老人不孤独", "浙江老年报"), ("“彩虹岛”上的幸福底色", "浙江老年报")]
    assert "浙江老年报 a0001版:头版 2023年08月22日" in result.dropped


def test_a_page_name_atop_the_page_over_an_editors_note() -> None:
    page = ("民生·社会\n\n编者按：在我们身边，有这样一群普通人。\n\n一碗“爱心面”温暖一座城\n\n本报记者 赵  鹏 王  晶\n\n"
            "在焦作市解放区民主南路，有一家不起眼的面馆。\n")
    r = _one(page)
    assert (r.title, r.section, r.reporters) == ("一碗“爱心面”温暖一座城", "民生·社会", ("赵鹏", "王晶"))


def test_a_hard_wrapped_page_keeps_its_briefs_apart() -> None:
    page = ("博爱县：大棚里的“草莓经济”\n甜了村民的日子\n本报记者 秦  越\n"
            "　　走进博爱县金城乡西良仕村的草莓种植基地，一座座大棚整齐排列，\n棚内一垄垄草莓红艳欲滴，不少游客正提着小篮子采摘。\n"
            "　　据了解，博爱县已发展草莓种植面积5200亩，年产值超过1.5\n亿元，带动2000余户群众增收。\n"
            "修武县高标准农田建设提前完成年度任务\n　　记者日前从修武县农业农村局获悉，该县2024年度3.6万亩高\n"
            "标准农田建设项目已全部完工，比计划提前两个月。项目区新打机井\n156眼、铺设地埋管道98公里、修建田间道路42公里，实现了\n"
            "“田成方、渠相通、路相连”。（本报记者 孔令\n辉）\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [
        ("博爱县：大棚里的“草莓经济” 甜了村民的日子", ("秦越",)), ("修武县高标准农田建设提前完成年度任务", ("孔令辉",))]


def test_captions_wrapped_at_the_page_width_keep_their_lines() -> None:
    page = ("昨天,在鼓楼步行街上,民间艺人的小摊位引得游人驻足,一件件手\n工制品唤起许多市民的美好回忆。(丁安摄)\n"
            "①昨天清晨,在海曙区翠柏路清扫的环卫工人享用热气腾腾的早餐。\n春节七天假期,海曙城管局组织60多名工作人员备好水饺、盒饭,\n"
            "兵分10余路,每天6时到各路段集合点为560多名环卫工人送上\n早餐。(胡建华 许玉芬 厉娜摄)\n"
            "②昨天,宁波市鼓楼步行街古戏台上,市老年大学越剧爱好者表演的\n传统越剧折子戏,给数千观众带来了欢乐。(周建平摄)\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.photographers, r.body[:4]) for r in records] == [
        ("caption", ("丁安",), "昨天,在"), ("caption", ("胡建华", "许玉芬", "厉娜"), "①昨天清"), ("caption", ("周建平",), "②昨天,")]


def test_a_bullet_before_a_headline_is_layout() -> None:
    result = parse_page("●一碗面,暖了环卫工人的心窝\n\n本报讯(记者 王晓晶)连日来,一家面馆为环卫工人免费送上热汤面。\n", "t")
    assert [r.title for r in result.records] == ["一碗面,暖了环卫工人的心窝"] and "●" in result.dropped


def test_a_wire_source_and_a_name_list_close_a_record() -> None:
    page = ("第十四届全国人民代表大会第四次会议副秘书长名单\n\n刘奇  刘俊臣  信春鹰（女）  钟山  娄勤俭  孔绍逊  汪洋\n\n"
            "（新华社北京3月4日电）\n\n第十四届全国人民代表大会第四次会议议程\n\n一、审议政府工作报告\n\n二、审查国民经济和社会发展第十五个五年规划纲要草案\n")
    records = parse_page(page, "t").records
    assert [r.title for r in records] == ["第十四届全国人民代表大会第四次会议副秘书长名单", "第十四届全国人民代表大会第四次会议议程"]


def test_helpers_named_at_the_end_and_cross_references() -> None:
    page = ("我国经济总量跃上140万亿元新台阶\n\n本报北京1月19日电  （记者刘志强、王云杉）1月19日，国家统计局发布数据。\n\n"
            "（相关报道见第二、八版）\n\n本期统筹：祁嘉润\n\n感悟中国经济潜能（今日谈）\n\n2025年，中国经济交出一份亮眼成绩单。\n\n"
            "（本报记者徐驭尧、窦皓、董泽扬参与采写）\n")
    result = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in result.records] == [
        ("我国经济总量跃上140万亿元新台阶", ("刘志强", "王云杉")), ("感悟中国经济潜能（今日谈）", ("徐驭尧", "窦皓", "董泽扬"))]
    assert "（相关报道见第二、八版）" in result.dropped and "本期统筹：祁嘉润" in result.dropped


def test_a_headline_over_the_first_of_numbered_sections() -> None:
    page = ("赵乐际同巴基斯坦国民议会议长萨迪克会谈\n\n新华社北京1月19日电  赵乐际19日在北京同萨迪克会谈。\n\n雪克来提·扎克尔参加会谈。\n\n"
            "从两个大局看“十五五”战略谋划\n\n（一）\n\n“十五五”规划建议为未来5年中国经济社会发展擘画蓝图。\n\n（二）\n\n习近平总书记从两个大局观察问题。\n")
    records = parse_page(page, "t").records
    assert [r.title for r in records] == ["赵乐际同巴基斯坦国民议会议长萨迪克会谈", "从两个大局看“十五五”战略谋划"]


@pytest.mark.parametrize("text, listed", [
    ("刘奇  刘俊臣  信春鹰（女）  钟山  娄勤俭  孔绍逊  汪洋", True),
    ("赵乐际  李鸿忠  洛桑江村（藏族）  雪克来提·扎克尔（维吾尔族）  刘奇", True),
    ("凝聚人心  凝聚共识  凝聚智慧  凝聚力量", False),
    ("坚定制度自信  实现良好开局", False),
])
def test_a_list_of_names_is_no_headline(text: str, listed: bool) -> None:
    from indexer.newspaper.layout import name_list
    assert name_list(text) is listed


def test_a_headline_over_a_list_of_names_starts_a_record() -> None:
    page = ("十四届全国人大常委会举行第六十四次委员长会议\n\n新华社北京3月4日电  十四届全国人大常委会4日上午举行委员长会议。\n\n"
            "3日下午和晚上，各代表团召开会议。\n\n第十四届全国人民代表大会第四次会议主席团常务主席名单\n\n"
            "赵乐际  李鸿忠  王东明  肖捷  郑建邦  丁仲礼  郝明金\n\n（新华社北京3月4日电）\n")
    records = parse_page(page, "t").records
    assert [r.title for r in records] == ["十四届全国人大常委会举行第六十四次委员长会议", "第十四届全国人民代表大会第四次会议主席团常务主席名单"]


def test_an_editors_signature_and_a_padded_coordinator_are_no_headlines() -> None:
    page = ("不做表面文章  不耍花拳绣腿（大家谈）\n\n习近平总书记强调：“通过党的自我革命，弘扬清风正气。”\n\n——编  者\n\n"
            "本期统筹：高  佶\n\n敢揭短也要真补短\n\n不久前，中国证监会、财政部修订发布有关规定。\n")
    result = parse_page(page, "t")
    assert "——编  者" not in [r.title for r in result.records] and "本期统筹：高  佶" in result.dropped


def test_an_advertisement_is_furniture_and_a_brief_with_a_phone_number_is_not() -> None:
    page = ("太极拳进校园 覆盖全市中小学\n\n本报讯(通讯员 陈慧敏)记者从市教育局获悉，我市已有486所中小学开设太极拳课。\n\n"
            "焦作体育用品城 春季新品上市 全场八折\n\n地址:解放区民主南路88号 电话:0391-3920000\n\n"
            "我市开通政务服务热线\n\n日前，我市政务服务热线正式开通，市民可拨打电话咨询办事事项。\n\n咨询电话：0391-12345\n")
    result = parse_page(page, "t")
    assert [r.title for r in result.records] == ["太极拳进校园 覆盖全市中小学", "我市开通政务服务热线"]
    assert "地址:解放区民主南路88号 电话:0391-3920000" in result.dropped
    assert result.records[1].body.endswith("咨询电话：0391-12345")


def test_a_written_up_credit_closes_its_part_and_names_who_wrote_it_up() -> None:
    page = ("因地制宜塑强城市优势\n\n“更加注重特色发展。”全国政协委员、青岛市副市长说。\n\n（本报记者侯琳良整理）\n\n"
            "前瞻布局6G产业构筑竞争优势\n\n“当前我国经济发展要扩大消费。”全国政协委员说。\n\n（本报记者 郑海洋 采访整理）\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [
        ("因地制宜塑强城市优势", ("侯琳良",)), ("前瞻布局6G产业构筑竞争优势", ("郑海洋",))]


@pytest.mark.parametrize(("page", "title", "inside"), [
    # an interview: a sub-heading over each question
    ("城市建设提质  人民幸福“加码”\n\n本报记者 张三\n\n两会期间，记者采访了两位代表委员。\n\n"
     "提高城市规划水平\n\n问：如何发挥规划在城市发展中的重要引领作用？\n\n张军萍：规划是城市发展的龙头。\n\n"
     "把最好的资源留给人民\n\n问：如何更好建设舒适便利的宜居城市？\n\n黄西勤：要把最好的资源留给人民。\n",
     "城市建设提质  人民幸福“加码”", "把最好的资源留给人民"),
    # a forum: a speaker's label over each part
    ("委员通道上的声音\n\n3月4日下午，全国政协十四届四次会议首场委员通道开启。\n\n"
     "黄三文委员——\n粮食高位丰收的密码是农业科技\n\n“我们培育的新品种亩产提高了两成。”黄三文说。\n\n"
     "潘建伟委员——\n把“卡点”转化为发展的“支点”\n\n“量子科技正处在从实验室走向应用的阶段。”潘建伟说。\n",
     "委员通道上的声音", "潘建伟委员——"),
])
def test_the_parts_of_an_interview_or_a_forum_stay_in_it(page: str, title: str, inside: str) -> None:
    r = _one(page)
    assert r.title == title and inside in r.body


def test_a_sub_heading_that_sums_up_the_story_above_stays_in_it() -> None:
    page = ("充分认识和把握党在全过程人民民主中的领导地位和作用\n\n"
            "习近平总书记指出，全过程人民民主是社会主义民主政治的本质属性。\n\n"
            "新时代以来，我们不断深化对民主政治发展规律的认识。\n\n"
            "党的领导是发展全过程人民民主的根本保证\n\n"
            "中国共产党在全过程人民民主中的领导地位和作用，有着深厚的理论逻辑。\n\n"
            "（作者为中央党史和文献研究院研究员）\n\n"
            "统筹“密而不繁”与“有效管用”（思想纵横）\n\n制度的价值，最终要靠实践来检验。\n")
    records = parse_page(page, "t").records
    assert [r.title for r in records] == ["充分认识和把握党在全过程人民民主中的领导地位和作用", "统筹“密而不繁”与“有效管用”（思想纵横）"]


def test_classified_notices_are_furniture_like_advertisements() -> None:
    page = ("我市完成冬季供热设施检修\n\n本报讯（记者 王晓东）截至11月8日，全市供热设施检修工作已全部完成。\n\n"
            "怀川家居 冬季焕新季 全场8折起 地址：焦作市解放区民主路188号 电话：0391-2926000\n\n遗失声明\n\n"
            "李某某不慎遗失焦作市中站区某某小区购房收据一张，编号：0012345，声明作废。\n\n"
            "焦作市马村区某某建材经营部遗失公章一枚，声明作废。\n\n分类广告热线：0391-3919000\n")
    result = parse_page(page, "t")
    assert [r.title for r in result.records] == ["我市完成冬季供热设施检修"]
    assert "焦作市马村区某某建材经营部遗失公章一枚，声明作废。" in result.dropped


def test_a_run_on_credit_that_says_it_reported_closes_the_article() -> None:
    page = ("# 外来建设者比拼“好声音”\n\n近日，首场初赛在北苑街道举行，20名选手参加了初赛。通讯员张锦清 记者羊荣江 报道\n\n"
            "义乌市总工会还将举办复赛。\n")
    records = parse_page(page, "t").records
    assert (records[0].reporters, records[0].correspondents) == (("羊荣江",), ("张锦清",))
    assert records[0].body == "近日，首场初赛在北苑街道举行，20名选手参加了初赛。" and len(records) == 2


def test_an_export_with_labelled_fields() -> None:
    page = ("【焦作日报 2012-04-18 第03版 县区新闻】\n引题：绿色产业铺就致富路\n标题：武陟县发展林下经济七万亩\n"
            "作者：本报记者 马  强 通讯员 薛志刚\n　　春日的武陟县黄河滩区，成片的杨树林下，鸡鸭成群。\n"
            "----------------------------------------\n【焦作日报 2012-04-18 第03版 县区新闻】\n标题：（图片新闻）\n"
            "作者：本报记者 宋崇飞 摄\n　　4月15日，温县招贤乡的农民在麦田里浇水施肥。\n"
            "----------------------------------------\n【焦作日报 2012-04-18 第03版 县区新闻】\n标题：修武县全力推进“百城建设提质”\n"
            "作者：\n　　本报讯　今年以来，修武县投资3.8亿元实施城区道路改造。\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.title) for r in records] == [
        ("article", "绿色产业铺就致富路 武陟县发展林下经济七万亩"), ("caption", ""), ("article", "修武县全力推进“百城建设提质”")]
    assert (records[0].reporters, records[0].correspondents, records[1].photographers) == (("马强",), ("薛志刚",), ("宋崇飞",))


def test_a_named_column_over_its_headline_is_the_section() -> None:
    page = "焦作日报 2016年10月23日 星期日 第6版\n山阳文苑\n责任编辑：吴  薇\n\n老屋门前的柿子树\n\n文/崔  晓\n\n又是一年霜降，老家打来电话。\n"
    r = _one(page)
    assert (r.section, r.title, r.reporters) == ("山阳文苑", "老屋门前的柿子树", ("崔晓",))


def test_a_spaced_masthead_a_guide_box_and_a_weather_box_are_furniture() -> None:
    page = ("焦 作 日 报\nJIAOZUO RIBAO\n2019年5月8日  星期三\n第1版  要闻\n\n导读\n■ 我市首批“无废学校”名单公布 （第5版）\n"
            "■ 一位乡村教师的三十年 （第7版）\n\n全市经济工作推进会召开\n\n本报讯 今天上午，全市经济工作推进会召开。\n\n"
            "今天白天到夜里：晴　西北风3-4级　最低气温-4℃\n明天：晴转多云　最高气温6℃\n")
    result = parse_page(page, "t")
    assert [r.title for r in result.records] == ["全市经济工作推进会召开"]
    assert (result.meta.paper, result.meta.pub_date) == ("焦作日报", "2019-05-08")
    assert "■ 一位乡村教师的三十年 （第7版）" in result.dropped


def test_a_second_authors_credit_after_numbered_sections_splits_at_the_last_plain_headline() -> None:
    page = ("以高质量党建引领焦作高质量发展\n\n王  宏（作者为中共焦作市委党校教授）\n\n党的建设是推动经济社会发展的根本保证。\n\n"
            "一、以政治建设统领发展方向\n\n各级党组织要始终把党的政治建设摆在首位。\n\n二、以组织建设夯实发展根基\n\n基层党组织是战斗堡垒。\n\n"
            "传承红色基因 赓续精神血脉\n\n焦作是一片有着光荣革命传统的土地。\n\n"
            "作者：赵丽君（焦作师范高等专科学校马克思主义学院讲师）\n\n学思践悟\n\n让学习成为一种习惯\n\n□ 陈  曦\n\n学习是干部成长进步的阶梯。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [
        ("以高质量党建引领焦作高质量发展", ("王宏",)), ("传承红色基因 赓续精神血脉", ("赵丽君",)), ("学思践悟 让学习成为一种习惯", ("陈曦",))]


def test_numbered_photos_each_with_a_credit_are_captions_of_their_own() -> None:
    page = ("# 南太行的秋\n\n图① 10月22日，修武县一斗水村的红叶层林尽染。本报记者 翟志远 摄\n\n"
            "图② 10月21日，游客在青天河景区乘船游览。通讯员 李  斌 摄\n\n图③ 10月21日，神农山景区的白松岭云雾缭绕。通讯员 王  瑞 摄\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.title, r.photographers) for r in records] == [
        ("caption", "南太行的秋", ("翟志远",)), ("caption", "", ("李斌",)), ("caption", "", ("王瑞",))]


def test_a_headline_broken_after_its_colon_is_one_headline() -> None:
    page = ("博爱县寨卜昌村：\n古村落里兴起新产业\n本报记者 李  丹 通讯员 张新颖\n走进博爱县金城乡寨卜昌村，青砖灰瓦的明清古建筑群保存完好。\n")
    r = _one(page)
    assert (r.title, r.reporters, r.correspondents) == ("博爱县寨卜昌村： 古村落里兴起新产业", ("李丹",), ("张新颖",))


def test_letters_signed_by_their_readers_and_a_speaker_under_a_forum_headline() -> None:
    page = ("小区门口的路灯终于亮了\n\n编辑同志：我家住在解放区焦东路附近的一个小区，门口的路灯坏了两个月。\n\n"
            "解放区　读者　刘桂芬\n\n希望增开通往高铁站的公交夜班车\n\n编辑同志：我经常坐高铁往返郑州和焦作。\n\n山阳区　黄海涛\n\n"
            "让太极拳走向世界舞台\n\n全国人大代表、温县陈家沟太极拳学校校长 陈小平\n\n温县是太极拳的发源地。\n\n（本报记者 王 晓 整理）\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [
        ("小区门口的路灯终于亮了", ("刘桂芬",)), ("希望增开通往高铁站的公交夜班车", ("黄海涛",)), ("让太极拳走向世界舞台", ("王晓",))]
    assert "陈小平" in records[2].body


def test_an_advertisement_over_a_headline_and_starred_classifieds() -> None:
    page = ("★遗失声明★\n\n焦作某某建材有限公司遗失公章一枚，声明作废。\n\n"
            "迎“五一” 焦作某某家居广场 全场家具八折起\n开业酬宾 进店有礼 地址：丰收路与迎宾路交叉口\n\n我市首批公共租赁住房5月配租\n\n"
            "本报讯（记者 陈 静）4月27日，记者从市住房保障中心获悉，我市首批1260套公共租赁住房将于5月配租。\n")
    result = parse_page(page, "t")
    assert [r.title for r in result.records] == ["我市首批公共租赁住房5月配租"]


def test_an_e_paper_cms_field_line_names_the_writer() -> None:
    page = ("我县蝉联“山西省文化强县”荣誉称号\n刊发日期:2013-02-06 阅读次数: 作者:小杰  语音阅读:语音阅读\n"
            "  本报讯近日,我县通过山西省文化强县复查,蝉联全省文化强县荣誉称号。\n\n"
            "天公吹响“集结号”环卫职工除雪忙 作者:李晓雪 摄 时间:2015-11-25 次数:119 语音阅读:语音阅读\n"
            "  11月24日,我县迎来今冬初雪,环卫职工连夜清扫积雪。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records[:1]] == [("我县蝉联“山西省文化强县”荣誉称号", ("小杰",))]
    assert [(r.kind, r.title, r.photographers) for r in records[1:]] == [("caption", "天公吹响“集结号”环卫职工除雪忙", ("李晓雪",))]
    page2 = "我市实现城市社区管理全覆盖\n刊发日期:2011-12-23 阅读次数: 作者:lxxwzx  语音阅读:\n    近日,我市顺利完成社区调整。\n"
    assert _one(page2).reporters == ()  # an uploader's account is no writer


@pytest.mark.parametrize("headline", ["稳中有进 亮点纷呈\n——上半年全市经济运行综述", "上半年全市经济运行稳中有进"])
def test_a_review_with_a_series_of_sub_headings_stays_one_article(headline: str) -> None:
    page = (f"焦作日报    2003年7月10日    星期四    第二版    经济\n{headline}\n"
            "　　今年上半年,全市上下坚持一手抓防治非典,一手抓经济建设,经济运行呈现稳中有进的态势。\n工业生产稳步增长\n"
            "　　上半年,全市规模以上工业企业产销衔接良好,工业生产增长较快。\n投资拉动作用增强\n"
            "　　上半年,全市完成全社会固定资产投资58.4亿元,同比增长31.2%。\n消费市场总体平稳\n"
            "　　受非典疫情影响,4、5月份全市消费市场一度受到冲击。\n城乡居民收入增加\n"
            "　　上半年,全市城镇居民人均可支配收入3312元,城乡居民收入继续增加。\n")
    r = _one(page)
    assert r.title == headline.replace("\n", " ") and "城乡居民收入增加" in r.body


def test_a_photo_report_is_a_caption_credited_to_everyone_it_names() -> None:
    page = ("# 外来建设者比拼“好声音”\n\n近日，首场初赛在北苑街道举行，20名选手参加了初赛。通讯员张锦清 记者羊荣江 摄影报道\n\n"
            "# 浓浓年味展南充特色\n\n“欢迎回家”造型灯组已就位。\n\n南充日报社全媒体记者 余中华 摄影报道\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.title, r.photographers, r.reporters) for r in records] == [
        ("caption", "外来建设者比拼“好声音”", ("张锦清", "羊荣江"), ()), ("caption", "浓浓年味展南充特色", ("余中华",), ())]


def test_site_lines_and_a_cms_author_line() -> None:
    page = ("当前位置:福州晚报2013年12月05日期 第A31版:新闻全球眼\n\n滨海县开展服务大集市活动\n\n"
            "作者:张丽娟 陶建飞 来源:滨海日报 发布时间:[2014-9-17]\n\n定西日报 2017-02-27 10:31 大字\n\n9月15日，滨海县举办服务大集市活动。\n")
    result = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in result.records] == [("滨海县开展服务大集市活动", ("张丽娟", "陶建飞"))]
    assert (result.meta.paper, result.meta.page) == ("福州晚报", "第A31版 新闻全球眼")


def test_a_page_header_ending_with_its_bare_page_number() -> None:
    page = ("\n焦作日报  2023年5月18日 星期四  城区新闻  5\n\n解放区启动老旧小区改造三年行动\n\n"
            "本报讯(记者刘婧)5月16日,解放区召开老旧小区改造三年行动动员会。\n")
    result = parse_page(page, "t")
    assert [r.title for r in result.records] == ["解放区启动老旧小区改造三年行动"]
    assert (result.meta.pub_date, result.meta.page) == ("2023-05-18", "第5版 城区新闻")


def test_a_column_heading_a_lone_page_label_and_a_lawyers_box() -> None:
    page = ("法治\n\n我市破获一起特大跨省电信网络诈骗案\n\n本报讯 记者 孔令晓 通讯员 张帆 端午假期,市公安局破获一起诈骗案。\n\n"
            "律师说法\n\n律师提醒,切勿轻信“刷单返利”。\n\n## 怀川论坛\n\n以更实举措推动文旅融合高质量发展\n\n作者:王建\n\n文旅融合是发展的新引擎。\n")
    records = parse_page(page, "t").records
    assert [(r.section, r.title, r.reporters, r.correspondents) for r in records] == [
        ("法治", "我市破获一起特大跨省电信网络诈骗案", ("孔令晓",), ("张帆",)),
        ("怀川论坛", "以更实举措推动文旅融合高质量发展", ("王建",), ())]
    assert "律师说法" in records[0].body


def test_a_photo_pages_credits_name_its_photographers_and_close_its_items() -> None:
    page = ("淮北日报 2020年10月29日 第A01版\n建设紧锣密鼓 新城日新月异\n　　10月20日,东部新城重点项目建设工地上,塔吊林立。\n"
            "　　■ 首席摄影记者 岳建文\n\n淮北日报 2022年09月02日\n　　褪去盛夏的炎热,9月1日,我市各中小学迎来了秋季学期。\n"
            "　　■ 本版摄影 记者 万善朝 梅月\n　　通讯员 王同同\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.title, r.photographers, r.reporters) for r in records] == [
        ("caption", "建设紧锣密鼓 新城日新月异", ("岳建文",), ()),
        ("caption", "", ("万善朝", "梅月", "王同同"), ())]


def test_numbered_captions_run_on_in_one_paragraph_and_an_editors_note_label() -> None:
    page = ("宁夏日报 2022年03月04日\n"
            "　　①“红草帽”志愿服务队志愿者看望高龄老人。 本报记者 周昕 摄 ②队员沈燕在为老人理发。 本报记者 张涛 实习生 杨盛纪 摄\n"
            "　　编前语\n　　3月5日是学雷锋纪念日,也是中国青年志愿者服务日。\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.title, r.photographers, r.body[:2]) for r in records] == [
        ("caption", "", ("周昕",), "①“"), ("caption", "", ("张涛", "杨盛纪"), "②队"), ("article", "", (), "编前")]


def test_photo_page_items_a_titled_story_a_credited_group_and_furniture() -> None:
    page = ("# 冬日里的城市“美容师”\n\n1月28日,朝阳环卫一小队队长刘福(右)带领10余位环卫工人清扫积雪。\n\n"
            "寒冬时节,凌晨的长春还处于睡梦中时,环卫工人清扫路面。 新华社记者 林宏 摄\n\n# 工地上的职工书屋\n\n"
            "图为两位青年职工在职工书屋里边看书边交流(12月6日摄)。\n\n图为施工人员在职工书屋里看书(12月6日摄)。\n\n"
            "中铁十一局三公司为施工项目部设立了职工书屋。 新华社记者 郝同前 摄\n\n■A03、06版\n\n杜明阳 制图\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.title, r.photographers) for r in page_.records] == [
        ("caption", "冬日里的城市“美容师”", ("林宏",)), ("caption", "工地上的职工书屋", ("郝同前",))]
    assert "杜明阳 制图" in page_.dropped and "■A03、06版" in page_.dropped


def test_web_copies_navigation_and_page_labels_are_furniture() -> None:
    page = ("2025年01月09日 \n\n浙江日报 数字报纸\n\n\n第02版:要闻\n\n制作龙灯 迎新春\n\n"
            "记者 时宽兵 文/摄 1月7日,在东阳市画水镇许宅村,村民正忙着制作“板凳龙”的龙头。\n\n"
            "2024年04月19日 \n\n第05版:新闻三秒区\n\n绘本展看 共富金华\n\n记者 陈芮 文/摄 4月18日,第二届绘本展开幕。\n\n"
            "返回经济网首页 | 版面导航 | 标题导航\n上一版3  4下一版 2016年3月3日 星期 放大 缩小 默认\n"
            "地方网 > 广西 > 柳州市 > 柳州新闻 > 正文\n当前报纸名称:金华晚报\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters, r.photographers) for r in page_.records] == [
        ("制作龙灯 迎新春", ("时宽兵",), ("时宽兵",)), ("绘本展看 共富金华", ("陈芮",), ("陈芮",))]
    assert {"第05版:新闻三秒区", "2024年04月19日", "当前报纸名称:金华晚报", "地方网 > 广西 > 柳州市 > 柳州新闻 > 正文"} <= set(page_.dropped)


def test_web_copies_source_lines_mastheads_and_a_paper_name_between_items() -> None:
    page = ("国内统一刊号:CN43-0003 湘潭日报社出版党报热线:0731-58266666广告热线:0731-58221120\n星期二\n"
            "# 两岸记者共赏川南魅力\n\n四川日报 2011-09\n\n本报讯(记者 王爽)天府之南有着怎样的魅力?\n\n"
            "# 我和《四川日报》的故事\n\n四川日报 2022-09-06\n\n1952年9月1日,《四川日报》在成都创刊。\n\n"
            "咸宁日报\n　　五一前夕,记者走进嘉鱼县官桥八组。下图为无人机拍摄的官桥八组。(袁灿)\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters, r.body[:4]) for r in page_.records] == [
        ("两岸记者共赏川南魅力", ("王爽",), "天府之南"), ("我和《四川日报》的故事", (), "1952"), ("", ("袁灿",), "五一前夕")]
    assert {"四川日报 2011-09", "四川日报 2022-09-06", "星期二", "咸宁日报"} <= set(page_.dropped)


def test_a_subtitle_wider_than_a_hard_wrapped_column() -> None:
    body = ("“淮南来的不多,但是这里的人,这里的美食,这\n里的历史文化都给我留下了很深的印象。”12月22\n"
            "日,来淮参加安徽经济新闻奖评审会的安徽工人日\n报社党总支书记、副总编辑陆世明在接受淮河早\n报、淮南网记者采访时说道。\n")
    page = "淮南是一座历史悠久又充满活力的城市\n——访安徽工人日报社党总支书记、副总编辑陆世明\n本报记者 张明星/文 倪军/图\n\n" + body
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters, record.photographers) == (
        "淮南是一座历史悠久又充满活力的城市 ——访安徽工人日报社党总支书记、副总编辑陆世明", ("张明星",), ("倪军",))


def test_a_supplement_page_spaced_column_name_a_poem_and_signed_letters() -> None:
    page = ("焦作日报　2018年10月19日　星期五　第08版　副刊\n\n太 行 风\n\n\n故乡的柿子树\n\n□李慧敏\n\n"
            "　　老家的院子里有一棵柿子树，是爷爷年轻时栽下的。\n\n\n太行秋色（外一首）\n\n□赵文博\n\n"
            "九月的太行，把颜色一层层铺开\n红的是枫\n黄的是栌\n\n山村夜话\n\n灯下坐着\n刚从地里回来的父亲\n说完就笑了\n笑声比灯光还暖\n\n\n"
            "读《怀庆府志》札记\n\n文/孙振华\n\n　　闲来翻读《怀庆府志》，书中记载的怀川风物，常让人心生感慨。\n\n"
            "读者来信\n\n感谢好心的出租车司机\n\n编辑同志：4月18日，我从孟州到市区看病，把包忘在了车上。\n\n"
            "在此，我想通过贵报向这位好心的刘师傅说一声：谢谢您！\n\n孟州市读者　张玉兰\n\n"
            "【导读】\n市区20条背街小巷年内完成改造 3版\n")
    page_ = parse_page(page, "t")
    assert [(r.section, r.title, r.reporters) for r in page_.records] == [
        ("太行风", "故乡的柿子树", ("李慧敏",)), ("太行风", "太行秋色（外一首）", ("赵文博",)),
        ("太行风", "读《怀庆府志》札记", ("孙振华",)), ("读者来信", "感谢好心的出租车司机", ("张玉兰",))]
    assert "市区20条背街小巷年内完成改造 3版" in page_.dropped



def test_a_credit_over_a_photo_closes_the_article_and_page_foot_furniture() -> None:
    page = ("高新区企业研发投入同比增长23%\n\n□本报记者 万干\n\n今年一季度,焦作高新区规模以上工业企业研发投入达4.3亿元。\n\n"
            "在卓立膜材料公司的研发中心,技术人员正在调试生产线。\n\n文/万干 图/翟鹏程\n\n\n\n"
            "4月7日,示范区苏家作乡的农民在田间操作植保无人机喷洒农药。本报记者 翟鹏程 摄\n\n"
            "图说孟州\n\n5月19日，孟州市莫沟村游客在窑洞民宿前拍照留念。本报记者 翟鹏程 摄\n\n"
            "小区门口的路灯又亮了\n\n编辑同志：我家住在一个老旧小区，小区门口的一段路没有路灯。\n\n"
            "山阳区焦东路街道居民　王桂兰\n\n便民热线\n市民服务热线：12345\n供水抢修：2925111　供暖服务：2096777\n\n"
            "凝心聚力谋发展 实干争先勇作为\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.section, r.title, r.reporters, r.photographers) for r in page_.records] == [
        ("article", None, "高新区企业研发投入同比增长23%", ("万干",), ("翟鹏程",)),
        ("caption", None, "", (), ("翟鹏程",)),
        ("caption", "图说孟州", "", (), ("翟鹏程",)),
        ("article", "图说孟州", "小区门口的路灯又亮了", ("王桂兰",), ())]
    assert "凝心聚力谋发展 实干争先勇作为" in page_.dropped


@pytest.mark.parametrize("line", ["·我市举办首届山药节 三版", "市区20条背街小巷年内完成改造 3版", "中共焦作市委机关报 国内统一刊号CN41-0038",
                                  "本版导读：博爱“竹编”编出致富路", "本报今日导读：市人大常委会召开第十次会议（2版）",
                                  "微信扫一扫 关注“焦作日报”", "▲广告▲焦作万嘉购物广场　周年店庆　全场满200元减50元　地址：山阳区人民路中段",
                                  "中共焦作市委机关报   JIAOZUO RIBAO", "第1版   今日四版   国内统一刊号 豫内字第0 31号",
                                  "来信请寄：焦作日报社群工部　邮编：454000　民生热线：0391-8797110",
                                  "早安，焦作！今天是2025年2月27日，星期四，农历二月初一。", "编辑：叶思彤　二审：赵卫东　三审：何立平",
                                  "下载掌上雅安APP", "A002雅安日报", "05", "①", "泉州网  东南早报  泉州商报  今日台商投资区  旧版入口",
                                  "设为首页|加入收藏", "您的位置:首页 > 河东映像>", "来源:运城晚报时间:2025-05-30",
                                  "山西日报手机报(晚报)", "过往期刊", "• 第2024-04-16期", "分享到微信朋友圈", "第2904期",
                                  "农历十二月初五", "今天白天多云间阴天,夜里多云转晴天,偏南风3级左右,温度12度到2度。",
                                  "2023 年 10 月 2 日 星期 放大 缩小 默认", "枣庄新闻 滕州新闻", "本文转自:九江日报", "更多精彩图片",
                                  "热点图片-头条新闻-新闻推荐"])
def test_pointer_and_masthead_lines_are_furniture(line: str) -> None:
    page_ = parse_page(f"市政协常委会议召开\n\n本报讯（记者 李明）11月7日，市政协常委会议召开。\n\n{line}\n", "t")
    assert len(page_.records) == 1 and line in page_.dropped


def test_a_narrow_hard_wrapped_column_its_dateline_and_caption_broken_by_the_wrap() -> None:
    page = ("焦作日报　1999年9月9日　第二版\n县市新闻\n武陟县3万亩大米喜获丰收\n"
            "　　本报讯（记者　郭文华　通讯员　李\n刚）连日来，武陟县沿黄乡镇3万亩水稻\n陆续成熟，田间处处是农民收割稻谷的繁\n"
            "忙景象。今年该县水稻平均亩产550公\n斤，比去年增产8%。\n　　武陟大米米粒饱满、口感香甜，在郑\n"
            "州、洛阳等地市场十分畅销，每公斤售价\n比普通大米高出0.4元。\n木城镇建起蔬菜批发市场\n"
            "　　武陟县木城镇投资120万元建成的\n蔬菜批发市场日前开业，市场占地40亩，\n日交易量可达50万公斤，辐射周边10\n"
            "余个乡镇。（记者　牛建华）\n　　9月7日，武陟县大封镇的农民在晾\n晒新收的稻谷。本报记者　郭文华　摄\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.title, r.reporters, r.correspondents, r.photographers, r.body[:5]) for r in records] == [
        ("article", "武陟县3万亩大米喜获丰收", ("郭文华",), ("李刚",), (), "连日来，武"),
        ("article", "木城镇建起蔬菜批发市场", ("牛建华",), (), (), "武陟县木城"),
        ("caption", "", (), (), ("郭文华",), "9月7日，")]


def test_web_copy_chrome_lines_are_furniture() -> None:
    chrome = ["法制网首页>>", "法治日报创刊40周年>>法治日报创刊40周年征文>>我与法治日报二三事>>",
              "发布时间:2020-07-10 07:25 星期五", "来源:法治日报——法制网", "本版新闻列表", "今日武威 今日古浪 今日民勤 今日天祝",
              "甘肃新闻 兰州市 嘉峪关 金昌市 白银市 天水市 酒泉市", "平顶山新闻网    平顶山日报   平顶山晚报",
              "海南日报报业集团旗下媒体: 海南日报 | 南国都市报 | 南海网 | 南岛晚报", "2015年03月06日 星期五      报料热线:966123",
              "当前版: 005版 上一版   下一版 上一期   下一期 往期", "您当前的位置:首页>编读互动", "分享到", "日期检索:"]
    page = "2024年09月12日\n\n" + "\n".join(chrome) + "\n\n甘肃新闻工作者播绿八步沙\n\n本报古浪3月12日讯(记者李满福)平日奔波在新闻一线的百余名记者来到八步沙。\n"
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [("甘肃新闻工作者播绿八步沙", ("李满福",))]
    assert set(chrome) <= set(page_.dropped)


def test_a_headline_led_in_by_a_long_clause_ending_in_a_colon() -> None:
    page = "政府工作报告引起在京海南人麦瑶共鸣:\n\n总理讲话拉近我回乡的路\n\n  ■ 本报特派记者 况昌勋\n\n  3月5日,正月十五,元宵佳节。\n"
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters) == ("政府工作报告引起在京海南人麦瑶共鸣: 总理讲话拉近我回乡的路", ("况昌勋",))


def test_a_cms_export_with_a_text_field_and_a_titled_photo() -> None:
    page = ("标题：示范区召开项目建设攻坚推进会\n作者：本报记者 杨帆 通讯员 邵明辉\n正文：\n"
            "本报讯（记者 杨帆 通讯员 邵明辉）11月15日上午，示范区召开项目建设攻坚推进会。\n------------------------------\n"
            "标题：丰收时节\n作者：本报记者 冯国栋\n正文：\n11月14日，示范区苏家作乡的工人在分拣铁棍山药。本报记者 冯国栋 摄\n"
            "------------------------------\n标题：示范区一企业入选省级“专精特新”名单\n作者：通讯员 靳文\n"
            "正文：日前，省工业和信息化厅公布了“专精特新”中小企业名单。\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.title, r.reporters, r.correspondents, r.photographers, r.body[:5]) for r in page_.records] == [
        ("article", "示范区召开项目建设攻坚推进会", ("杨帆",), ("邵明辉",), (), "11月15"),
        ("caption", "丰收时节", (), (), ("冯国栋",), "11月14"),
        ("article", "示范区一企业入选省级“专精特新”名单", (), ("靳文",), (), "日前，省工")]
    assert "正文：" in page_.dropped


def test_a_features_short_sub_headings_of_different_lengths() -> None:
    page = ("云台山下的“民宿村”\n——修武县岸上乡一斗水村发展乡村旅游见闻\n本报记者　邢晓光\n\n"
            "　　5月的太行山，满眼青翠。一斗水村的民宿小院里，游客们正在品尝农家饭。\n\n老房子变成了摇钱树\n\n"
            "　　村民马金锁家的石头房盖于上世纪70年代，老房子一直空着。去年，他把老房子改成了民宿。\n\n年轻人回来了\n\n"
            "　　民宿火了，在外打工的年轻人陆续回到村里。\n\n路越走越宽\n\n　　如今，一斗水村已有民宿26家。\n")
    record, = parse_page(page, "t").records
    assert record.title == "云台山下的“民宿村” ——修武县岸上乡一斗水村发展乡村旅游见闻" and "年轻人回来了" in record.body


def test_a_headline_after_a_feature_that_had_no_sub_headings() -> None:
    page = ("老旧小区电梯坏了半个月\n\n本报记者 王丽\n\n家住解放区某小区的居民反映，小区电梯坏了半个月还没修好。\n\n"
            "市质量技术监督局的工作人员表示，将督促物业公司对电梯进行全面检修。\n\n记者了解到，该小区电梯已于昨日修复。\n\n"
            "“爱心冰柜”温暖环卫工\n\n入秋以来，马村区一家超市门口一直摆着一台“爱心冰柜”，环卫工人可以免费取用。\n")
    assert [r.title for r in parse_page(page, "t").records] == ["老旧小区电梯坏了半个月", "“爱心冰柜”温暖环卫工"]


def test_a_mobile_digest_its_top_lines_pointers_and_bracketed_columns() -> None:
    page = ("1月22日晚报\n\n2026年1月22日,星期四,农历腊月初四\n明天晴,温度-12℃~0℃\n◆导读◆\n>>一碗面,暖了环卫工人的心窝\n"
            ">>香山街道统筹各方力量应对极端天气\n【封面】\n●笔墨凝香传古韵\n---------------\n"
            "21日,“简上楚风”全国楚简书法名家作品巡展在市美术馆开幕。(记者 王晓晶)\n【城事】\n●一碗面,暖了环卫工人的心窝\n"
            "---------------\n19日,市区大雪纷飞,一家面馆为环卫工人送上热汤面。(记者 栗晨曦)\n")
    page_ = parse_page(page, "t")
    assert [(r.section, r.title, r.reporters) for r in page_.records] == [
        ("封面", "笔墨凝香传古韵", ("王晓晶",)), ("城事", "一碗面,暖了环卫工人的心窝", ("栗晨曦",))]


def test_a_box_credit_run_on_after_the_subtitle() -> None:
    page = ("以“拼”的姿态 奏响“新春序曲”\n——秦安县开年推进高质量发展一线见闻   □新天水·天水日报记者 景春燕\n"
            "　　春节过后，秦安县各项目建设现场一派繁忙。\n")
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters) == ("以“拼”的姿态 奏响“新春序曲” ——秦安县开年推进高质量发展一线见闻", ("景春燕",))


def test_a_gallery_of_credited_photos_under_the_headline_and_web_chrome() -> None:
    page = ("看家乡事,品故乡情\n\n摄影爱好者眼里的成都魅力: 绿道与雪山同框 成都生态美的标志\n\n成都商报 2018-06-24 01:54 大字\n\n"
            "在温江绿道望雪山 田相和 摄\n\n掩映在繁茂树林中的崇州“竹里”摄影记者 王勤\n\n市民们正在桂溪生态公园锻炼 摄影记者 张直\n\n"
            "在很多人眼里,一张图片最能说明成都美。\n\n成都商报实习记者 庄灵辉\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.title, r.reporters, r.photographers) for r in page_.records] == [
        ("caption", "", (), ("田相和",)), ("caption", "", (), ("王勤",)), ("caption", "", (), ("张直",)),
        ("article", "摄影爱好者眼里的成都魅力: 绿道与雪山同框 成都生态美的标志", ("庄灵辉",), ())]
    assert "看家乡事,品故乡情" in page_.dropped


def test_a_wechat_repost_brackets_pictographs_sub_headings_and_links() -> None:
    page = ("焦作日报 2023-06-08 07:30 发表于河南\n\n👆点击蓝字 关注我们\n\n▼\n\n【我市2023年中招政策出炉！这些变化要知道】\n\n"
            "本报讯（记者 樊晓雯 通讯员 吉宏伟）6月7日，市教育局发布中招政策。\n\n📌考试时间\n\n文化课考试于6月25日至27日进行。\n\n"
            "📌招生计划\n\n全市普通高中计划招生1.86万人。\n\n📌志愿填报\n\n考生须于7月8日前在网上填报志愿。\n\n"
            "【市教育局提醒：警惕“高考志愿填报”收费陷阱】\n\n高考结束后，一些机构高价兜售志愿填报服务。（记者 樊晓雯）\n\n"
            "编辑：申璐 审核：郝文斌\n\n往期推荐\n\n焦作这些学校，招生计划公布\n\n点个“在看”，让更多人看到\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [
        ("我市2023年中招政策出炉！这些变化要知道", ("樊晓雯",)), ("市教育局提醒：警惕“高考志愿填报”收费陷阱", ("樊晓雯",))]
    assert "招生计划" in page_.records[0].body and "📌" in page_.dropped and "👆" in page_.dropped


def test_an_epaper_page_views_title_list_and_headlines_indented_like_the_text() -> None:
    page = ("第03版:县区新闻 上一版2  4下一版\n本版标题导航\n修武:“美学经济”带火乡村游\n博爱:万亩竹林变身“绿色银行”\n"
            "马村区开展燃气安全大排查\n\n  修武:“美学经济”带火乡村游\n  本报讯 记者冯晓琳 今年以来,修武县以“美学经济”为引领,发展乡村游。\n"
            "  博爱:万亩竹林变身“绿色银行”\n  本报讯(通讯员 金海涛)博爱县许良镇依托万亩竹林资源,发展竹编产业。\n"
            "  马村区开展燃气安全大排查\n  连日来,马村区组织住建、应急、城管等部门,对辖区餐饮门店燃气安全开展排查。\n")
    assert [r.title for r in parse_page(page, "t").records] == [
        "修武:“美学经济”带火乡村游", "博爱:万亩竹林变身“绿色银行”", "马村区开展燃气安全大排查"]


def test_a_notices_number_a_doctors_credit_and_a_numbered_photo_groups_name() -> None:
    page = ("焦作市解放区人民法院公告\n　　（2016）豫0802民初1187号\n　　焦作某商贸有限公司：本院受理原告诉你公司买卖合同纠纷一案。\n"
            "　　焦作市解放区人民法院\n\n换季谨防老年人心脑血管病\n\n文/市第二人民医院 宁志伟\n\n春季早晚温差大，血压波动明显。\n\n"
            "赛场掠影\n　　①来自30个国家和地区的太极拳爱好者同场竞技。本报记者　包国梁　摄\n"
            "　　②小选手在开幕式上表演太极扇。通讯员　郜晓峰　摄\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.section, r.title, r.reporters, r.photographers) for r in page_.records] == [
        ("article", None, "焦作市解放区人民法院公告", (), ()), ("article", None, "换季谨防老年人心脑血管病", ("宁志伟",), ()),
        ("caption", "赛场掠影", "", (), ("包国梁",)), ("caption", "赛场掠影", "", (), ("郜晓峰",))]


def test_a_column_of_bulleted_briefs_on_a_hard_wrapped_page() -> None:
    page = (Path(__file__).parent.parent / "data" / "segmentation" / "holdout10" / "p16_2002_pdfwrap28_yaowen_front.txt")
    records = parse_page(page.read_text(encoding="utf-8"), "t").records
    briefs = [(r.title, r.reporters, r.correspondents) for r in records if r.section == "要闻简报" and r.kind == "article"]
    assert briefs == [("", ("郝振东",), ()), ("", (), ("甘秋菊",)), ("", (), ())]


def test_an_end_credit_wrapped_after_a_space_between_two_names() -> None:
    page = "火灾未造成人员伤亡\n　　8月12日下午，中站区一小区起火。火灾系电动车充电引发。（本报记者　池永健　\n项　丽）\n"
    record, = parse_page(page, "t").records
    assert record.reporters == ("池永健", "项丽")


def test_a_line_printed_twice_in_a_row_is_kept_once() -> None:
    page = "探访千年茶马古道\n\n采访报道团队成员下行陡坡\n\n采访报道团队成员下行陡坡\n\n1935年5月31日,红军在飞夺泸定桥后南下冷碛镇。\n"
    page_ = parse_page(page, "t")
    record, = page_.records
    assert (record.title + record.body).count("下行陡坡") == 1 and "采访报道团队成员下行陡坡" in page_.dropped


def test_a_mobile_digests_single_pointer_is_its_headline() -> None:
    page = ("【封面】\n>>全国政协十二届四次会议举行第三次全体会议\n----------\n全国政协十二届四次会议昨日在人民大会堂举行第三次全体会议。\n"
            "〓山西观察〓\n>>全市工业经济转型发展大会召开\n----------\n昨日，全市工业经济转型发展大会召开。（记者 王振巍）\n"
            "建设“枢纽商都 开放梁园”\n记者 单保良    来源:商丘网—商丘日报\n  在前不久召开的梁园区第六次党代会上，确立了发展目标。\n")
    page_ = parse_page(page, "t")
    assert [(r.section, r.title, r.reporters) for r in page_.records] == [
        ("封面", "全国政协十二届四次会议举行第三次全体会议", ()), ("山西观察", "全市工业经济转型发展大会召开", ("王振巍",)),
        ("山西观察", "建设“枢纽商都 开放梁园”", ("单保良",))]


@pytest.mark.parametrize(("page", "title"), [
    ("刘志刚\n2024年元旦刚过,一份带着墨香的《黄海晨刊》就摆在了我的书桌上。\n", ""),
    ("杨金贵\n古建凝岁月,胜迹铸辉煌\n踏足新绛,便如走进铺展千年的水墨长卷。\n", "古建凝岁月,胜迹铸辉煌"),
])
def test_a_writers_name_alone_where_an_item_begins(page: str, title: str) -> None:
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters) == (title, (page[:3],))


@pytest.mark.parametrize("line", ["春节", "孟州市"])
def test_a_short_line_that_is_no_name_is_not_taken_for_a_writer(line: str) -> None:
    records = parse_page(f"{line}\n农民办起“科技夜校”\n本报讯（记者 卞文光）每到晚上8点，村委会大院就热闹起来。\n", "t").records
    assert [r.reporters for r in records] == [("卞文光",)]


def test_boilerplate_patterns_that_cannot_be_combined_are_refused_by_name() -> None:
    from indexer.errors import InvalidInput
    from indexer.newspaper.boilerplate import parse_patterns

    assert parse_patterns("^扫一扫$\n# a comment\n^(?:第\\d版)$\n", "mine.txt").clean_line("第3版") == ("", ("第3版",))
    with pytest.raises(InvalidInput, match="mine.txt"):
        parse_patterns("^(?P<a>x)$\n^(?P<a>y)$\n", "mine.txt")


def test_a_headline_line_that_ends_open_between_its_kicker_and_subtitle() -> None:
    page = ("一条“高薪兼职”短信背后\n\n七旬老人的养老钱是怎样被骗走的\n\n——山阳区法院审结一起电信网络诈骗案\n\n"
            "本报记者 董  柯  通讯员 马  璐\n\n　　去年5月，家住山阳区的七旬老人李某收到一条“高薪兼职”短信。\n")
    record, = parse_page(page, "t").records
    assert record.title == "一条“高薪兼职”短信背后 七旬老人的养老钱是怎样被骗走的 ——山阳区法院审结一起电信网络诈骗案"


def test_a_letter_under_an_editors_note_signed_at_the_end() -> None:
    page = ("别让“指尖上的形式主义”卷土重来\n\n文/李  睿\n\n打卡、截图、晒工作群……一些基层干部反映负担又重了。\n\n"
            "一张车票里的温情\n\n编者按：本报近日收到一封读者来信，讲述了公交车上一次暖心的相遇。现予刊发。\n\n"
            "那天我坐公交车去医院，忘了带零钱，司机师傅帮我投了币。\n\n作者：王秀兰（解放区退休职工）\n\n欢迎读者来稿 投稿邮箱：jzrbpl@163.com\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("别让“指尖上的形式主义”卷土重来", ("李睿",)), ("一张车票里的温情", ("王秀兰",))]


def test_a_series_name_over_a_headline_and_an_editors_note_label_with_a_bullet() -> None:
    page = ("◆编者按\n今年是本报创刊七十周年，我们刊发读者来稿。\n\n70年峥嵘岁月丨我与三峡日报\n深刻影响秭归的三次新闻宣传活动\n"
            "廖晗报道\n3月19日,枣庄市革命老区的一场活动在秭归举行。\n")
    page_ = parse_page(page, "t")
    assert [(r.section, r.title, r.reporters) for r in page_.records] == [
        (None, "", ()), ("70年峥嵘岁月丨我与三峡日报", "深刻影响秭归的三次新闻宣传活动", ("廖晗",))]


def test_a_guide_boxs_bulleted_pointers_and_a_bullet_before_a_caption() -> None:
    page = ("第2904期\n〓本期导读〓\n◆山西2025年原煤总产量超13亿吨\n◆阳泉北站将新增3列旅客列车\n\n"
            "〓山西观察〓\n>>山西2025年原煤总产量超13亿吨\n作为全国重要的综合能源基地,山西煤炭资源丰富。\n\n"
            "靓丽盐湖\n  •   4月14日,运城市解放南路流光溢彩。\n    薛俊摄\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.title, r.photographers, r.body[:2]) for r in page_.records] == [
        ("article", "山西2025年原煤总产量超13亿吨", (), "作为"), ("caption", "靓丽盐湖", ("薛俊",), "4月")]
    assert "◆阳泉北站将新增3列旅客列车" in page_.dropped


def test_a_web_copys_fields_under_a_headline_mark_the_next_item() -> None:
    # the second headline repeats words of the first item's text; the fields under it say it is an item's headline
    page = ("我与《焦作日报》的四十年\n\n日期:08-09\n字号:\n\n  1985年我第一次在《焦作日报》上发表稿件,从此与焦作日报结缘。\n\n"
            "  四十年来,《焦作日报》陪伴我走过了人生的每一个阶段。\n\n写在焦作日报复刊四十周年之际\n\n"
            "本文发布于 2025-09-11 03:28\n来源:焦作日报   \n26613\n\n一纸风行,四十春秋。\n\n1985年,焦作日报复刊。\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.body[:4]) for r in page_.records] == [
        ("我与《焦作日报》的四十年", "1985"), ("写在焦作日报复刊四十周年之际", "一纸风行")]
    assert "26613" in page_.dropped


def test_untitled_items_set_apart_by_a_blank_line_on_a_page_without_blank_lines() -> None:
    page = ("1978年春天,我第一次走进焦作日报社的大门,手里紧紧攥着一篇前前后后改写了三遍的新闻稿子。\n"
            "那时的编辑部只有两排平房,老编辑们戴着蓝布套袖,一字一句地教我这个新人写消息、改标题。\n"
            "后来我调到县里的宣传部门工作,可每天早上先翻开焦作日报的习惯,一直从那时保留到了今天。\n\n"
            "有一种陪伴,无声却长久,它就是四十年来每天清晨都会准时送到我家门口的这份散发着墨香的报纸。\n"
            "从黑白到彩色,从四个版到十六个版,这份报纸一页一页地记下了焦作这座城市每一年的变化。\n")
    assert [r.body[:6] for r in parse_page(page, "t").records] == ["1978年春", "有一种陪伴,"]


def test_a_news_sites_tags_and_a_stock_photo_note_are_furniture() -> None:
    # the credit at the end signs the text above: the tags under it are the site's, not text of another item
    page = ("位置: 首页 >> 生活 > > 正文\n\n龙源湖畔荷花开\n\n2024-06-26 10:05:12 来源:焦作日报\n\n(资料图片)\n\n"
            "6月下旬,龙源湖公园的荷花竞相开放,吸引不少市民驻足观赏。\n\n公园管理处提醒游客文明赏花,不要攀折。\n\n"
            "焦作日报全媒体记者 李  晨/文 王  峰/图\n\n标签: 荷花 龙源湖\n\n上一篇:高考期间食品消费提示\n下一篇:最后一页\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters, r.body[:4]) for r in page_.records] == [("龙源湖畔荷花开", ("李晨",), "6月下旬")]
    assert "(资料图片)" in page_.dropped


def test_a_deeper_markdown_heading_inside_an_article_is_its_sub_heading() -> None:
    page = ("焦作日报\n\n# 老报刊里的百年焦作\n\n本报记者 王  磊\n\n市档案馆昨日开放“老报刊”展厅,展出晚清以来的报刊原件两千余种。\n\n"
            "## 从煤城到山水城\n\n展厅的第二部分,按年代陈列了报道焦作转型的版面。\n\n# 我市新增三处口袋公园\n\n"
            "本报讯 近日,解放区三处口袋公园建成开放。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.body[-6:]) for r in records] == [
        ("老报刊里的百年焦作", "转型的版面。"), ("我市新增三处口袋公园", "园建成开放。")]
    assert "从煤城到山水城" in records[0].body  # kept in the record, so a search finds it


def test_labelled_headline_fields_all_go_into_the_headline() -> None:
    # "焦作：…" looks like a profile box's field, but under 标题: it is the headline
    page = ("引题:壮丽70年·奋斗新时代\n标题:焦作：从“煤城”到“山水城”\n副题:——我市资源型城市转型发展综述\n"
            "作者:本报记者 王 冰\n正文:\n\n　　70年前，焦作是一座以煤炭开采为主的工矿城市。\n")
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters) == (
        "壮丽70年·奋斗新时代 焦作：从“煤城”到“山水城” ——我市资源型城市转型发展综述", ("王冰",))


def test_short_lines_with_no_gap_on_a_page_that_sets_its_headlines_apart_are_sub_headings() -> None:
    # no blank lines inside an item, one between items: a short line with none above it is a sub-heading
    page = ("焦作日报 2019年5月9日 星期四 第7版 法治\n\n"
            "“免费体检”背后的骗局\n本报记者 周  航 通讯员 李  敏\n"
            "　　“免费体检,还送鸡蛋。”去年冬天,山阳区多名老人被这样的传单吸引,走进了一家“健康咨询中心”。\n"
            "　　“一开始只是量血压、测血糖,后来就说我的指标不正常。”72岁的张大爷回忆,那段时间他几乎每天都去。\n"
            "体检之后推销保健品\n"
            "　　体检结束后,工作人员以“指标异常”为由,向老人推销每盒上千元的保健品,不少老人掏出了积蓄。\n"
            "　　经查,这家“中心”并无医疗资质,所谓保健品成本不足售价的十分之一,涉案金额达六十余万元。\n"
            "法官提醒\n"
            "　　承办法官提醒,老年人遇到“免费”“赠送”的宣传要多留心,购买保健品应到正规药店。\n\n"
            "温县法院开展“法律进乡村”活动\n本报讯（通讯员 王 嘉）5月8日,温县人民法院的法官走进番田镇,为村民讲解民法典知识。\n\n"
            "武陟警方破获一起电信诈骗案\n本报讯（记者 秦  朗）5月7日,武陟县公安局破获一起电信网络诈骗案,抓获犯罪嫌疑人2名。\n")
    assert [r.title for r in parse_page(page, "t").records] == [
        "“免费体检”背后的骗局", "温县法院开展“法律进乡村”活动", "武陟警方破获一起电信诈骗案"]


def test_a_credit_at_the_end_with_the_authors_note_on_the_next_line_signs_the_text_above() -> None:
    page = ("来论\n\n让老手艺走进新课堂\n\n怀梆、清化竹编……焦作的非遗项目不少,但一些项目面临后继乏人的困境。\n\n"
            "让非遗“活”起来,关键是让年轻人“爱”起来。\n\n作者:王思远\n\n(作者单位:焦作大学)\n\n"
            "以更大力度稳就业保民生\n\n新华社北京12月1日电(记者 唐立新)就业是最基本的民生。\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("让老手艺走进新课堂", ("王思远",)), ("以更大力度稳就业保民生", ("唐立新",))]


def test_an_epaper_article_views_navigation_between_copied_items_is_furniture() -> None:
    view = ("焦作日报电子版\n2016年5月12日 星期四 第05版:县区新闻\n上一版  下一版  返回目录\n【字号 大 中 小】\n\n"
            "{title}\n\n{text}\n\n上一篇  下一篇  返回目录\n\n")
    page = (view.format(title="武陟县麦收进度过半", text="5月11日,武陟县小麦收获进度过半,全县投入收割机1200余台。（记者 李  明）")
            + view.format(title="修武县新建三座乡村文化广场", text="近日,修武县新建的三座乡村文化广场投入使用。（记者 王  芳）"))
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [
        ("武陟县麦收进度过半", ("李明",)), ("修武县新建三座乡村文化广场", ("王芳",))]
    assert "【字号 大 中 小】" in page_.dropped


def test_a_news_sites_item_lines_and_share_buttons_are_furniture() -> None:
    page = ("您所在的位置:焦作网 > 焦作 > 社会 > 正文\n\n焦作日报 > 城事\n\n市区新增公共充电桩200个\n\n"
            "2024-03-02 07:08  来源:焦作日报  责任编辑:张  强\n分享到:\n微信\n朋友圈\n\n"
            "本报讯(记者 王  芳)记者从市城管局获悉,今年以来市区新增公共充电桩200个。\n\n版权声明:未经许可禁止以任何形式转载\n\n"
            "前一版 2024年03月02日\n\n新闻    时间:2024年03月02日\n\n龙源湖公园樱花进入盛花期\n\n本报讯(记者 李  明)近日,龙源湖公园樱花进入盛花期。\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [
        ("市区新增公共充电桩200个", ("王芳",)), ("龙源湖公园樱花进入盛花期", ("李明",))]


def test_a_web_copys_time_line_naming_the_writer_is_read_not_dropped() -> None:
    page = "市区新增公共充电桩200个\n\n2024-03-02 07:08 作者:王芳 来源:焦作日报\n\n记者从市城管局获悉,今年以来市区新增公共充电桩200个。\n"
    record, = parse_page(page, "t").records
    assert record.reporters == ("王芳",)


def test_numbered_wire_briefs_one_after_another_are_items_and_the_agency_names_no_one() -> None:
    page = ("1996-11-20\n\n第 3 版\n\n1. 日本首相访问东南亚三国\n\n日本首相十八日启程访问东南亚三国。(共同社)\n\n"
            "2. 欧盟同意延长对俄援助计划\n\n欧盟外长十八日说,援助计划将延长一年。(路透社)\n\n"
            "3. 埃及发现古墓群\n\n埃及文物部门十八日宣布,在卢克索发现一处古墓群。(美联社)\n")
    assert [(r.title, r.reporters, r.byline) for r in parse_page(page, "t").records] == [
        ("日本首相访问东南亚三国", (), "(共同社)"), ("欧盟同意延长对俄援助计划", (), "(路透社)"),
        ("埃及发现古墓群", (), "(美联社)")]


def test_boxed_writers_names_run_on_into_their_pieces_start_one_item_each() -> None:
    page = ("□ 王建国 自从焦作日报复刊之日起,我就成了它的忠实读者,四十年来从未间断。\n\n"
            "□ 李秀英 对于焦作日报,我一直有一种难以割舍的情愫,它陪我度过了许多个清晨。\n")
    assert [(r.title, r.reporters, r.body[:4]) for r in parse_page(page, "t").records] == [
        ("", ("王建国",), "自从焦作"), ("", ("李秀英",), "对于焦作")]


def test_a_copys_source_line_ends_it_and_a_name_with_the_time_it_went_online_is_its_writer() -> None:
    page = ("焦作日报记者王  芳\n8月29日,记者在“党报进社区”活动现场见到了87岁的退休教师张老师。\n"
            "我是一名退休教师,今年87岁了,订阅焦作日报已经整整四十年。\n\n本文转自:焦作日报\n高  杰\n"
            "1989年初春,我第一次走进焦作日报社,报名参加新闻函授学习班。\n当年4月,我的第一篇稿件见报了。\n\n"
            "我和日报的缘分\n2016-09-12 11:06 赵  明\n我和《焦作日报》有着很深的缘分。\n")
    assert [(r.reporters, r.body[:4]) for r in parse_page(page, "t").records] == [
        (("王芳",), "8月29"), (("高杰",), "1989"), (("赵明",), "我和《焦")]


@pytest.mark.parametrize("page", [
    # a table's source note is text, and does not end the article
    "一季度我市经济运行稳中向好\n本报讯（记者 王冰）记者从市统计局获悉，一季度全市经济运行稳中向好。\n"
    "全市地区生产总值同比增长5.2%，规模以上工业增加值增长6.1%。\n来源：市统计局\n市统计局局长李明华表示，下一步将加强经济运行监测分析。\n",
    # a timeline's times are text, and a time before a word is no writer
    "一场跨越三省的追捕\n本报记者 李娜\n去年秋天，山阳公安分局接到群众报警。\n2023-10-05 14:00 王建国接到线人举报\n"
    "2023-10-12 09:30 阅读推广员张秀兰认出嫌疑人并报警，民警随即赶到现场\n2024-03-07 16:00 闭幕\n目前，案件已移送检察机关审查起诉。\n",
    # a power cut notice's place
    "停电通知\n本报讯（记者 王冰）因线路检修，部分区域3月9日停电。\n位置：解放区民主南路与人民路交叉口东北角\n请用户提前做好准备。\n",
    # one stray blank line inside a continued article closed by its credit
    "（上接第一版）\n今年以来，我市把招商引资作为“一号工程”，全年签约项目一百二十个，总投资八百余亿元。\n"
    "各县（市、区）主要负责同志带队外出招商，走访企业三百余家，洽谈项目二百多个。\n\n"
    "下一步，我市将持续优化营商环境，推动签约项目早落地、早投产、早见效。\n目前，已有六十个项目开工建设，完成投资二百亿元。（记者 王  冰）\n",
])
def test_lines_that_look_like_a_web_copys_furniture_inside_an_article_stay_in_it(page: str) -> None:
    page_ = parse_page(page, "t")
    record, = page_.records
    assert record.reporters[:1] in (("王冰",), ("李娜",)) and all(d.startswith("（上接") for d in page_.dropped)


def test_a_bulleted_place_and_numbers_at_the_start_of_headlines_are_not_names_or_counts() -> None:
    page = ("县区传真\n■ 修武 连日来，修武县组织200余名党员干部深入田间地头，帮助群众解决实际困难。\n\n"
            "1.5万名考生今日走进高考考场\n本报讯（记者 周红）6月7日，全市1.5万名考生走进考场。\n\n"
            "2.3亿元资金支持乡村振兴项目\n本报讯（记者 王冰）今年以来，市财政局筹措2.3亿元资金。\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("", ()), ("1.5万名考生今日走进高考考场", ("周红",)), ("2.3亿元资金支持乡村振兴项目", ("王冰",))]


@pytest.mark.parametrize("page", [
    "市区部分道路实行交通管制\n本报讯（记者 王冰）3月10日，市区部分道路实行交通管制。\n\n"
    "【提醒】【扩散】焦作这些收费站今晚临时关闭\n本报讯（记者 刘洋）因道路施工，焦作东收费站3月6日20时起临时关闭。\n",
    "# 市委常委会召开会议\n\n3月4日，市委常委会召开会议，研究部署近期重点工作。\n\n## 春到云台山\n\n"
    "山间的桃花开了，漫山遍野，一片粉红。游客王秀英说，她每年都要来这里看花。\n",
    "云台山迎来春季旅游高峰\nIMG_20240305.jpg\n3月4日，云台山景区接待游客2.1万人次。\n据了解，景区还将举办国际旅游节。\n记者 王冰\n",
])
def test_headlines_that_look_like_furniture_or_sub_headings_still_head_their_records(page: str) -> None:
    # a bracketed headline with 关闭 in it is no button bar; one "#" over one "##" is two stories, not a story and its
    # sub-heading; a photo's file name under a headline leaves it the headline of the text below
    # (the tags in 【】 before it are its column: test_a_tag_in_brackets_before_a_headline_is_its_column)
    titles = [re.sub(r"^(?:【..】)+", "", line.lstrip("# ")) for line in page.split("\n")
              if line.startswith(("#", "【", "市区", "云台山迎来"))]
    assert [r.title for r in parse_page(page, "t").records] == titles


def test_a_web_copys_title_over_the_printed_headline_group_gives_way_to_it() -> None:
    page = ("“太极故里”迎客来\n\n类别:文旅 发布时间:2023-12-26 08:03:00 来源:焦作日报\n\n本文转自:焦作日报\n\n"
            "拳脚如诗山水如画\n\n“太极故里”迎客来\n\n本报记者 周  慧\n\n12月18日,来自全国各地的太极拳爱好者齐聚温县陈家沟。\n")
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters) == ("拳脚如诗山水如画 “太极故里”迎客来", ("周慧",))


def test_an_app_copys_line_under_the_headline_and_bulleted_briefs_with_their_headlines_glued_on() -> None:
    page = ("武陟县新建三座污水处理站\n焦作日报　2022-08-09 09:12　阅读 1.2万\n作者：本报记者 李  明\n\n"
            "8月8日，武陟县新建的三座乡镇污水处理站通水运行。\n\n分享到：微信　朋友圈　微博\n\n体坛快讯\n"
            "■市第七届全民运动会开幕　9月25日，市第七届全民运动会开幕，设比赛项目24个。\n"
            "■中站区举办职工篮球赛　9月24日至25日，中站区举办职工篮球赛，16支代表队参赛。（记者 韩  冰）\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("武陟县新建三座污水处理站", ("李明",)), ("市第七届全民运动会开幕", ()), ("中站区举办职工篮球赛", ("韩冰",))]


def test_a_reposts_banner_read_count_and_buttons_are_furniture() -> None:
    page = ("早安焦作 | 3月8日 星期一 农历正月廿五\n\n01\n我市新增3家“小巨人”企业\n记者从市工信局获悉，我市新增3家国家级“小巨人”企业。（记者 王  强）\n\n"
            "阅读 8562\n分享　收藏　点赞　在看\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [("我市新增3家“小巨人”企业", ("王强",))]
    assert {"阅读 8562", "分享　收藏　点赞　在看"} <= set(page_.dropped)


def test_a_headline_as_long_as_a_hard_wrapped_pages_lines_over_its_dateline() -> None:
    page = ("2017年4月20日 星期四 要闻 03 焦作日报\n全市春季植树造林全面展开\n本报讯(记者徐金华)近日,全市春季植树造林\n"
            "工作全面展开,各县(市、区)组织干部群众义务植\n树,目前已完成造林面积1.2万亩,占年度任务\n的六成。\n"
            "修武县关停取缔“散乱污”企业36家 空气质量改善\n本报讯(记者王冰)今年以来,修武县对辖区“散\n"
            "乱污”企业开展拉网式排查,共排查企业212家,\n关停取缔36家,整改提升98家,空气质量改善。\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("全市春季植树造林全面展开", ("徐金华",)), ("修武县关停取缔“散乱污”企业36家 空气质量改善", ("王冰",))]


def test_an_images_file_name_or_default_title_stands_where_the_photo_stood() -> None:
    # the headline first, over the copy's source line: no page header, the paper and date read from that line
    page = ("入秋再现焦作蓝\n长江日报  2018-08-28 14:52:46\n\n图片默认标题_fororder_aedc79aec785f7d1190312bd66ecd14e\n\n"
            "8月20日,龙源湖公园上空蓝天白云。记者王  鹏 摄\n\n森林之城\n\nimage.png\n\n"
            "8月20日,远眺南太行,新建楼房耸立在“森林绿毯”之上。记者高  勇 摄\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.title, r.photographers) for r in page_.records] == [
        ("caption", "入秋再现焦作蓝", ("王鹏",)), ("caption", "森林之城", ("高勇",))]
    assert (page_.meta.paper, page_.meta.pub_date) == ("长江日报", "2018-08-28")


def test_the_pages_mailbox_under_the_last_piece_is_furniture() -> None:
    page = ("来论\n读书不该只为“打卡”\n　　如今，不少人热衷于在朋友圈晒读书“打卡”，却很少静下心来读透一本书。\n"
            "作者：韩东（作者单位：焦作大学）\n本版信箱：jzrbpl@163.com\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [("读书不该只为“打卡”", ("韩东",))]
    assert "本版信箱：jzrbpl@163.com" in page_.dropped


def test_a_genre_label_over_a_supplement_piece_is_its_section() -> None:
    page = "小小说\n\n半袋化肥\n\n□ 王  平\n\n老张头扛着半袋化肥往家走，路过村口的小卖部，停下来歇了歇脚。\n"
    record, = parse_page(page, "t").records
    assert (record.section, record.title, record.reporters) == ("小小说", "半袋化肥", ("王平",))


def test_a_portals_copy_its_source_line_chrome_and_the_writer_with_his_paper_at_the_end() -> None:
    page = ("不支持Flash\n新浪首页 > 新闻中心 > 国内新闻 > 正文\n板桥镇:“六进村”得民心\n"
            "http://www.sina.com.cn 2007年04月12日09:26 云南日报\n  现在正值春耕大忙季节,在宣威市板桥镇的田野上,随处可见镇村干部的身影。\n"
            "  尹海将 (云南日报)\n爱问(iAsk.com)\n收藏此页】【 】【下载点点通】【打印】【关闭\n"
            "新浪简介 | About Sina | 广告服务 | 招聘信息 | 网站律师\nCopyright © 1996 - 2007 SINA Inc. All Rights Reserved\n版权所有 新浪网\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [("板桥镇:“六进村”得民心", ("尹海将",))]


def test_a_photo_group_tag_names_no_one() -> None:
    page = "各地快讯(组图)\n\n据新华社北京4月6日电 (王晴、容安才)位于崇文区的“地下长城”首次对游客开放。\n"
    record, = parse_page(page, "t").records
    assert record.reporters == ("王晴", "容安才")


def test_a_morning_digests_numbered_items_and_a_front_pages_pointers() -> None:
    page = ("焦作日报客户端\n早报｜10月22日 星期二 农历九月二十\n\n今日焦作 早知道\n\n"
            "【1】我市前三季度GDP同比增长5.8%\n记者10月21日从市统计局获悉，前三季度全市地区生产总值同比增长5.8%。（记者 陈  思）\n\n"
            "【2】焦平高速焦作段主线贯通\n10月21日，焦平高速焦作段主线贯通，预计年底通车。（记者 王  冰）\n\n"
            "本期编辑：吴敏　审核：刘琳\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("我市前三季度GDP同比增长5.8%", ("陈思",)), ("焦平高速焦作段主线贯通", ("王冰",))]
    guide = ("焦作日报\n2025年2月14日 星期五 第12245期\n\n今日导读\n▶2版 我市出台支持民营经济20条措施\n▶3版 “太极+”文旅融合打造新业态\n\n"
             "新春开局起好步\n本报讯（记者 李  明）2月13日，全市一季度重点项目集中开工。\n")
    assert [r.title for r in parse_page(guide, "t").records] == ["新春开局起好步"]


def test_a_reposted_features_marked_sub_headings_stay_in_it() -> None:
    page = ("战“疫”一线丨社区“守门人”守护家园安宁\n\n本报记者 郭晓楠\n\n疫情发生以来，我市各社区工作人员坚守在疫情防控的“最前沿”。\n\n"
            "▶ 小区门口的“流动哨”\n\n2月16日晚，小区门口的“流动哨”又准时上岗，网格员王丽娜为返回的居民测量体温。\n\n"
            "▶ 居民家里的“代购员”\n\n近日，居民家里的“代购员”忙了起来，山阳区艺新社区组建了“代购小分队”。\n")
    record, = parse_page(page, "t").records
    assert record.reporters == ("郭晓楠",) and "▶ 居民家里的“代购员”" in record.body


def test_an_epaper_calendar_widget_is_furniture() -> None:
    page_ = parse_page("|日|一|二|三|四|五|六|\n\n我和黑龙江日报的缘分\n\n□ 张  伟\n\n八十年来，这张报纸陪伴了几代人。\n", "t")
    assert [r.title for r in page_.records] == ["我和黑龙江日报的缘分"] and "|日|一|二|三|四|五|六|" in page_.dropped


def test_a_heading_right_over_a_heading_is_its_kicker_one_set_apart_a_column() -> None:
    page = ("# 稳住经济大盘\n# 我市前8个月规上工业增加值增长7.1%\n\n本报讯(记者韩雪松)1月至8月，我市规模以上工业增加值同比增长7.1%。\n\n"
            "### 护航营商环境\n## 我市法院前10个月审结涉企案件1.3万件\n\n记者11月11日从市中级人民法院获悉，全市两级法院共审结涉企案件1.3万件。\n\n"
            "## 科技视界\n\n## 清华大学教授到中站区开展产学研对接活动\n\n本报讯（记者 张  伟）3月14日，清华大学教授一行到中站区考察。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.section) for r in records] == [
        ("稳住经济大盘 我市前8个月规上工业增加值增长7.1%", None),
        ("护航营商环境 我市法院前10个月审结涉企案件1.3万件", None),
        ("清华大学教授到中站区开展产学研对接活动", "科技视界")]


def test_a_form_feed_ends_a_page_nothing_runs_on_across_it() -> None:
    page = ("## 县区传真\n\n温县举办太极拳比赛\n\n本报讯 3月14日，温县在陈家沟举办太极拳比赛，\n"
            "\f来自全国各地的200余名选手参加了比赛，这是第二页的文字。\n")
    first, second = parse_page(page, "t").records
    assert (first.title, first.section) == ("温县举办太极拳比赛", "县区传真")
    assert (second.title, second.section) == ("", None) and second.body.startswith("来自全国各地")


def test_a_portal_repost_its_field_line_with_roles_and_its_original_headline() -> None:
    page = ("首页 > 地市 > 焦作\n\n焦作｜全市冬小麦播种基本结束 面积稳定在180万亩以上\n\n"
            "2020-11-05 08:12　来源：焦作日报　作者：记者 苗晓锋 通讯员 叶志国\n\n原标题：我市冬小麦播种基本结束\n\n"
            "记者11月4日从市农业农村局获悉,截至目前,全市冬小麦播种基本结束。\n\n责任编辑：杜丽\n\n"
            "首页 > 地市 > 焦作\n\n山阳区为1.2万名老人建立健康档案\n\n2020-11-05 08:15　来源：焦作日报　作者：\n\n"
            "原标题：山阳区老年人健康管理实现全覆盖\n\n本报讯(记者 葛新春)今年以来,山阳区为1.2万名老人建立电子健康档案。\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters, r.correspondents) for r in page_.records] == [
        ("焦作｜全市冬小麦播种基本结束 面积稳定在180万亩以上", ("苗晓锋",), ("叶志国",)),
        ("山阳区为1.2万名老人建立健康档案", ("葛新春",), ())]
    assert "原标题：我市冬小麦播种基本结束" in page_.dropped


def test_a_tag_in_brackets_before_a_headline_is_its_column() -> None:
    page = ("【武陟】今年将建成高标准农田12万亩\n记者从武陟县农业农村局获悉，今年全县将新建高标准农田12万亩。（记者 李  明）\n\n"
            "【博爱】清化镇街道:竹编手艺人直播带货\n近日，清化镇街道的竹编手艺人走进直播间。（记者 王  冰）\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.section, r.reporters) for r in page_.records] == [
        ("今年将建成高标准农田12万亩", "武陟", ("李明",)), ("清化镇街道:竹编手艺人直播带货", "博爱", ("王冰",))]
    assert "【武陟】" in page_.dropped


def test_a_short_comment_under_the_lead_is_a_record_of_its_own() -> None:
    page = ("市区新建三处农贸市场\n〔本报讯〕为解决群众买菜难问题，今年市里投资四十万元，新建三处农贸市场。\n\n"
            "短评\n防汛工作不可掉以轻心\n防汛工作，责任重于泰山。汛期已到，各地各部门切不可掉以轻心。\n")
    assert [(r.title, r.section) for r in parse_page(page, "t").records] == [
        ("市区新建三处农贸市场", None), ("防汛工作不可掉以轻心", "短评")]


def test_markdown_emphasis_around_furniture_and_a_photo_before_a_sub_heading() -> None:
    page = ("## 加装电梯惠民生\n\n**本报记者 李梦瑶**\n\n今年以来，我市老旧小区加装电梯工作稳步推进。\n\n"
            "### 一、怎么装？居民商量着办\n\n各社区召开居民议事会，逐户征求意见。\n\n"
            "*6月3日，施工人员在东方红社区加装电梯。本报记者 宋崇阳 摄*\n\n"
            "### 二、怎么管？长效机制跟上\n\n改造完成后，社区引入物业服务企业。\n\n"
            "## 修武县开展“送法进农家”活动\n\n本报讯（记者 王  冰）11月9日，修武县司法局组织律师走进五里源乡。\n\n*本版编辑:沈悦*\n")
    page_ = parse_page(page, "t")
    assert [(r.title, r.reporters) for r in page_.records] == [
        ("加装电梯惠民生", ("李梦瑶",)), ("修武县开展“送法进农家”活动", ("王冰",))]
    assert page_.records[0].captions[0].photographers == ("宋崇阳",) and "长效机制跟上" in page_.records[0].body
    assert page_.meta.staff == (("本版编辑", "沈悦"),)


def test_a_portals_old_chrome_around_a_copy_its_buttons_and_its_sms_box() -> None:
    page = ("影音娱乐 新浪首页 > 影音娱乐 > >正文\n\n预备作战\n\n"
            "http://www.sina.com.cn 2005年11月09日10:24 深圳晚报\n\n昨日午抵达三亚,刚走出停机坪,就看到庞大的接机队伍恭候在机场外。\n\n"
            "  作者:本报记者黄蕾 发表评论\n\n收藏此页 多种方式看新闻下载点点通打印】【关闭\n\n"
            "   多多精彩短信5折起,还有精彩海南游、机票、手机、MP3等着你\n订实用短信,获赠超大VIP邮箱、个人主页、网上相册!\n"
            "对方手机\n发送内容[最多60字]\n您的密码\n新 闻 查 询\n影音娱乐意见反馈留言板\n电话:010-62647003 欢迎批评指正\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [("预备作战", ("黄蕾",))]


def test_a_saved_pages_layout_table_in_markdown_leaves_its_text() -> None:
    page = ("自治区政府款待中外记者 1356名中外记者报道盛会 | |||||||||\n---|---|---|---|---|---|---|---|---|---|\n"
            "http://www.sina.com.cn 2006年10月30日07:03 广西新闻网 | |||||||||\n"
            "广西新闻网-南国早报南宁讯 (记者 张若凡)10月29日晚,自治区人民政府举行中外记者招待会。\n")
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters) == ("自治区政府款待中外记者 1356名中外记者报道盛会", ("张若凡",))


def test_a_date_with_its_weekday_is_no_headline_and_来信_is_a_column() -> None:
    page = ("数字版首页 > 第A02:社论·来信\n上一篇  下一篇\n\n来信\n\n2019年10月29日 星期二 新京报\n分享:\n\n"
            "  北京南站公交指示牌不明确\n\n"
            "  10月28日中午,我在北京南站的地下出站口接客人时,一位大妈向我询问133路公交车的停车地点。\n")
    record, = parse_page(page, "t").records
    assert (record.title, record.section) == ("北京南站公交指示牌不明确", "来信")


def test_a_column_name_in_english_over_letters() -> None:
    page = ("Letters to the Editor\n殴打记者是因为心里恐惧\n——回应《遇袭副总编捅了谁的马蜂窝》(11月29日柒周刊08版)\n"
            "短短3年时间,河北青年报被打记者达19人次,这种现象很不正常。(沭阳 孙叔芹)\n"
            "直视我们心中的“假”\n——回应《足球病了,我们就健康吗》(11月29日柒周刊03版)\n"
            "刘洪波写的“超声波”我每期都看,他总是能以小见大。(南京 祝晓)\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("殴打记者是因为心里恐惧 ——回应《遇袭副总编捅了谁的马蜂窝》(11月29日柒周刊08版)", ("孙叔芹",)),
        ("直视我们心中的“假” ——回应《足球病了,我们就健康吗》(11月29日柒周刊03版)", ("祝晓",))]


def test_readers_columns_are_sections_not_kickers() -> None:
    page = ("话题讨论\n老旧小区停车难,出路在哪里?\n本报记者 孔庆芳\n解放区一些老旧小区车位紧张，居民停车难。\n\n"
            "随手拍\n上世纪八十年代的解放路\n这是读者李建设翻拍的一张老照片。读者 李建设 摄\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.section) for r in records] == [
        ("老旧小区停车难,出路在哪里?", "话题讨论"), ("上世纪八十年代的解放路", "随手拍")]


def test_a_readers_question_under_a_column_is_no_headline() -> None:
    page = ("有问必答\n\n问:我今年55岁,以前在企业上班,后来企业破产了,养老保险能不能接着交?(山阳区王女士)\n\n"
            "答:可以。您可以以灵活就业人员身份到所在区社保经办机构办理续保手续。\n")
    record, = parse_page(page, "t").records
    assert (record.title, record.section) == ("", "有问必答") and record.body.startswith("问:我今年55岁")


def test_notices_on_an_advertising_page_signed_dated_and_by_the_family() -> None:
    page = ("关于北环路拓宽工程沿线坟墓迁移的公告\n\n因市区北环路拓宽工程建设需要,需对工程沿线范围内的坟墓进行迁移。\n\n"
            "焦作市中站区龙洞街道办事处\n2012年1月16日\n\n讣告\n\n焦作矿务局退休工人邢守仁同志,因病医治无效,于2012年1月14日逝世,享年82岁。\n\n"
            "特此讣告。\n\n子 邢建国　女 邢建华　泣告\n\n我市春运首日发送旅客3.2万人次\n\n本报讯(记者 卓文杰)1月8日是2012年春运首日。\n")
    assert [(r.title, r.reporters) for r in parse_page(page, "t").records] == [
        ("关于北环路拓宽工程沿线坟墓迁移的公告", ()), ("讣告", ()), ("我市春运首日发送旅客3.2万人次", ("卓文杰",))]


def test_a_notices_title_after_a_signed_item_and_a_date_of_year_and_month() -> None:
    page = ("看怀梆新戏《李商隐》\n□ 穆怀德\n八月十曰晚,沁阳市怀梆剧团在市工人文化宫演出了新编历史剧《李商隐》。\n"
            "怀梆是流行于沁阳、博爱一带的古老剧种,己有三百多年历史。\n\n"
            "征稿启事\n为迎接国庆四十一周年,本报副刊将开辟“我爱焦作”专栏,欢迎广大读者踊跃投稿。\n焦作日报社副刊部\n一九九○年八月\n\n"
            "山阳区举办首届职工书画展\n本报讯 八月十二日至十五日,山阳区首届职工书画展在区工人俱乐部举行。(通讯员 黎明远)\n")
    assert [r.title for r in parse_page(page, "t").records] == ["看怀梆新戏《李商隐》", "征稿启事", "山阳区举办首届职工书画展"]


def test_a_photo_credit_with_a_padded_name_before_摄_and_a_sites_trailing_links() -> None:
    page = ("南京高淳胥河整治出新 运河重新焕发生机\n\n2020年05月18日07:06  来源:新华日报\n \n\n"
            "16日,空中俯瞰南京高淳东坝镇胥河两岸,整治出新后的绿植护坡生机盎然。 本报记者 余 萍摄\n\n"
            "(责编:张鑫、唐璐璐)\n\n江苏要闻\n\n给领导留言\n")
    page_ = parse_page(page, "t")
    assert [(r.kind, r.title, r.photographers) for r in page_.records] == [
        ("caption", "南京高淳胥河整治出新 运河重新焕发生机", ("余萍",))]
    assert "江苏要闻" in page_.dropped and "(责编:张鑫、唐璐璐)" in page_.dropped


def test_a_web_copys_long_title_with_an_exclamation_over_its_fields() -> None:
    page = ("您的位置: E家通微社区> 正文\n\n人山人海、日夜奋战,“滩涂湿地”变身“鱼米之乡”!万顷沙围垦历史,你知道多少?\n\n"
            "2024-09-10 21:37 来源:大洋网\n\n信息时报讯(记者 崔小远 通讯员 陈白虹)茫茫滩涂上,围垦建设者肩挑手扛。\n")
    record, = parse_page(page, "t").records
    assert (record.title, record.reporters) == (
        "人山人海、日夜奋战,“滩涂湿地”变身“鱼米之乡”!万顷沙围垦历史,你知道多少?", ("崔小远",))


def test_column_names_by_their_endings_over_a_headline_and_a_readers_question() -> None:
    page = ("财经观察\n\n铁棍山药价格为何一路走高？\n\n□本报记者 王  冰\n\n进入10月，温县铁棍山药价格一路走高。\n\n"
            "健康提示\n\n清明踏青谨防蜱虫叮咬\n\n4月6日，焦作市中医院专家在解放区王褚街道开展义诊。\n\n"
            "法律咨询\n\n　　问：老板一直没和我签劳动合同，我该怎么办？（武陟　读者　张先生）\n\n"
            "　　答：用人单位未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.section, r.reporters) for r in records] == [
        ("铁棍山药价格为何一路走高？", "财经观察", ("王冰",)), ("清明踏青谨防蜱虫叮咬", "健康提示", ()),
        ("", "法律咨询", ())]


def test_a_page_views_bulleted_list_of_its_headlines_printed_again_below() -> None:
    page = ("焦作日报数字报\n2018年09月04日　星期二\n第05版：县区新闻　|　上一版　|　下一版\n本版标题\n"
            "·沁阳市：“放管服”改革让企业办事“只跑一次”\n·“双减”后的暑假怎么过？\n本版PDF下载\n"
            "----------------------------------------\n深化改革优环境\n沁阳市：“放管服”改革让企业办事“只跑一次”\n\n"
            "　　本报讯（记者　裴海洋）今年以来，沁阳市把“放管服”改革作为优化营商环境的“先手棋”。\n"
            "----------------------------------------\n# “双减”后的暑假怎么过？\n\n"
            "　　本报讯（记者　鲁文娟）暑假将至，不少家长开始为孩子的假期安排发愁。\n")
    page_ = parse_page(page, "t")
    assert [r.title for r in page_.records] == ["深化改革优环境 沁阳市：“放管服”改革让企业办事“只跑一次”", "“双减”后的暑假怎么过？"]
    assert "·“双减”后的暑假怎么过？" in page_.dropped


def test_an_epaper_page_saved_as_html_with_its_items_in_divs() -> None:
    page = ('<html><body><div class="header"><span>焦作日报</span> <span>2023年06月27日 星期二</span> <span>第04版：教育</span></div>\n'
            '<ul class="titlelist"><li><a href="c1.htm">我市中考今日开考</a></li><li><a href="c2.htm">孟州市开展防溺水安全教育</a></li></ul>\n'
            '<div class="article" id="content_1"><h3>护航中考</h3><h1>我市中考今日开考</h1><div class="author">本报记者 宁晓敏</div>\n'
            '<p>今日，2023年焦作市中招考试开考，全市3.6万名考生将参加考试。</p></div>\n'
            '<div class="article" id="content_2"><h1>孟州市开展防溺水安全教育</h1>\n'
            '<p>近日，孟州市教育局组织全市中小学开展防溺水安全教育。（通讯员 李凡）</p></div></body></html>\n')
    page_ = parse_page(page, "t", strict=True)
    assert [(r.title, r.reporters, r.correspondents) for r in page_.records] == [
        ("护航中考 我市中考今日开考", ("宁晓敏",), ()), ("孟州市开展防溺水安全教育", (), ("李凡",))]
    assert (page_.meta.paper, page_.meta.pub_date) == ("焦作日报", "2023-06-27")


def test_a_wechat_repost_with_place_pins_bars_and_its_related_reads() -> None:
    page = ("焦作日报\n2024年10月30日 07:30 河南\n原创 焦作日报\n\n📍孟州\n▌孟州市：韩愈文化节吸引游客10万人次\n\n"
            "10月26日至28日，第六届韩愈文化节在孟州市举办。（焦作日报全媒体记者 刘婷）\n\n"
            "📍修武\n▌“美学经济”让修武乡村美起来、富起来\n\n在修武县大南坡村，一座座老房子经过改造，变成了书店。\n\n文/姚佳 图/冯锐\n\n"
            "往期推荐\n▶焦作这所学校入选全国名单！\n▶今起，焦作这些路段限行\n\n阅读原文\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.section, r.reporters) for r in records] == [
        ("孟州市：韩愈文化节吸引游客10万人次", "孟州", ("刘婷",)), ("“美学经济”让修武乡村美起来、富起来", "修武", ("姚佳",))]
    assert "今起" not in records[1].body


def test_an_app_copy_with_its_channel_its_source_line_and_readers_comments() -> None:
    page = ("焦作日报客户端 · 本地\n中站区“口袋公园”为啥越来越受欢迎？\n焦作日报客户端　2025-03-18 08:12　来源：焦作日报\n"
            "焦作日报全媒体记者　吕晓辰\n\n今年以来，中站区利用城市边角地新建改造“口袋公园”12个。\n\n【责任编辑：杜晓雯】\n"
            "打开焦作日报客户端，阅读更多精彩内容\n分享　收藏\n热门评论（2）\n龙翔老住户　03-18 09:02　赞 26\n"
            "家门口的公园确实方便，希望多建几个！\n焦作小陈　03-18 09:47　赞 11\n建议增加一些遮阳的地方。\n\n"
            "焦作日报客户端 · 视频\n航拍｜春到青天河\n焦作日报客户端　2025-03-18 07:30　来源：焦作日报\n视频：焦作日报全媒体记者　翟鹏程\n\n"
            "青天河景区的山桃花竞相开放，游人如织。\n")
    records = parse_page(page, "t").records
    assert [(r.title, r.reporters) for r in records] == [
        ("中站区“口袋公园”为啥越来越受欢迎？", ("吕晓辰",)), ("航拍｜春到青天河", ("翟鹏程",))]
    assert "遮阳" not in records[0].body


def test_a_web_copy_repeating_its_title_before_a_taiwan_style_byline() -> None:
    # after 聯統日報 (花蓮), 2017-07-11: the imprint above, each item's title again at the head of its text
    page = ("聯統日報有限公司. 地址:花蓮縣花蓮市和平路336號1樓之1 電話:038356141-3 hualien.info@gmail.com\n\n2017年7月11日 星期二\n\n"
            "疑似抽菸釀禍 造成鐵皮屋大火\n\n疑似抽菸釀禍 造成鐵皮屋大火 記者吳佳俊/報導   7月8日上午10時15分花蓮縣消防局接獲民眾報案。"
            "   花蓮縣消防局長林文瑞表示,呼籲民眾勿在家裡進行抽菸。\n\n消防局北埔分隊三棧溪防溺宣導\n\n"
            "消防局北埔分隊三棧溪防溺宣導 記者吳佳俊/報導   時序入夏,花蓮縣溪流多、海岸長,常發生溺水事件。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters, r.body[:6]) for r in records] == [
        ("疑似抽菸釀禍 造成鐵皮屋大火", ("吳佳俊",), "7月8日上午"), ("消防局北埔分隊三棧溪防溺宣導", ("吳佳俊",), "時序入夏,花")]


def test_items_laid_out_as_table_rows_of_one_cell() -> None:
    # a feed reader's list of 自由時報 items (2026-01-06): each row one item, a headline run on before its credit
    page = ("| 〔記者彭健禮/苗栗報導〕二〇二六年中央政府總預算案仍卡關,攸關通勤族權益的TPASS定期票也將受影響。 |\n"
            "| 推出「草莓地圖」 27家園區互相聯繫 引導遊客避免撲空 〔記者鄭淑婷/桃園報導〕苗栗縣盛產草莓享譽全國,是許多親子冬季採果聖地。 |\n"
            "| 〔記者林宜樟/嘉義報導〕嘉義縣番路鄉佛寶山天德宮創立十四年,佛堂空間僅五坪大,卻匯集眾人愛心。 |\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters, r.body[:4]) for r in records] == [
        ("", ("彭健禮",), "二〇二六"), ("推出「草莓地圖」 27家園區互相聯繫 引導遊客避免撲空", ("鄭淑婷",), "苗栗縣盛"),
        ("", ("林宜樟",), "嘉義縣番")]


def test_an_agencys_photo_credit_on_a_line_of_its_own_closes_the_caption_not_the_next_headline() -> None:
    # after 人民日报海外版 2005-04-07 各地快讯: "新华社发" under the photo item, then the next item's headline
    page = ("上海“蓝宝石公主号”靠岸\n\n4月5日上午，巨型豪华邮轮“蓝宝石公主号”驶抵上海，停靠外高桥码头。（见上图）\n\n新华社发\n\n"
            "黑龙江东北虎迎来生育高峰\n\n据新华社哈尔滨4月6日电 （记者王建威）记者近日从东北虎林园了解到，23只东北虎受孕成功。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("上海“蓝宝石公主号”靠岸", ()), ("黑龙江东北虎迎来生育高峰", ("王建威",))]


def test_notices_a_utility_notice_a_closing_formula_without_its_stop_and_a_public_list() -> None:
    page = ("温县举办太极拳比赛\n\n本报讯（记者 王冰）3月4日，温县在陈家沟举办太极拳比赛，200余名选手参赛。\n\n"
            "停水敬告\n\n因管网改造，3月6日8时至18时，解放区部分区域停水，请用户提前储水。\n\n焦作市自来水公司\n\n2024年3月5日\n\n"
            "关于城区部分道路临时交通管制的通告\n\n因道路施工需要，对人民路部分路段实施临时交通管制，请过往车辆绕行。\n\n特此通告\n\n"
            "焦作市公安局交通警察支队\n\n2024年3月5日\n\n拟表彰名单公示\n\n经研究，拟对以下10名同志予以表彰，现予以公示\n\n"
            "公示期为3月6日至3月12日。\n\n孟州市新增两家高新技术企业\n\n本报讯（记者 李平）记者从孟州市科工局获悉，我市新增两家高新技术企业。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["温县举办太极拳比赛", "停水敬告", "关于城区部分道路临时交通管制的通告", "拟表彰名单公示",
                                          "孟州市新增两家高新技术企业"]
    assert "特此通告" in records[2].body and records[3].body.startswith("经研究")


def test_a_cms_field_naming_the_paper_where_the_writer_goes_names_no_reporter() -> None:
    page = ("温县举办太极拳比赛\n2024-03-02 07:08 作者:焦作日报 浏览:1234 来源:焦作日报\n\n"
            "3月1日，温县在陈家沟举办太极拳比赛，200余名选手参赛。\n\n"
            "孟州市新增两家企业\n2024-03-02 07:10 作者:王芳 浏览:88\n\n记者从孟州市科工局获悉，我市新增两家高新技术企业。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("温县举办太极拳比赛", ()), ("孟州市新增两家企业", ("王芳",))]


def test_a_headline_ending_like_a_column_name_over_a_dateline_is_a_headline() -> None:
    page = ("寒潮来袭出行提示\n\n本报讯（记者 王冰）受强冷空气影响，今明两天我市将出现大风降温天气，请市民注意防寒保暖。\n\n"
            "孟州市新增两家高新技术企业\n\n本报讯（记者 李平）记者从孟州市科工局获悉，我市新增两家高新技术企业。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records] == [("寒潮来袭出行提示", None), ("孟州市新增两家高新技术企业", None)]


def test_items_numbered_in_brackets_have_no_column() -> None:
    page = ("【一】温县举办太极拳比赛\n\n本报讯（记者 王冰）3月4日，温县在陈家沟举办太极拳比赛，200余名选手参赛。\n\n"
            "【二】孟州市新增两家高新技术企业\n\n本报讯（记者 李平）记者从孟州市科工局获悉，我市新增两家高新技术企业。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records] == [("温县举办太极拳比赛", None), ("孟州市新增两家高新技术企业", None)]


def test_a_staff_line_with_names_set_apart_by_spaces_and_a_trainee_is_furniture() -> None:
    page = ("责任编辑:陈恺辰 蔡军剑 实习生 杨昊\n学者也要了解官员\n\n现如今，一些学者以骂官员为乐，这似乎谈不上平心持论。\n")
    parsed = parse_page(page, "t", strict=True)
    assert [r.title for r in parsed.records] == ["学者也要了解官员"]
    assert "责任编辑:陈恺辰 蔡军剑 实习生 杨昊" in parsed.dropped


def test_news_site_copies_with_a_subtitle_over_their_fields_and_links_to_related_items() -> None:
    page = ("首页 > 新闻中心 > 焦作新闻 > 正文\n\n示范区智能装备产业园首批企业入驻\n——12家企业签约，总投资31亿元\n\n"
            "2021-11-03 07:58:12　来源：焦作日报　　字号：大 中 小\n分享到：微信　微博　QQ空间\n\n"
            "　　本报讯（记者　宋文杰　通讯员　胡丽娜）11月1日，示范区智能装备产业园首批企业入驻仪式举行，12家企业签约入驻。\n\n"
            "（责任编辑：韩梦瑶）\n【纠错】\n\n相关新闻：\n\n· 示范区三季度经济运行稳中向好\n\n· 我市召开制造业高质量发展推进会\n\n"
            "首页 > 新闻中心 > 焦作新闻 > 正文\n\n“小网格”撬动“大治理”\n\n2021-11-03 08:05:40　来源：焦作日报　　字号：大 中 小\n\n"
            "□本报记者　童　欣\n\n　　走进解放区民生街道，每个小区门口都挂着一块网格公示牌。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [
        ("示范区智能装备产业园首批企业入驻 ——12家企业签约，总投资31亿元", ("宋文杰",)), ("“小网格”撬动“大治理”", ("童欣",))]
    assert "三季度" not in records[0].body


def test_app_copies_with_their_bars_related_links_and_comment_counts() -> None:
    page = ("〈 焦作日报　　　　　　　　···\n焦作：伏天“战高温” 一线劳动者的坚守\n2024-07-02 06:45　焦作日报\n"
            "▶ 听新闻　00:00 / 03:48　　　　字号 A- A+\n焦作日报全媒体记者　柴　宁　通讯员　魏婷婷\n"
            "　　入伏以来，我市最高气温连续多日超过37℃。\n相关推荐\n　焦作发布高温橙色预警　最高气温可达39℃\n"
            "　防暑降温，这些知识请收好\n评论（23）　　👍 186　　分享\n————————————\n〈 焦作日报　　　　　　　　···\n"
            "高温下的“清凉”更要有温度\n2024-07-02 07:20　焦作日报\n▶ 听新闻　00:00 / 02:05　　　　字号 A- A+\n文/江　潮\n"
            "　　高温天气里，一瓶水、一把伞、一处阴凉，对户外劳动者来说都是实实在在的关怀。\n评论（11）　　👍 97　　分享\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [
        ("焦作：伏天“战高温” 一线劳动者的坚守", ("柴宁",)), ("高温下的“清凉”更要有温度", ("江潮",))]
    assert "预警" not in records[0].body and "听新闻" not in records[1].body


def test_furniture_and_labels_in_traditional_script_are_read_on_its_simplified_shadow() -> None:
    from indexer.newspaper.boilerplate import default_boilerplate

    boilerplate = default_boilerplate()
    assert boilerplate.clean_line("字體: 放大 還原 縮小") == ("", ("字體: 放大 還原 縮小",))
    assert boilerplate.clean_line("…逐一銷號。(下轉第二版)") == ("…逐一銷號。", ("(下轉第二版)",))
    # after 澳門星報 (2023-05-10): the site's greeting, its buttons, a channel label over the headline
    page = ("您好!今天是2025年6月12日 星期四\n設為主頁收藏本頁\n社交網站:\n當前報章2023年05月10日\n本報新聞\n字體: 放大 還原 縮小\n"
            "海外僑團齊聚北京謀劃新篇\n  【中新社北京5月9日電】(記者 金旭)第十屆世界華僑華人社團聯誼大會正式開幕。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section, r.reporters) for r in records] == [("海外僑團齊聚北京謀劃新篇", "本報新聞", ("金旭",))]


def test_a_sites_menu_of_channels_a_line_each_is_furniture() -> None:
    # after 聯合電子報 (2025-06-23): the menu, then the channel's label over the item's headline
    page = ("聯合電子報\n今日頭條\n專題\n話題\n要聞\n政治新聞\n社會新聞\n經濟新聞\n兩岸新聞\n國際新聞\n\n今日頭條\n"
            "外媒看賴總統…性格固執 即興言論易引發危機\n編譯茅毅/綜合報導聯合報\n\n賴清德總統去年一月當選以來,外媒聚焦其兩岸、對美外交。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section, r.reporters) for r in records] == [
        ("外媒看賴總統…性格固執 即興言論易引發危機", "今日頭條", ("茅毅",))]


def test_a_feeds_teasers_cut_with_three_dots_do_not_run_on_into_the_next_headline() -> None:
    # after 联合早报 (2025-05-16), as a feed reader keeps its items: headline, teaser, no blank lines
    page = ("罗弄哈鲁士近海料展开49公顷填海工程 满足未来用地需求\n"
            "为确保有足够土地满足未来的工业和其他特别用途需求,裕廊集团计划在罗弄哈鲁士近海展...\n"
            "新书《皮肤之下》发布 吁社会关注罕见皮肤病患\n今年11岁的林诗璇脸上、手臂上、腿上,都散落着深棕色斑点,让她在人群中...\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["罗弄哈鲁士近海料展开49公顷填海工程 满足未来用地需求", "新书《皮肤之下》发布 吁社会关注罕见皮肤病患"]


def test_an_accounts_name_over_its_qr_codes_label_is_furniture() -> None:
    # after 乡村干部报网 (2025-01-03): the site's QR codes under the copy's fields
    page = ("乡耕先锋再出发·一路同行丨跋涉祖国大地 记录乡村变迁\n2025-01-03 08:11:00  来源:乡村干部报\n\n乡村干部报网\n微信公众号\n\n"
            "乡村干部报网\n官方微博\n\n  乡村干部报有这样一群新闻人,他们跋涉祖国大地,深入田间地头。\n\n  本报记者 汪秋萍\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("乡耕先锋再出发·一路同行丨跋涉祖国大地 记录乡村变迁", ("汪秋萍",))]
    assert "乡村干部报网" not in records[0].body


def test_an_epaper_pages_numbered_list_of_its_items_and_its_article_views() -> None:
    page = ("焦作日报数字报 > 2016年06月28日 > 第02版：综合新闻\n本版共3篇文章\n[1] 山阳区“15分钟健身圈”覆盖城乡\n"
            "[2] 市区新增公共自行车站点60个\n[3] 高考志愿填报即将开始 这些事项要注意\n下载本版PDF\n==============================\n"
            "第02版：综合新闻　　　　<<上一篇　下一篇>>\n【字体：大 中 小】\n山阳区“15分钟健身圈”覆盖城乡\n作者：本报记者　郝　帅\n\n"
            "　　6月25日傍晚，山阳区光亚街道一处新建的健身广场上，跳广场舞的、打乒乓球的市民络绎不绝。\n\n"
            "第02版：综合新闻　　　　<<上一篇　下一篇>>\n【字体：大 中 小】\n市区新增公共自行车站点60个\n作者：\n\n"
            "　　本报讯（记者　滕　飞）6月27日，记者从市公共自行车服务中心获悉，市区新增站点60个。\n\n"
            "第02版：综合新闻　　　　<<上一篇　下一篇>>\n【字体：大 中 小】\n高考志愿填报即将开始　这些事项要注意\n作者：本报记者　滕　飞\n\n"
            "　　我省今年高考志愿填报将于6月30日开始。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [
        ("山阳区“15分钟健身圈”覆盖城乡", ("郝帅",)), ("市区新增公共自行车站点60个", ("滕飞",)),
        ("高考志愿填报即将开始　这些事项要注意", ("滕飞",))]


def test_a_wechat_reposts_lead_in_placeholders_and_credits_with_a_bar() -> None:
    page = ("焦作日报\n2023-02-08 07:30 发表于河南\n\n点击蓝字 关注我们\n\n今日焦作日报县区版精选↓↓↓\n\n"
            "【沁阳：千亩大棚“菜篮子”保供春节后市场】\n\n[图片]\n\n2月6日，在沁阳市西向镇的蔬菜大棚里，菜农们正忙着采摘西红柿。\n\n"
            "记者｜韦晓东\n通讯员｜黄佩佩\n\n▼\n\n【图说】元宵将至花灯俏\n\n[图片]\n\n2月7日，在温县温泉街道一处花灯制作点，工人在赶制花灯。\n\n"
            "摄影｜焦作日报全媒体记者 雷　鸣\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters + r.photographers) for r in records] == [
        ("沁阳：千亩大棚“菜篮子”保供春节后市场", ("韦晓东",)), ("元宵将至花灯俏", ("雷鸣",))]
    assert "精选" not in records[0].body


def test_a_headline_wrapped_at_a_lists_comma_after_the_item_above_closed() -> None:
    page = ("小区停车位为何“一位难求”？\n随着私家车增多，停车难成了不少老旧小区的烦心事。（记者 王丽）\n"
            "定和街道组织志愿者为孤寡老人义务理发、打扫卫生、\n检修家电\n"
            "3月5日，定和街道组织40多名志愿者走进辖区12户孤寡老人家中，为老人义务理发、打扫卫生。（通讯员 李娜）\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["小区停车位为何“一位难求”？", "定和街道组织志愿者为孤寡老人义务理发、打扫卫生、检修家电"]


def test_a_notices_title_under_its_issuer_on_the_line_above() -> None:
    # holdout18's 2001 城建 page: every line indented as its paragraphs are, "焦作市城市管理局" over "关于…的通告"
    from pathlib import Path

    page = (Path(__file__).parent.parent / "data" / "segmentation" / "holdout18"
            / "p06_2001_chengjian_xiangguanlianjie_tonggao.txt").read_text(encoding="utf-8")
    titles = [r.title for r in parse_page(page, "t", strict=True).records]
    assert "焦作市城市管理局 关于塔南路施工期间交通管制的通告" in titles


def test_a_correction_printed_as_a_paragraph_after_an_item_is_a_notice_of_its_own() -> None:
    page = ("《焦作市志》出版发行\n本报讯　近日，由市地方史志办公室编纂的《焦作市志（1991—2020）》出版发行。\n"
            "更正：本报1月18日第2版《中站区新建3所乡村幼儿园》一文中，“府城街道”应为“许衡街道”，特此更正。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.body[:6]) for r in records] == [("《焦作市志》出版发行", "近日，由市地"), ("更正", "本报1月18")]


def test_a_reporters_own_brief_under_a_feature_they_signed_above_is_a_record_of_its_own() -> None:
    # holdout16's 2011 民生 page: the feature's byline on its own line, then the same reporter's brief with an end credit
    from pathlib import Path

    page = (Path(__file__).parent.parent / "data" / "segmentation" / "holdout16"
            / "p11_2011_minsheng_pdfwrap30.txt").read_text(encoding="utf-8")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records][1] == ("“爱心粥屋”开进府城街道", ("邵春雨",))


def test_an_app_digest_whose_headlines_share_a_length_is_not_a_hard_wrapped_page() -> None:
    # holdout15's 客户端 早报: four numbered headlines of about 20 characters over long, unwrapped paragraphs, and the
    # app's counts and call to download it under them
    from pathlib import Path

    page = (Path(__file__).parent.parent / "data" / "segmentation" / "holdout15"
            / "p21_2024_kehuduan_zaobao.txt").read_text(encoding="utf-8")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["我市前三季度GDP同比增长5.8%", "焦作至平顶山高速公路焦作段主线贯通",
                                          "第三届怀药文化节下月开幕 可免费品尝“四大怀药”美食！", "市图书馆推出“秋日书香”系列阅读活动"]


def test_a_reposts_lead_in_over_its_items_is_no_kicker() -> None:
    page = ("今天的焦作日报，有这些重要消息\n\n我市启动2023年“人人持证、技能河南”专项行动\n\n"
            "本报讯（记者 王宁）3月1日，我市启动2023年“人人持证、技能河南”专项行动，全年计划培训5万人次。\n\n"
            "温县举办太极拳比赛\n\n本报讯（记者 王冰）3月4日，温县在陈家沟举办太极拳比赛，200余名选手参赛。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["我市启动2023年“人人持证、技能河南”专项行动", "温县举办太极拳比赛"]


def test_a_site_copys_fields_with_the_source_first_name_its_writers() -> None:
    page = ("冬奥会上的“焦作元素”：我市32名志愿者服务北京冬奥会\n"
            "来源：焦作日报　作者：王璐 杨帆　发布时间：2022-02-23 08:31:06　浏览次数：1532\n\n"
            "　　北京冬奥会期间，我市32名志愿者在各个岗位上默默奉献。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("冬奥会上的“焦作元素”：我市32名志愿者服务北京冬奥会", ("王璐", "杨帆"))]


def test_a_headline_with_a_colon_over_a_site_copys_fields_is_not_a_profile_box() -> None:
    page = ("春风送岗位\n解放区：春风行动送岗位上门\n来源：焦作日报　作者：程莉 郭慧　发布时间：2022-02-23 08:36:12　浏览次数：907\n\n"
            "　　2月21日，解放区在民主路街道举办“春风行动”专场招聘会，46家企业提供就业岗位1200余个。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("春风送岗位 解放区：春风行动送岗位上门", ("程莉", "郭慧"))]


def test_a_page_forwarded_by_email_under_its_headers_and_quote_marks() -> None:
    page = ("发件人: 三版编辑 <sanban@example.cn>\n发送时间: 2008年3月26日 22:47\n收件人: 焦作日报社资料室 <ziliaoshi@example.cn>\n"
            "主题: 3月27日 三版 定稿\n\n-------- 原始邮件 --------\n> 本版稿件 2 篇\n>\n> 【1】\n> 肩题：抓项目 促发展\n"
            "> 主题：我市一季度新开工亿元以上项目十八个\n> 作者：本报记者 汲 涛\n>\n> 　　今年一季度，全市新开工亿元以上项目十八个。\n>\n"
            "> 【2】\n> 主题：解放区“一站式”服务大厅启用\n> 作者：本报讯\n>\n> 　　3月25日，解放区行政服务大厅启用。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [
        ("抓项目 促发展 我市一季度新开工亿元以上项目十八个", ("汲涛",)), ("解放区“一站式”服务大厅启用", ())]


def test_app_and_site_copies_chrome_and_a_cms_credit_merged_with_the_printed_dateline() -> None:
    page = ("‹                                   ⋯\n焦作学习平台\n温县：“太极+”让小村庄聚起大人气\n"
            "来源：焦作日报　作者：焦作日报记者 蒲 华 通讯员 沈佳怡　2020-06-10\n▶ 播报\n"
            "　　6月7日，温县赵堡镇陈家沟村的太极拳广场上，太极拳爱好者正在跟着老拳师练拳。\n　　［图片］\n　　图片由温县融媒体中心提供\n"
            "责任编辑：戚 航\n👍 126　　☆ 收藏　　↗ 分享\n观点（8）　说说你的看法\n\n"
            "‹                                   ⋯\n焦作学习平台\n博爱县月山镇：山区小学用上“云课堂”\n"
            "来源：焦作日报　作者：车晓林 帅 婷　2020-06-10\n▶ 播报\n"
            "　　本报讯（记者 车晓林 通讯员 帅婷）6月5日，博爱县月山镇一所山区小学的学生们用上了“云课堂”。\n"
            "分享到：新浪微博　腾讯微博　人人网　QQ空间\n网友评论（3）　查看所有评论\n◀ 上一篇　　返回版面　　下一篇 ▶\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters, r.correspondents) for r in records] == [
        ("温县：“太极+”让小村庄聚起大人气", ("蒲华",), ("沈佳怡",)),
        ("博爱县月山镇：山区小学用上“云课堂”", ("车晓林",), ("帅婷",))]
    assert "播报" not in records[0].body and "收藏" not in records[1].body


def test_a_letters_signer_a_series_part_and_a_serials_label_are_not_headlines() -> None:
    page = ("对《化肥为啥迟迟不到位？》一信的答复\n　　编辑同志：贵报转来刘二保同志的来信收悉。化肥已于日前分配到各乡，望予谅解。\n"
            "　　孟县农业生产资料公司\n修武县推广小麦联合收割\n　　本报讯　记者常青报道：今年麦收，修武县推广小麦联合收割机作业。\n\n"
            "焦作观察⑦\n既要“面子”更要“里子”\n□ 怀川客\n　　城市建设，既要好看，更要好用。\n\n长篇连载\n\n太行儿女（二十三）\n"
            "□ 郑秀峰\n　　天刚蒙蒙亮，二柱子就背着竹篓上了山。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records] == [
        ("对《化肥为啥迟迟不到位？》一信的答复", None), ("修武县推广小麦联合收割", None),
        ("既要“面子”更要“里子”", "焦作观察⑦"), ("太行儿女（二十三）", "长篇连载")]
    assert records[0].body.endswith("孟县农业生产资料公司")


def test_briefs_with_their_headlines_run_on_before_the_text_under_a_column() -> None:
    page = ("财经速递\n\n市区新增两处新能源汽车充电站 近日,山阳区、解放区各新建一处新能源汽车充电站,共有充电桩40个。\n\n"
            "秋季房交会下周开幕 日前,第十二届焦作秋季房地产交易会组委会发布消息,60余家房企将参展。\n\n"
            "日照日报/日照新闻网讯 4月17日,从山东省市地报研究会传来喜讯,本报多件作品获奖。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records][:2] == [
        ("市区新增两处新能源汽车充电站", "财经速递"), ("秋季房交会下周开幕", "财经速递")]
    assert records[-1].title != "日照日报/日照新闻网讯"


def test_a_column_of_readers_questions_and_answers_gives_an_item_for_each_pair() -> None:
    page = ("有问必答\n\n问:我今年55岁,企业破产了,养老保险能不能接着交?(山阳区　王女士)\n\n"
            "答:可以。您可以以灵活就业人员身份办理续保手续。\n\n问:孩子在外地上大学,户口迁出去了,还能参加我市的居民医保吗?(马村区　李先生)\n\n"
            "答:户口已迁出的大学生,应在就读学校参加大学生医疗保险。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.section, r.body[:6]) for r in records] == [("有问必答", "问:我今年5"), ("有问必答", "问:孩子在外")]
    assert all(not r.reporters for r in records)


def test_a_photo_pages_credits_photo_first_and_from_the_papers_files() -> None:
    page = ("　　4月30日，游客在修武县云台山景区游览。随着“五一”小长假到来，各景区游人如织。\n\n"
            "图/本报记者 姬小川　文/本报记者 庞 雪\n\n老照片里的劳动节\n\n"
            "　　上世纪八十年代，我市一家纺织厂的女工在车间里操作细纱机。\n\n本报资料图片\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title, r.photographers) for r in records] == [
        ("caption", "", ("姬小川",)), ("caption", "老照片里的劳动节", ())]


def test_portal_and_epaper_chrome_menus_on_one_line_and_a_site_and_papers_dateline_alone() -> None:
    page = ("跳转到路径导航栏\n跳转到正文内容\n下一版»本期共4版(1-2-3-4)\n"
            "国内要闻 省内要闻 本地要闻 精彩点击 专题新闻 通知公告 日报数字报\n\n演习还没准备好 警察就按过来了\n\n"
            "  四川新闻网-成都日报讯\n\n  (记者方华) “银行被抢了,警车都把银行包围了。”昨日中午,有读者打电话向记者报料。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("演习还没准备好 警察就按过来了", ("方华",))]


def test_a_sections_more_link_and_a_sites_home_link_before_its_channel() -> None:
    page = ("主页 北马新闻\n行动党槟州联委会访《光华》拜早年\n\n（槟城14日讯）行动党槟州联委会昨日到访本报，向全体员工拜早年。\n\n"
            "社论 更多\n有序减校应对学童减少\n\n近年本港学童人数持续下降，教育局宣布新一轮缩班措施。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records] == [("行动党槟州联委会访《光华》拜早年", None), ("有序减校应对学童减少", "社论")]


def test_an_epaper_article_views_bars_and_an_advertising_centres_line() -> None:
    page = ("当前版：05版　城市建设\n【字号 大 中 小】　上一篇　下一篇　打印本页\n老旧小区改造让居民住得更舒心\n"
            "——解放区12个老旧小区改造工程全面开工\n\n本报讯（记者 王冰）3月4日，解放区12个老旧小区改造工程全面开工。\n\n"
            "焦作日报社广告中心承办\n匠心筑家　品质焦作\n\n怀府·云栖园二期盛大开盘，首付三万起，欢迎品鉴。\n")
    records = parse_page(page, "t", strict=True).records
    assert records[0].title == "老旧小区改造让居民住得更舒心 ——解放区12个老旧小区改造工程全面开工"
    assert all("承办" not in r.title for r in records)


def test_bulleted_classified_notices_under_their_columns_label_are_furniture() -> None:
    page = ("更正\n\n本报3月14日第3版《武陟县春季植树造林全面展开》一文中，“1.2万亩”应为“1.5万亩”，特此更正。\n\n分类广告\n"
            "●焦作市宏远商贸有限公司遗失公章一枚，声明作废。\n●李小红遗失焦作市残疾人证，声明作废。\n\n"
            "市区部分路段今起分时段限行大货车\n\n本报讯（记者 王冰）自3月18日起，市区人民路等路段分时段限行大货车。\n")
    parsed = parse_page(page, "t", strict=True)
    assert [r.title for r in parsed.records] == ["更正", "市区部分路段今起分时段限行大货车"]
    assert any("宏远商贸有限公司遗失公章" in part for part in parsed.dropped)


def test_a_portals_top_links_a_pages_co_sponsor_and_a_staff_line_with_the_desks_mailbox() -> None:
    page = ("新浪首页免费邮件用户注册网站地图\n协办：中共温县县委宣传部\n本版主编 黎  明 责任编辑 柯  岩 电子信箱 略\n\n"
            "郑州西流湖成了“大浴缸”\n\n　　本报讯（大河报记者 刘宇）4月16日下午，记者经过郑州市化工路时看到有人在湖里游泳。\n\n"
            "时事论坛】 【关闭窗口\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("郑州西流湖成了“大浴缸”", ("刘宇",))]


def test_an_apps_cards_with_their_counts_and_credits_with_a_colon() -> None:
    page = ("焦作日报 · 2023年6月2日 · 第03版 综合\n共2篇\n\n——————\n我市“三夏”生产全面展开\n焦作日报 2023-06-02 06:30  阅读 1.2万\n"
            "记者：焦  阳  通讯员：尤志远\n本报讯 6月1日，记者从市农业农村局获悉，我市“三夏”生产全面展开。\n点赞 86  评论 12  分享\n——————\n"
            "“焦作有礼”文创产品亮相文博会\n焦作日报 2023-06-02 06:30  阅读 5621\n记者：阎  鑫\n"
            "本报讯 近日，在郑州举办的一场文创产品博览会上，我市组织多家企业参展。\n点赞 41  评论 3  分享\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [
        ("我市“三夏”生产全面展开", ("焦阳",)), ("“焦作有礼”文创产品亮相文博会", ("阎鑫",))]


def test_a_mastheads_lines_and_an_issues_list_of_pages() -> None:
    page = ("焦作日报\nJIAOZUO DAILY\n中共焦作市委主管主办\n2024年3月14日 星期四  甲辰年二月初五\n今日8版  第12845期\n\n"
            "我市新开通两条公交线路\n本报讯（记者 彭  博）3月13日起，我市新开通两条公交线路。\n"
            "3月12日，武陟县大封镇的农民在麦田里给小麦浇水施肥。本报记者 车  浩 摄\n第二版：要闻  第三版：综合  第四版：县区\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title) for r in records][0] == ("article", "我市新开通两条公交线路")
    assert all("第三版" not in r.body for r in records)


def test_a_reported_dateline_wrapped_by_a_narrow_column() -> None:
    page = ("武陟温县秋粮丰收在望\n　　本报讯 记者吕长江、通讯员邝\n新民报道：今年武陟、温县两县秋\n作物长势良好，秋粮丰收在望。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters, r.correspondents) for r in records] == [("武陟温县秋粮丰收在望", ("吕长江",), ("邝新民",))]


def test_a_pdf_pages_running_head_with_its_page_number() -> None:
    page = ("2012年7月16日 星期一\n焦作日报\n综合新闻 3\n我市启动城区道路“畅通工程”\n本报记者 熊 伟\n"
            "本报讯 7月15日，记者从市交通运输局获悉，我市城区道路“畅通工程”日前正式启动。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("我市启动城区道路“畅通工程”", ("熊伟",))]


def test_a_cms_pages_print_button_written_by_line_and_time_line() -> None:
    # after 東方報 (花蓮), 2010-09-30, a Joomla page: the headline with its print button, then its fields
    page = ("關於東方報\n陳明智 石版畫界新星 列印\n作者是 東方報   \n週四, 30 九月 2010 09:54\n\n"
            " 記者孫雯皓/報導\n 剛服完兵役的陳明智,年紀輕輕已經是地方上赫赫有名的石版畫家。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("陳明智 石版畫界新星", ("孫雯皓",))]


def test_a_portals_bars_hot_topics_and_lists_of_bulleted_links() -> None:
    page = ("搜狐首页-新闻-体育-娱乐-财经-IT-汽车-房产\n新闻首页 陕 西 调查·策划 国 内 时 评 社 会 国 际 图 片 网\n"
            "热点:皮革废料变胶囊 西安墓园 西安城墙假货之争\n头条回顾 联系方式:029-86519800 华商网官方微博\n"
            "网友热议世园会给西安带来变化 处处美景夜景特美\n时间:2011年04月23日08:58 我来说两句(0)\n\n推 荐\n"
            "·男子包厢拍下照片 成查处证据(图)\n·河南七旬老人跪求医疗费 县委书记道歉\n·美国夫妇在陕养牛20年 曾第一个获中国国籍外国人\n\n"
            "  本报讯 北京奥运会向世界展开了宏大的“中国长卷”，西安世园会也将向世界展示西安。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["网友热议世园会给西安带来变化 处处美景夜景特美"]
    assert "养牛" not in records[0].body


def test_a_readers_piece_under_a_topic_label_signed_with_the_county() -> None:
    page = ("话题\n\n我的家乡也进入了高铁时代\n\n田思勉 (叶县)\n\n2019年8月27日，北方的酷暑还未完全消散，我坐上了回家的高铁。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section, r.reporters) for r in records] == [("我的家乡也进入了高铁时代", "话题", ("田思勉",))]


def test_a_column_name_in_tortoise_shell_brackets_over_a_headline() -> None:
    page = ("焦作日报　　农村天地　　1990年5月4日\n〔致富信息〕\n山药种植要选沙壤土\n"
            "　　山药喜欢疏松的沙壤土，黏土地种出的山药多分叉。（县农业局　秦 岭）\n"
            "［读者来信］\n村里的路该修了\n　　我是修武县五里源乡的一个农民，村里的土路一下雨就没法走。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records] == [("山药种植要选沙壤土", "致富信息"), ("村里的路该修了", "读者来信")]


def test_a_web_copys_fields_run_together_name_the_writer_and_the_paper_it_came_from() -> None:
    # a provincial paper's copy on a portal: its fields run together, a space around each colon; 全市 on it is not 焦作
    page = ("柳州:螺蛳粉产业链越拉越长\n\n时间:2023-05-12来源 : 广西日报作者 : 覃海燕\n\n"
            "全市螺蛳粉产业今年一季度销售收入突破百亿元,带动上下游就业三十多万人。\n")
    parsed = parse_page(page, "t", strict=True)
    assert [(r.title, r.reporters, r.region) for r in parsed.records] == [("柳州:螺蛳粉产业链越拉越长", ("覃海燕",), None)]
    assert (parsed.meta.paper, parsed.meta.pub_date) == ("广西日报", "2023-05-12")


def test_the_time_a_copy_went_online_and_its_paper_in_title_marks_under_the_headline() -> None:
    page = ("当前位置: 首页 > 要闻\n\n草原上的光伏电站并网发电\n\n2024-06-15 09:19:00 《呼伦贝尔日报》\n"
            "  6月14日,位于草原腹地的一座光伏电站正式并网发电,年发电量可达两亿千瓦时。\n")
    parsed = parse_page(page, "t", strict=True)
    assert [r.title for r in parsed.records] == ["草原上的光伏电站并网发电"]
    assert parsed.meta.paper == "呼伦贝尔日报"


def test_a_service_columns_name_set_apart_over_a_headline_is_its_section() -> None:
    page = ("焦作日报　　2013年5月8日　　第7版　法治\n\n以案说法\n\n网购退货遭拒　法院判商家退款\n\n"
            "　　本报讯（记者　郝　强）近日，山阳区人民法院审结一起网络购物合同纠纷案。\n\n"
            "健康知识\n\n春季过敏怎么防？\n\n　　春季花粉多，过敏体质的市民外出时最好戴口罩。（记者　苏　雅）\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records] == [("网购退货遭拒　法院判商家退款", "以案说法"),
                                                      ("春季过敏怎么防？", "健康知识")]


@pytest.mark.parametrize("bar", ["< 上一版　　下一版 >　　　　往期回顾", "上一篇　下一篇　【返回目录】",
                                 "【字体：大 中 小】　　打印本稿　　关闭窗口", "【字号：大 中 小】　　【打印】　　【关闭】",
                                 "上一版  下一版  |  往期回顾  |  PDF版下载  |  返回首页"])
def test_an_epapers_navigation_bar_in_any_mix_of_its_buttons_is_furniture(bar: str) -> None:
    page = (f"{bar}\n\n温县新建三座农家书屋\n本报讯（记者 尚 文）日前，温县新建三座农家书屋，藏书一万余册。\n"
            f"{bar}\n\n孟州市桃花节开幕\n本报讯（记者 尚 文）3月20日，孟州市第五届桃花节开幕。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["温县新建三座农家书屋", "孟州市桃花节开幕"]


def test_a_weather_box_with_its_place_counties_and_indices_is_furniture() -> None:
    page = ("焦作日报 2021年12月3日 星期五 第8版 生活服务\n\n【焦作天气】\n今天：阴转小雪 西北风3—4级 -3℃～5℃\n"
            "市区：晴 -4℃～6℃\n修武 -5℃～4℃ 博爱 -4℃～5℃ 温县 -3℃～6℃\n穿衣指数：寒冷，建议着棉衣\n空气质量：轻度污染\n"
            "市气象台12月2日17时发布\n\n多地迎来降雪天气\n\n本报讯（记者 秦 岭）12月2日夜间，我市北部山区迎来今冬首场降雪。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["多地迎来降雪天气"]
    assert "℃" not in records[0].body


@pytest.mark.parametrize(("credit", "writer"), [("市物价委 许文华", "许文华"), ("作者：修武县实验中学初二（1）班 范小雨", "范小雨"),
                                              ("市第二人民医院儿科主任医师 柴  玲", "柴玲")])
def test_a_writer_under_an_office_a_school_class_or_a_post_below_the_headline(credit: str, writer: str) -> None:
    page = (f"物价为啥要放开？\n{credit}\n　　今年以来，我市陆续放开了部分商品价格，群众议论很多。\n\n"
            "温县新建三座农家书屋\n本报讯（记者 尚 文）日前，温县新建三座农家书屋，藏书一万余册。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("物价为啥要放开？", (writer,)), ("温县新建三座农家书屋", ("尚文",))]


def test_a_microfilm_page_wrapped_at_thirteen_characters_and_a_headline_the_column_wrapped() -> None:
    page = ("焦作日报    1987年3月12日    星期四    第二版\n\n"
            "博爱县许良乡建起\n蔬菜批发市场\n本报讯 （通讯员 郝文明）博\n爱县许良乡在公路旁建起一座\n蔬菜批发市场，占地二十亩，\n"
            "有摊位一百二十个。市场开业\n以来，每天成交蔬菜三万多斤\n，附近十几个村的菜农不再为\n卖菜发愁。\n"
            "这个乡今年种菜面积比去年扩\n大一倍，达到四千亩。\n\n"
            "焦作矿务局演马庄矿采煤一队\n创月产新纪录\n本报讯 二月份，焦作矿务局演\n马庄矿采煤一队生产原煤三万\n"
            "二千吨，创建队以来月产最高\n纪录。这个队坚持安全生产，\n全月无一起事故。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title.replace(" ", ""), r.correspondents) for r in records] == [("博爱县许良乡建起蔬菜批发市场", ("郝文明",)),
                                                             ("焦作矿务局演马庄矿采煤一队创月产新纪录", ())]


@pytest.mark.parametrize("note", ["编辑的话：读者反映的问题，本报已转有关部门。", "编者附言：来信反映的情况带有普遍性，本报将继续关注。",
                                  "记者调查:记者就此事走访了市公交公司,公司表示将加密班次."])
def test_a_readers_signature_closes_the_letter_and_the_desks_note_under_it_stays_with_it(note: str) -> None:
    page = ("读者来信\n\n路边摊占了人行道\n\n编辑同志：\n\n　　我家住在解放区民主南路，每到傍晚，路边摊就把人行道占满了，行人只能走到车道上。\n\n"
            f"读者　贺春梅\n\n　　{note}\n\n"
            "温县新建三座农家书屋\n\n　　本报讯（记者 尚 文）日前，温县新建三座农家书屋，藏书一万余册。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("路边摊占了人行道", ("贺春梅",)), ("温县新建三座农家书屋", ("尚文",))]
    assert note[:4] in records[0].body


def test_a_news_sites_welcome_date_widget_colour_bar_and_mobile_link_are_furniture() -> None:
    # after 渭南日报's and 长城网's item pages (real20): the site's chrome around one item, its writer in the time line
    page = ("• 长城网沧州频道欢迎您\n• 今天是\n首页 >沧州要闻 >正文\n本期发布:\n沧州港新开两条集装箱航线\n"
            "时间:2024-03-08 作者: 记者 鲍春雷 来源:沧州日报\n【字体: 打印\n【字号: | | 【背景色 杏仁黄 秋叶褐 银河白(默认色)\n"
            "进入移动版,省流量,体验好\n\n3月7日,沧州港新开通两条集装箱航线,通达天津和青岛。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("沧州港新开两条集装箱航线", ("鲍春雷",))]


def test_a_government_sites_copy_its_place_menu_cms_credit_with_role_and_footer() -> None:
    # after 滨州政务's and 宝鸡日报's pages (real20): the menu of places, the writer with his role and 报道 before the
    # release date, an empty count field, and the site's footer under a closing credit
    page = ("德州各地: 德城   陵城   禹城   乐陵   临邑   平原   夏津   武城\n \n您当前的位置 : 德州政务 >> 部门动态\n"
            "德州市举办全民健身运动会\n作者:记者 韩立东 报道     签发日期:2022年05月16日     \n阅读量:\n\n"
            "5月15日,德州市第三届全民健身运动会开幕,三千余名运动员参赛。\n  本报记者韩立东\n\n"
            "德州日报社版权所有,未经协议授权,禁止下载使用。电话:(0534)2222222 鲁ICP备05000000号\n建议使用IE5.0以上 1024*768分辨率浏览\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("德州市举办全民健身运动会", ("韩立东",))]
    assert "版权" not in records[0].body


def test_a_site_copys_field_lines_with_the_editor_a_padded_writer_or_no_writer_and_the_sites_owner_line() -> None:
    page = ("焦作网 — 焦作日报社主办\n首页 > 新闻中心 > 焦作日报 > 2024年3月6日 第05版：县区\n\n"
            "修武县新建两座游客服务中心\n来源：焦作日报　　作者：宁  远　　编辑：姬晓燕　　发布时间：2024-03-06 07:50\n"
            "本报讯（记者 宁  远）日前，修武县在云台山镇新建两座游客服务中心。\n\n"
            "图片新闻\n来源：焦作日报　　作者：窦  鑫　　编辑：姬晓燕　　发布时间：2024-03-06 07:50\n"
            "3月5日，游客在云台山景区观赏冰挂。本报记者 窦  鑫 摄\n\n"
            "温县举办春季招聘会\n来源：焦作日报　　作者：　　编辑：姬晓燕　　发布时间：2024-03-06 07:50\n"
            "3月5日，温县春季招聘会举行，六十余家企业提供岗位两千余个。（杨  洁）\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title, r.reporters if r.kind == "article" else r.photographers) for r in records] == [
        ("article", "修武县新建两座游客服务中心", ("宁远",)), ("caption", "", ("窦鑫",)), ("article", "温县举办春季招聘会", ("杨洁",))]
    assert all("来源" not in r.body and "焦作网" not in r.body for r in records)


def test_a_special_pages_banner_and_sponsor_classified_ads_and_a_pdf_pages_count_are_furniture() -> None:
    page = ("焦作日报　2021年6月18日　第12版　专版\n\n安全生产 警钟长鸣\n市应急管理局　协办\n\n"
            "我市开展安全生产月活动\n本报记者 姬  瑞\n　　6月17日，我市安全生产月咨询日活动在人民广场举行。\n第1页/共2页\n\n"
            "分类广告\n遗失声明：焦作市某建材有限公司不慎遗失公章一枚，声明作废。\n招聘：某物流公司招聘司机5名，电话：0391-3******。\n"
            "扫码关注“焦作日报”微信公众号　获取更多便民信息\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("我市开展安全生产月活动", ("姬瑞",))]
    assert "第1页" not in records[0].body


def test_an_uncredited_photo_caption_after_a_features_text_is_the_features_photo() -> None:
    page = ("焦作日报　2003年9月9日　星期二　第六版　教育\n山村小学的“全科老师”\n文/图　本报记者　邢建华\n"
            "　　早上六点，博爱县寨豁乡一所村小的教师已经走在了上山的路上。\n　　“只要山里还有孩子上学，我就不走。”他说。\n"
            "　　图为老师在给学生上课。\n焦作大学新增两个专业\n　　焦作大学今年新开设旅游管理、物流管理两个专业。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title) for r in records] == [("article", "山村小学的“全科老师”"), ("article", "焦作大学新增两个专业")]
    assert [c.text for c in records[0].captions] == ["图为老师在给学生上课。"]


def test_an_app_copys_line_with_its_read_count_marks_the_next_items_headline() -> None:
    page = ("连续奋战48小时 大堤险情排除\n焦作日报  2021-07-25 09:05  阅读 3.2万\n7月24日18时，经过干部群众连续奋战，大堤险情排除。\n"
            "——————————\n灾后防疫，这些知识要知道\n焦作日报  2021-07-25 11:20  阅读 2.4万\n问：洪水退去后，家里应该怎样消毒？\n"
            "答：先清理淤泥和垃圾，再用含氯消毒剂擦拭消毒。\n（焦作日报记者 崔 莉 整理）\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("连续奋战48小时 大堤险情排除", ()), ("灾后防疫，这些知识要知道", ("崔莉",))]


def test_a_pdfs_running_head_repeated_where_its_page_ends_breaks_off_no_article() -> None:
    head = "焦作日报　2009年7月7日　星期二　　　　　　体育　7"
    page = (f"{head}\n市第六届全民健身运动会闭幕\n本报记者　乔　明\n第1页/共2页\n{head}\n"
            "7月5日晚，为期三天的市第六届全民健身运动会在市体育中心闭幕。\n温县代表队获得团体总分第一名。\n"
            f"第2页/共2页\n{head}\n焦作籍选手获全国举重赛银牌\n7月3日，我市选手在全国青少年举重锦标赛上获得一枚银牌。（钟　鸣）\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("市第六届全民健身运动会闭幕", ("乔明",)),
                                                        ("焦作籍选手获全国举重赛银牌", ("钟鸣",))]


def test_a_qr_line_with_a_bullet_after_a_closing_credit_is_furniture() -> None:
    page = ("孟州市新增两家专精特新企业\n　　本报讯　日前，孟州市两家企业入选省级专精特新企业名单。（孟州市委宣传部副部长　杨　帆）\n"
            "▲扫一扫 关注焦作日报客户端\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("孟州市新增两家专精特新企业", ("杨帆",))]


def test_a_box_drawn_weather_box_and_a_wechat_reposts_account_lines_are_furniture() -> None:
    page = ("焦作日报\n2017-07-10 07:30\n\n点击上方“焦作日报”可以订阅哦！\n\n今天的焦作新闻，都在这里了\n\n"
            "┌天气预报────────┐\n│今天：多云转晴　22℃～33℃　南风3级│\n│　　　　市气象台提供　　　│\n└──────────┘\n\n"
            "01\n温县新建三座农家书屋\n本报讯（记者 尚 文）日前，温县新建三座农家书屋，藏书一万余册。\n\n"
            "▼长按识别二维码 关注焦作日报\n阅读原文\n阅读 2.3万　　 326\n写留言\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("温县新建三座农家书屋", ("尚文",))]
    assert records[0].body == "日前，温县新建三座农家书屋，藏书一万余册。"


def test_site_copies_one_after_another_each_with_its_related_links() -> None:
    item = ("当前位置：焦作网 > 新闻中心 > 焦作新闻\n\n{title}\n2014-09-26 08:05:12　来源：焦作日报　作者：{name}　编辑：孙  岩\n"
            "　　本报讯（记者　{name}）9月25日，{text}\n【打印本页】【关闭窗口】\n相关新闻：\n· {link1}\n· {link2}\n\n")
    page = (item.format(title="武陟县新建两座污水处理厂", name="牛　倩", text="武陟县两座污水处理厂建成投用。",
                        link1="武陟县加快推进城乡环境整治", link2="我市召开环保工作推进会")
            + item.format(title="温县新建三座农家书屋", name="尚　文", text="温县新建三座农家书屋，藏书一万余册。",
                          link1="温县文化惠民工程纪实", link2="我市召开公共文化服务推进会"))
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("武陟县新建两座污水处理厂", ("牛倩",)), ("温县新建三座农家书屋", ("尚文",))]


def test_a_features_bulleted_four_character_sub_headings_are_no_boxed_pen_names() -> None:
    page = ("一座山区小站的三十年\n文/图　本报记者　杨　帆\n　　在博爱县的太行山深处，焦枝铁路上有一座四等小站。\n"
            "■一盏马灯\n　　1978年，二十三岁的站长从铁路技校毕业，被分配到这座小站。\n■一本台账\n"
            "　　站长室的抽屉里，有一摞发黄的台账。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("一座山区小站的三十年", ("杨帆",))]
    assert "一盏马灯" in records[0].body and "一本台账" in records[0].body


def test_a_supplements_spaced_name_a_call_for_contributions_and_a_writer_under_his_town() -> None:
    page = ("焦作日报　1988年10月8日　星期六　第四版\n\n怀　川　副刊\n\n〔“家乡变了样”征文〕\n\n山里通了公路\n\n"
            "□　郑　平\n\n　　我的老家在修武县西村乡的深山里，过去出山要走一天的羊肠小道。\n\n博爱的竹林\n\n"
            "　　作者　博爱县许良乡　卢文海\n\n　　博爱的竹林，是太行山下的一片绿海。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section, r.reporters) for r in records] == [("山里通了公路", "“家乡变了样”征文", ("郑平",)),
                                                                    ("博爱的竹林", "“家乡变了样”征文", ("卢文海",))]


def test_a_photo_credit_printed_above_its_own_caption_under_a_credited_caption() -> None:
    page = ("焦作日报　2019年10月25日　星期五　第八版　图片\n\n"
            "　　10月23日，游客在青天河景区观赏红叶。\n\n　　　　　　　　本报记者　吕　军　摄\n\n"
            "　　本报记者　翟　明　摄\n\n　　10月22日，武陟县的农民在田间采摘菊花。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.photographers, r.body[:6]) for r in records] == [("caption", ("吕军",), "10月23日"),
                                                                       ("caption", ("翟明",), "10月22日")]


def test_a_digests_guide_of_quoted_pointers_and_its_image_placeholders_are_furniture() -> None:
    page = ("2024年3月5日焦作手机报\n\n【导读】\n>我市新增两处“口袋公园”\n>温县太极拳比赛落幕\n\n"
            "今天焦作多云,8-19℃。\n\n头条750x90px\n\n我市新增两处“口袋公园”\n"
            "3月4日,山阳区、解放区新建的两处口袋公园正式开放,市民在家门口就能休闲健身。\n\n"
            "2今日要闻banner\n\n温县举办太极拳比赛\n3月4日,温县在陈家沟举办太极拳比赛,300余名选手参赛。\n")
    parsed = parse_page(page, "t", strict=True)
    assert [r.title for r in parsed.records] == ["我市新增两处“口袋公园”", "温县举办太极拳比赛"]
    text = "\n".join(r.title + r.body for r in parsed.records)
    assert "750x90px" not in text and "banner" not in text and "太极拳比赛落幕" not in text


def test_a_photos_source_line_between_headline_and_byline_is_no_part_of_the_headline() -> None:
    for source in ("舞龙表演(图片由市摄影家协会提供)", "舞龙表演（资料图片）", "（图片由修武县融媒体中心提供）"):
        page = (f"来源: 焦作网\n2024-02-25 10:21:06\n\n马村区老街闹元宵\n\n{source}\n\n本报记者 王冰\n\n"
                "2月24日,马村区待王老街举办元宵灯会,舞龙、旱船、高跷轮番登场,吸引市民游客数万人次。\n")
        records = parse_page(page, "t", strict=True).records
        assert [(r.title, r.reporters) for r in records] == [("马村区老街闹元宵", ("王冰",))], source


def test_a_teaser_list_at_the_top_of_a_digest_with_one_headline_it_never_reaches() -> None:
    page = ("焦作市新建三所乡村幼儿园\n云台山迎来首批外国游客\n孟州市举办农民丰收节——\n......\n"
            "焦作要闻\n焦作市新建三所乡村幼儿园\n9月20日,中站区、马村区三所乡村幼儿园同时开园,可提供学位540个。\n"
            "孟州市举办农民丰收节——\n农产品展销会人气旺\n9月22日,孟州市在农业科技园举办农民丰收节,200余家企业参展。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["焦作市新建三所乡村幼儿园", "孟州市举办农民丰收节—— 农产品展销会人气旺"]


def test_a_new_media_items_closing_credits_with_bars_between_role_and_name() -> None:
    page = ("修武县召开文旅产业发展大会\n\n3月6日,修武县召开文旅产业发展大会,总结去年工作,安排今年任务。\n\n"
            "焦作日报新媒体出品\n记者|张  帆 编辑|李丽\n审核|王强 终审|赵刚\n")
    parsed = parse_page(page, "t", strict=True)
    assert [(r.title, r.reporters) for r in parsed.records] == [("修武县召开文旅产业发展大会", ("张帆",))]
    assert "编辑" not in parsed.records[0].body


def test_a_cms_exports_bookkeeping_fields_column_field_and_photo_fields() -> None:
    page = ("报纸：焦作日报　　日期：2021-05-12　　版次：06　　版名：县区\n导出时间：2021-05-12 05:40:11　　导出人：bianji06\n"
            "====================\n稿件ID：JZRB20210512060001\n稿件类型：文字\n栏目：乡村振兴\n引题：\n"
            "标题：武陟县万亩大棚蔬菜喜获丰收\n副题：\n作者：本报记者　王　冰\n字数：312\n正文：\n"
            "　　本报讯　连日来，武陟县大虹桥乡万亩大棚蔬菜陆续上市，日均销往郑州、新乡等地蔬菜200余吨。\n"
            "====================\n稿件ID：JZRB20210512060002\n稿件类型：图片\n标题：麦田披绿\n摄影：本报记者　李　明\n"
            "图片说明：5月10日，温县祥云镇农民在麦田里喷洒农药，防治病虫害。\n====================\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title, r.reporters, r.photographers) for r in records] == [
        ("article", "武陟县万亩大棚蔬菜喜获丰收", ("王冰",), ()), ("caption", "麦田披绿", (), ("李明",))]
    assert records[1].body.startswith("5月10日，温县祥云镇")
    assert "稿件" not in records[0].body and "312" not in records[0].body


def test_an_exports_writer_field_with_the_post_he_writes_from() -> None:
    page = ("====================\n栏目：健康讲堂\n标题：夏季如何预防中暑？\n作者：市人民医院急诊科主任医师　赵　红\n正文：\n"
            "　　进入伏天，我市持续高温。预防中暑，首先要避免在中午前后长时间户外活动。\n====================\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("夏季如何预防中暑？", ("赵红",))]
    assert "健康讲堂" not in records[0].body


def test_a_pdfs_two_pages_with_their_staff_lines_a_jump_a_narrow_caption_and_a_spaced_notice_title() -> None:
    page = ("焦作日报　　2012年3月9日　星期五\n3　县区　　责任编辑：王　芳　校对：李　强\n\n"
            "太行深处的“护林人”\n本报记者　郭　华\n　　天刚蒙蒙亮，修武县西村乡的护林员张保山已经背起\n水壶上山了。"
            "三十年来，他走坏了四十多双胶鞋。（下转第4版）\n\n"
            "3月8日，马村区妇联组织志愿者为辖\n区环卫女工送去节日慰问品。　本报记者　\n王　冰　摄\n\n"
            "讣　告\n　　焦作矿务局离休干部刘德顺同志，因病医治无效，于2012年3月6日逝世，享年88岁。\n\n"
            "焦作日报　　2012年3月9日　星期五\n4　县区　　责任编辑：王　芳　校对：李　强\n\n（上接第3版）\n"
            "　　张保山说，只要还走得动，他就守着这片林子。\n\n温县新建两座污水处理厂\n"
            "　　本报讯（记者　宁静）日前，温县两座污水处理厂建成投用，日处理污水四万吨。\n")
    parsed = parse_page(page, "t", strict=True)
    assert parsed.meta.page == "第3版 县区"
    assert [(r.kind, r.title) for r in parsed.records] == [("article", "太行深处的“护林人”"), ("caption", ""),
                                                           ("article", "讣告"), ("article", "温县新建两座污水处理厂")]
    assert parsed.records[0].body.endswith("他就守着这片林子。") and parsed.records[1].photographers == ("王冰",)
    assert parsed.records[1].body.startswith("3月8日，马村区妇联组织志愿者为辖区环卫女工")
    assert ("校对", "李强") in parsed.meta.staff


def test_an_epapers_page_line_with_bracketed_buttons_and_its_footer_buttons_and_rights_line() -> None:
    page = ("焦作日报数字报刊平台　　2011年05月10日　星期二\n第06版：城区新闻　　　　[上一版]　[下一版]　　[PDF下载]\n\n"
            "焦作日报 > 2011年05月10日 > 第06版：城区新闻 > 正文\n\n解放区新建三处便民菜市场\n\n本报记者　赵　鹏\n\n"
            "　　日前，解放区新建的三处便民菜市场投入使用，附近居民买菜不用再走远路。\n\n"
            "[上一篇]　　[下一篇]　　[返回本版目录]\n\n版权所有：焦作日报社　　未经书面授权不得转载\n")
    parsed = parse_page(page, "t", strict=True)
    assert parsed.meta.page is not None and "城区新闻" in parsed.meta.page
    assert [(r.title, r.reporters) for r in parsed.records] == [("解放区新建三处便民菜市场", ("赵鹏",))]
    assert "版权" not in parsed.records[0].body and "上一篇" not in parsed.records[0].body


@pytest.mark.parametrize("label", ["【奋进新征程·镜头里的焦作③】", "## 乡村振兴调研行④"])
def test_a_numbered_series_label_in_brackets_or_marked_as_a_heading_is_no_part_of_the_headline(label: str) -> None:
    page = (f"焦作日报　2022年6月9日　星期四　第8版　图片\n\n{label}\n\n# 云台山下樱桃红\n\n"
            "　　6月8日，修武县岸上乡的樱桃园里，游客们在采摘樱桃。本报记者　成　岩　摄\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["云台山下樱桃红"]


def test_a_wechat_digests_own_title_its_greeting_and_an_authors_note_naming_his_post() -> None:
    page = ("停水通知！医保有新变化……今天的民生消息都在这儿\n原创 焦作日报 焦作日报 2019-08-06\n\n"
            "今天是2019年8月6日，星期二，农历七月初六\n\n01\n\n明天起，这些小区停水12小时\n\n"
            "本报讯（记者 邱 爽）因管网改造，8月7日8时至20时，山阳区部分小区将暂停供水。\n\n"
            "02\n\n立秋后养生有讲究\n\n文/杜建华\n\n立秋之后，早晚温差变大，市民要注意适时增减衣物。\n\n"
            "（作者系焦作市中医院治未病科主任医师）\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("明天起，这些小区停水12小时", ("邱爽",)),
                                                         ("立秋后养生有讲究", ("杜建华",))]


def test_a_web_copys_photo_after_its_text_taken_by_its_writer_stays_with_it() -> None:
    page = ("首页 | 焦作新闻 | 县区频道 | 图片 | 视频\n\n博爱县月山镇：红叶染秋山\n"
            "来源：焦作日报  作者：杨  帆  发布时间：2021-10-25 07:50:12\n\n"
            "本报讯（记者 杨  帆）近日，博爱县月山镇的万亩红叶进入最佳观赏期，吸引了大批游客。\n\n"
            "10月24日，游客在月山镇青天河景区观赏红叶。本报记者 杨  帆 摄\n\n责任编辑：金晓蕾\n\n"
            "↑点击上方“焦作日报社”关注我们，每天为你推送焦作最新资讯\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title, r.reporters) for r in records] == [("article", "博爱县月山镇：红叶染秋山", ("杨帆",))]
    assert "关注我们" not in records[0].body


def test_notices_with_a_contact_line_over_their_signer_and_a_classified_column_with_its_banner_and_an_ad() -> None:
    page = ("焦作日报\n2023年6月8日 星期四\n第12版 公告\n\n拍卖公告\n\n"
            "受委托，焦作市宏达拍卖有限公司定于2023年6月20日上午10时公开拍卖报废车辆一批。\n\n联系人：孟先生\n\n"
            "焦作市宏达拍卖有限公司\n2023年6月8日\n\n减资公告\n\n"
            "焦作市顺通商贸有限公司经股东会决议，注册资本由500万元减少至100万元，请债权人自本公告见报之日起45日内申报债权。\n\n"
            "联系人：常女士\n\n焦作市顺通商贸有限公司\n2023年6月8日\n\n分类广告 刊登热线：0391-3511XXX\n\n遗失声明\n"
            "焦作市瑞丰物流有限公司遗失公章一枚，声明作废。\n\n【夏季特惠】空调清洗 每台60元 焦作市家家乐家政 地址：解放区建设路 详询店内\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["拍卖公告", "减资公告"]
    assert "联系人：孟先生" in records[0].body and records[0].body.endswith("2023年6月8日")


def test_a_microfilm_pages_spaced_page_line_ocr_slips_in_the_dateline_and_the_box_and_a_stray_bar() -> None:
    page = ("焦 作 日 报                 1991年3月12日 星期二\n第 二 版        经  济\n \n武陟县农机厂扭亏为盈\n"
            "本报汛(记者 萧宏伟)武陟县农机厂去年实现利税二十万元,一举扭转连续三年亏损的局面.|\n \n"
            "· 市场走笔 ·\n菜篮子拎得更稳了\n口 李建国\n  清早到民主路菜市场走一走,黄瓜、西红柿摆满了摊位.\n")
    parsed = parse_page(page, "t", strict=True)
    assert parsed.meta.page == "第二版 经济"
    assert [(r.title, r.reporters) for r in parsed.records] == [("武陟县农机厂扭亏为盈", ("萧宏伟",)),
                                                                ("菜篮子拎得更稳了", ("李建国",))]
    assert "|" not in parsed.records[0].body


def test_a_court_notice_over_its_number_a_cartoon_with_its_artist_and_the_desks_call_for_pieces() -> None:
    page = ("焦作日报　1997年4月8日　星期二　第三版　政法\n\n　　以案说法\n\n　　邻里之间的“滴水檐”\n\n　　□修武县人民法院　郭志坚\n\n"
            "　　【案情】1995年，修武县某村村民甲翻建房屋时，将滴水檐伸进了邻居乙家院内。\n\n"
            "　　焦作市中级人民法院公告\n\n　　（1997）焦经初字第12号\n\n"
            "　　焦作市华源建材经销部：本院受理原告某物资供应站诉你部购销合同纠纷一案，现依法向你部公告送达起诉状副本。\n\n"
            "　　焦作市中级人民法院\n\n　　一九九七年四月一日\n\n【漫画】\n\n“盖章”式服务\n\n"
            "　　办一件事要盖十几个章，群众跑断了腿。\n\n　　李　明/作\n\n"
            "　　欢迎读者就本版话题发表意见，来稿请注明真实姓名和联系方式。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title) for r in records] == [("article", "邻里之间的“滴水檐”"), ("article", "焦作市中级人民法院公告"),
                                                    ("caption", "“盖章”式服务")]
    assert records[2].photographers == ("李明",) and "欢迎读者" not in records[2].body


def test_a_box_labelled_in_brackets_before_its_title_stays_with_its_report_and_another_authors_essay_after_a_feature() -> None:
    page = ("焦作日报　2022年1月18日　星期二　第7版　文体\n\n第三届怀川太极拳邀请赛开幕\n本报记者　原　野\n\n"
            "　　1月16日，第三届怀川太极拳邀请赛在温县体育馆开幕，五百八十余名选手参赛。\n\n【链接】首日部分项目冠军\n\n"
            "　　陈式太极拳传统套路（男子中年组）：冯家豪（温县代表队）\n\n　　太极剑（女子中年组）：白淑琴（武陟县代表队）\n\n"
            "老街记忆\n\n□李　牧\n\n铁匠铺\n\n老街东头的铁匠铺，炉火从早烧到晚。\n\n药材行\n\n药材行的柜台上摆着一排排抽屉。\n\n"
            "读《沁河旧事》\n\n马德厚\n\n案头这本《沁河旧事》，是老友花了十年工夫写成的。书中记的都是沁河边的旧人旧事。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("第三届怀川太极拳邀请赛开幕", ("原野",)), ("老街记忆", ("李牧",)),
                                                         ("读《沁河旧事》", ("马德厚",))]
    assert "冯家豪" in records[0].body


def test_a_list_of_honoured_teachers_by_unit_is_no_run_of_headlines() -> None:
    page = ("焦作日报 2003年9月10日 星期三 第七版 教育\n\n2003年度焦作市优秀班主任名单\n"
            "市直：于晓红 王建军 邓丽萍 刘海燕\n解放区：马玉兰 王 涛 吕红霞\n中站区：冯立新 杨 帆 周晓燕\n"
            "温县：卢 红 苏国强 陈晓丽\n\n博爱县中学生运动会闭幕\n本报讯 9月8日，博爱县第十二届中学生田径运动会闭幕。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["2003年度焦作市优秀班主任名单", "博爱县中学生运动会闭幕"]
    assert "解放区：马玉兰" in records[0].body


def test_an_app_copys_commentary_under_a_barred_column_name_and_numbered_briefs_without_a_space() -> None:
    page = ("焦作日报客户端 > 读报 > 2022年08月18日 > 第03版：经济\n\n短评｜“小零件”里有大文章\n焦作日报 2022-08-18 06:30\n"
            "□ 冀 平\n\n一个小小的连接件，做到了国内细分市场前列。\n\n经济简讯\n\n1.博爱县新增两家省级“专精特新”企业\n\n"
            "近日，省工信厅公布第四批省级“专精特新”中小企业名单，博爱县两家企业入选。（通讯员 闻 军）\n\n"
            "2.市区新增充电桩三百个\n\n今年以来，市区新建公共充电桩三百个。（记者 阚 明）\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.section) for r in records] == [("“小零件”里有大文章", "短评"),
                                                       ("博爱县新增两家省级“专精特新”企业", "经济简讯"),
                                                       ("市区新增充电桩三百个", "经济简讯")]


def test_a_wechat_bar_without_original_mark_and_a_photo_before_the_items_closing_credit() -> None:
    page = ("文体｜运动会开幕！新戏首演……\n焦作日报 焦作日报社 昨天\n点击上方蓝字“焦作日报”关注我们\n\n01\n\n"
            "全市第十届全民健身运动会开幕\n\n5月29日上午，全市第十届全民健身运动会在市体育中心开幕。\n\n"
            "开幕式上，两千名太极拳爱好者同场演练。\n\n▲开幕式上，太极拳爱好者集体表演。焦作日报记者 龚 昊 摄\n\n"
            "（焦作日报记者 仇佳丽）\n\n02\n\n怀梆新戏首演\n\n5月28日晚，沁阳市怀梆剧团创排的新戏在市影剧院首演。\n\n"
            "（焦作日报记者 皮晓燕）\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("全市第十届全民健身运动会开幕", ("仇佳丽",)), ("怀梆新戏首演", ("皮晓燕",))]


def test_an_html_pages_fixed_spaces_in_a_credit_a_term_box_after_an_authors_note_and_a_cartoon_column() -> None:
    page = ('<div class="bmname">第04版：评论·理论</div>\n<div class="date">2016年08月04日 星期四</div>\n'
            '<!-- article start -->\n<h2>推进城乡融合的焦作路径</h2>\n<p class="author">□ 汤建民</p>\n'
            '<p>城乡融合是现代化的必由之路。</p>\n<p>（作者单位：中共焦作市委党校）</p>\n<p>名词解释</p>\n'
            '<p>产城融合：指产业与城市融合发展。</p>\n<!-- article end -->\n<!-- article start -->\n'
            '<p class="lanmu">怀川时评</p>\n<h2>莫让“僵尸车”占了车位</h2>\n<p class="author">文/尚&nbsp;&nbsp;飞</p>\n'
            '<p>在市区一些老旧小区，常能看到落满灰尘的“僵尸车”。</p>\n<!-- article end -->\n<!-- article start -->\n'
            '<p class="lanmu">漫画</p>\n<p class="pictitle"><strong>指尖上的形式主义</strong></p>\n'
            '<p class="picnote">一些单位要求干部每天在工作群里“打卡”晒图。　　殷　涛/作</p>\n<!-- article end -->\n')
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title, r.reporters if r.kind == "article" else r.photographers) for r in records] == [
        ("article", "推进城乡融合的焦作路径", ("汤建民",)), ("article", "莫让“僵尸车”占了车位", ("尚飞",)),
        ("caption", "指尖上的形式主义", ("殷涛",))]


def test_a_page_number_before_its_name_under_the_papers_name_and_date() -> None:
    page = "焦作日报\n2023年10月25日 星期三\n02 乡村振兴\n\n秋粮颗粒归仓 农民喜笑颜开\n本报讯（记者 王冰）目前，全市秋粮收获已进入扫尾阶段。\n"
    parsed = parse_page(page, "t", strict=True)
    assert parsed.meta.page == "第2版 乡村振兴" and [r.title for r in parsed.records] == ["秋粮颗粒归仓 农民喜笑颜开"]


def test_a_photo_page_with_a_bracketed_banner_a_numbered_group_and_an_articles_photo_before_anothers() -> None:
    page = ("2019年9月26日　星期四　　焦作日报　　08　图片新闻\n\n【庆祝第二届中国农民丰收节】\n\n金秋怀川瓜果香\n\n"
            "　　9月23日是中国农民丰收节。连日来，我市各地秋收秋种有序推进。\n\n　　图①　武陟县农民在晾晒玉米。\n\n"
            "　　图②　孟州市果农在采摘石榴。本报记者　谷　雨　摄\n\n老街新颜\n\n文/图　本报记者　滕　跃\n\n"
            "　　经过半年改造，解放区一条有六十年历史的老街换了新颜。\n\n　　图为改造后的老街一角。\n\n"
            "　　9月22日，登山爱好者在神农山龙脊长城攀登。（通讯员　詹立波　摄）\n")
    parsed = parse_page(page, "t", strict=True)
    assert parsed.meta.page is not None and parsed.meta.page.startswith("第8版")
    assert [(r.kind, r.title, r.photographers if r.kind == "caption" else r.reporters) for r in parsed.records] == [
        ("caption", "金秋怀川瓜果香", ("谷雨",)), ("article", "老街新颜", ("滕跃",)), ("caption", "", ("詹立波",))]


def test_a_mobile_editions_header_without_the_year_its_item_counters_a_utility_notice_and_a_notices_fields() -> None:
    page = ("焦作日报 手机版\n3月9日 周四 | 第07版 生活服务\n━━━━━━━━━━\n【1/3】\n这些证件可以网上办了\n"
            "本报讯（记者 包明哲）即日起，市民办理居住证签注等九项业务，可在线申请。\n━━━━━━━━━━\n【2/3】\n停水通知\n"
            "因供水管网改造施工，3月11日8时至20时，塔南路两侧用户将停止供水。\n焦作市自来水公司\n2017年3月8日\n━━━━━━━━━━\n"
            "【3/3】\n市公交公司招聘驾驶员\n焦作市公共交通有限公司面向社会招聘公交驾驶员30名。\n"
            "报名地点：市公交公司人力资源部（山阳区焦东南路）\n联系电话：3561234\n")
    parsed = parse_page(page, "t", strict=True)
    assert parsed.meta.page == "第07版 生活服务"
    assert [r.title for r in parsed.records] == ["这些证件可以网上办了", "停水通知", "市公交公司招聘驾驶员"]
    assert "报名地点" in parsed.records[2].body


def test_a_special_issues_banner_and_a_decision_under_its_issuer() -> None:
    page = ("焦作日报  2021年7月1日  星期四  第9版\n庆祝中国共产党成立100周年特刊·专版\n\n中共焦作市委\n"
            "关于表彰全市优秀共产党员、优秀党务工作者和先进基层党组织的决定\n"
            "    在庆祝中国共产党成立100周年之际，为表彰先进、树立典型，市委决定，授予郎建勋等100名同志“全市优秀共产党员”称号。\n"
            "    希望受表彰的先进个人和先进集体珍惜荣誉，再接再厉，在新征程上再立新功。\n"
            "                                                  中共焦作市委\n                                                2021年6月28日\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["中共焦作市委 关于表彰全市优秀共产党员、优秀党务工作者和先进基层党组织的决定"]


def test_a_notices_table_rows_set_with_wide_spaces_are_no_headline_group() -> None:
    page = ("焦作日报　2024年3月14日　星期四　第7版　卫生健康\n\n焦作市2024年度基层名中医拟认定人员名单公示\n"
            "　　根据《焦作市基层名中医评选办法》，经个人申报、单位推荐、专家评审，现将拟认定人员名单予以公示。\n"
            "序号  姓名    单位\n1     巫春林  修武县中医院\n2     奚丽萍  博爱县孝敬镇卫生院\n3     甘立军  温县岳村乡卫生院\n"
            "4     查秀云  孟州市槐树乡卫生院\n　　公示期间如有异议，请以书面形式向市卫生健康委中医科反映。\n"
            "　　　　　　　　　　　　　　　焦作市卫生健康委员会\n　　　　　　　　　　　　　　　　　2024年3月13日\n")
    records = parse_page(page, "t", strict=True).records
    assert len(records) == 1 and "查秀云" in records[0].body


def test_a_pdf_pages_foot_with_its_staff_and_the_page_number_at_the_edge_is_furniture() -> None:
    page = ("2004年9月21日  星期二                    卫生健康                    焦作日报    6\n\n"
            "温县新型农村合作医疗试点启动\n本报温县9月20日电　温县作为全省新型农村合作医疗试点县，日前正式启动参合工作。（记者 穆青峰）\n\n"
            "责任编辑：邵伟   校对：卢芳                        6\n")
    parsed = parse_page(page, "t", strict=True)
    assert [r.title for r in parsed.records] == ["温县新型农村合作医疗试点启动"]
    assert ("校对", "卢芳") in parsed.meta.staff


def test_epaper_item_views_one_after_another_their_nav_lines_a_photo_label_and_the_sites_foot() -> None:
    page = ("第05版：县区新闻　　返回目录　　[上一篇]　[下一篇]\n武陟县三万余名党员“亮身份”\n文/图　本报记者　顾新阳\n"
            "　　连日来，在武陟县木城镇的大街小巷，佩戴党徽的党员格外显眼。\n　　图为木城镇北街村党员在为群众义务修剪树木。\n"
            "【打印本稿】【关闭窗口】\n－－－－－－－－－－－－－－－－－－－－－－\n第05版：县区新闻　　返回目录　　[上一篇]　[下一篇]\n"
            "图片新闻\n本报记者　郝　亮　摄\n　　5月16日，修武县云台山景区迎来又一个客流高峰。\n【打印本稿】【关闭窗口】\n"
            "－－－－－－－－－－－－－－－－－－－－－－\n本报地址：焦作市人民路　　投稿邮箱（略）　　版权所有 焦作日报社\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.kind, r.title) for r in records] == [("article", "武陟县三万余名党员“亮身份”"), ("caption", "")]
    assert records[1].photographers == ("郝亮",) and records[1].body.startswith("5月16日")
    assert "图为木城镇" in " ".join(c.text for c in records[0].captions) + records[0].body


def test_a_sites_channel_name_atop_a_copy_is_no_kicker() -> None:
    page = ("政务频道\n\n您当前的位置 : 焦作网政务频道   ->   政务公开   ->   部门传真 -->正文\n"
            "70余位侨胞国庆游焦作 赞叹家乡的景致真美\n2018年10月08日 09:31:19来源:焦作日报\n\n"
            "  10月6日,市侨联组织来自21个国家的70余位侨胞,参观游览云台山和南水北调城区段绿化带。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["70余位侨胞国庆游焦作 赞叹家乡的景致真美"]


def test_a_readers_letter_signed_with_the_village_and_his_trade() -> None:
    page = ("焦作日报　1987年10月20日　星期二　第二版　县区\n\n村里的路灯谁来修？\n"
            "　　我们村前年安装了十二盏路灯，可是今年以来，路灯坏了八盏，一直没人修。希望有关部门管一管。\n"
            "　　沁阳县西万乡农民　吕长顺\n　　编后：路灯虽小，连着民心。\n")
    records = parse_page(page, "t", strict=True).records
    assert [(r.title, r.reporters) for r in records] == [("村里的路灯谁来修？", ("吕长顺",))]
