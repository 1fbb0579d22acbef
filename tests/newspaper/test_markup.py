"""Pages that arrive as markup: a CMS's XML export and an e-paper page saved as HTML."""
from __future__ import annotations

import re
from collections import Counter

from indexer.newspaper.markup import from_markup, looks_like_markup
from indexer.newspaper.parse import parse_page

CMS_EXPORT = """<issue paper="焦作日报" date="2018-08-22" page="03" name="综合">
<article id="180822030001">
<pretitle>决战决胜脱贫攻坚</pretitle>
<title>修武县西村乡:山里人家吃上“旅游饭”</title>
<subtitle></subtitle>
<author>本报记者 姬晓辉 通讯员 马红英</author>
<column></column>
<content>
<p>　　盛夏时节,修武县西村乡平顶爻村游人如织。这个曾经的省级贫困村,依托云台山景区,发展民宿23家。</p>
<img src="W020180822353716.jpg"/>
<p class="pic">8月20日,游客在西村乡平顶爻村一家民宿前合影。本报记者 姬晓辉 摄</p>
<p>　　“过去守着大山穷,现在靠着大山富。”村党支部书记说,村里成立了旅游合作社。</p>
</content>
</article>
<article id="180822030002">
<title>焦作市民之家“延时服务”受欢迎</title>
<subtitle>——上半年办理业务1.6万件</subtitle>
<author></author>
<column>县区传真</column>
<content><p>　　本报讯(记者 侯文静)自今年1月起,焦作市民之家推行“延时服务”,上半年共办理各类业务1.6万件。</p></content>
</article>
<article id="180822030003">
<type>图片</type>
<title></title>
<content><p>8月21日,孟州市化工镇一家食品企业,工人在包装速冻饺子。本报记者 邝明 摄</p></content>
</article>
</issue>
"""

SAVED_EPAPER = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>焦作日报数字报-温县举办太极拳比赛</title>
<script>var nav = "首页";</script><style>.t{color:red}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="#">第03版：综合</a></div>
<h1>温县举办太极拳比赛</h1>
<p>本报讯（记者 王  冰）3月14日，温县在陈家沟举办太极拳比赛，&ldquo;太极+&rdquo;文旅融合再添新彩。</p>
<p>来自全国各地的200余名选手参加了比赛。</p>
<img src="p1.jpg" alt="比赛现场"><p>比赛现场。本报记者 赵  林 摄</p>
</body></html>
"""

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _accounted(text: str) -> bool:
    page = parse_page(text, "t", strict=True)
    return Counter(_CJK.findall(page.accounted_text())) == Counter(_CJK.findall(text))


def test_a_cms_xml_export_gives_one_record_per_item_with_its_fields() -> None:
    page = parse_page(CMS_EXPORT, "t", strict=True)
    assert [(r.kind, r.title, r.reporters, r.section) for r in page.records] == [
        ("article", "决战决胜脱贫攻坚 修武县西村乡:山里人家吃上“旅游饭”", ("姬晓辉",), None),
        ("article", "焦作市民之家“延时服务”受欢迎 ——上半年办理业务1.6万件", ("侯文静",), "县区传真"),
        ("caption", "", (), None)]
    assert page.records[2].photographers == ("邝明",)
    assert page.records[0].correspondents == ("马红英",)
    assert (page.meta.paper, page.meta.pub_date, page.meta.page) == ("焦作日报", "2018-08-22", "第3版 综合")
    assert "8月20日,游客在西村乡平顶爻村一家民宿前合影。" in page.records[0].body + "".join(c.text for c in page.records[0].captions)
    assert _accounted(CMS_EXPORT)  # every character is in a record or reported dropped, none invented


def test_a_saved_epaper_page_drops_its_head_scripts_and_tags() -> None:
    page = parse_page(SAVED_EPAPER, "t", strict=True)
    record = page.records[0]
    assert (record.title, record.reporters) == ("温县举办太极拳比赛", ("王冰",))
    assert "“太极+”文旅融合" in record.body and "<" not in record.body and "var nav" not in record.body
    assert _accounted(SAVED_EPAPER)


def test_text_with_a_stray_angle_bracket_is_not_markup() -> None:
    assert looks_like_markup(CMS_EXPORT) and looks_like_markup(SAVED_EPAPER)
    assert not looks_like_markup("温县举办太极拳比赛\n\n本报讯 气温<5℃时，<b>注意</b>防冻。\n")
    plain = "温县举办太极拳比赛\n\n本报讯 3月14日，气温<5℃，温县在陈家沟举办太极拳比赛。\n"
    assert parse_page(plain, "t").records[0].body.endswith("气温<5℃，温县在陈家沟举办太极拳比赛。")


def test_markup_that_is_cut_off_or_broken_still_gives_its_text() -> None:
    cut = CMS_EXPORT[:CMS_EXPORT.index("上半年共办理")]
    assert "焦作市民之家推行“延时服务”" in from_markup(cut).text
    broken = "<article><title>温县举办太极拳比赛</b></title><content><p>本报讯 3月14日，比赛开幕。<p>二百人参加。</article></x>"
    page = parse_page(broken, "t", strict=True)
    assert page.records[0].title == "温县举办太极拳比赛" and "二百人参加。" in page.records[0].body


def test_page_text_quoting_tags_in_its_sentences_is_not_markup() -> None:
    # a page about a web attack, or an OCR dump with stray tags: its lines start with words, not with tags
    page = ("焦作日报\n2023年11月2日 星期四\n第2版 综合\n\n# 网站安全检查\n\n"
            "本报讯(记者 张三)正文里有<script>alert(1)</script>和<img src=x onerror=alert(1)>这样的内容。\n\n"
            "会议强调,<b>加粗</b>不应生效。\n\n<script>alert(2)</script>会场一角。本报记者 李四 摄\n")
    assert not looks_like_markup(page)
    record = parse_page(page, "t", strict=True).records[0]
    assert "<script>alert(1)</script>" in record.body and "<b>加粗</b>" in record.body


def test_an_exports_page_number_in_a_circled_digit_is_kept_as_printed() -> None:
    export = ('<issue paper="焦作日报" date="2018-08-22" page="①" name="要闻">\n<article>\n<title>温县举办太极拳比赛</title>\n'
              '<content><p>本报讯 3月14日，比赛开幕。</p></content>\n</article>\n</issue>\n')
    assert from_markup(export).meta.page == "第①版 要闻"  # was ValueError: int("①")


def test_cdata_sections_give_their_text_whether_they_hold_markup_or_plain_text() -> None:
    export = ('<issue paper="焦作日报" date="2018-08-22" page="03">\n'
              '<article>\n<title><![CDATA[温县举办太极拳比赛]]></title>\n'
              '<content><![CDATA[<p>　　本报讯 3月14日，比赛开幕。</p><p>　　气温<5℃。</p>]]></content>\n</article>\n'
              '<article>\n<title>孟州市新增两家企业</title>\n'
              '<content><![CDATA[　　记者获悉，气温<5℃时A&B公司停工。]]></content>\n</article>\n</issue>\n')
    page = parse_page(export, "t", strict=True)
    assert [(r.title, r.body) for r in page.records] == [
        ("温县举办太极拳比赛", "3月14日，比赛开幕。\n气温<5℃。"),
        ("孟州市新增两家企业", "记者获悉，气温<5℃时A&B公司停工。")]
    assert _accounted(export)


def test_a_field_name_holding_elements_is_a_container_and_its_text_is_kept() -> None:
    # "<page>" is a bookkeeping field in most exports ("<page>03</page>"), a container in this one
    export = ('<page no="3" date="2018-08-22">\n<title>温县举办太极拳比赛</title>\n'
              '<content><p>本报讯 3月14日，比赛开幕。</p></content>\n<title>孟州市新增两家企业</title>\n'
              '<content><p>记者获悉，两家企业入选。</p></content>\n</page>\n')
    page = parse_page(export, "t", strict=True)
    assert [(r.title, r.body) for r in page.records] == [
        ("温县举办太极拳比赛", "3月14日，比赛开幕。"), ("孟州市新增两家企业", "记者获悉，两家企业入选。")]
    assert _accounted(export)


def test_an_rss_feeds_links_are_bookkeeping_not_text() -> None:
    feed = ('<?xml version="1.0"?>\n<rss><channel><title>焦作日报</title><link>http://www.jzrb.com/</link>\n'
            '<item><title>温县举办太极拳比赛</title><link>http://www.jzrb.com/a/1.html</link>'
            '<description>本报讯 3月14日，比赛开幕。</description></item>\n'
            '<item><title>孟州市新增两家企业</title><link>http://www.jzrb.com/a/2.html</link>'
            '<description>记者获悉，两家企业入选。</description></item>\n</channel></rss>\n')
    page = parse_page(feed, "t", strict=True)
    assert [(r.title, r.body) for r in page.records] == [
        ("温县举办太极拳比赛", "3月14日，比赛开幕。"), ("孟州市新增两家企业", "记者获悉，两家企业入选。")]


def test_an_exports_line_ends_are_kept_around_inline_elements() -> None:
    export = ('<article>\n<title>温县举办太极拳比赛</title>\n<content>　　本报讯 3月14日，<b>比赛</b>开幕。\n'
              '　　二百人参加。\n<b>赛事亮点</b>\n　　名家到场。</content>\n</article>\n')
    lines = [line.strip() for line in from_markup(export).text.splitlines() if line.strip("\x0c\n ")]
    assert lines == ["# 温县举办太极拳比赛", "本报讯 3月14日，比赛开幕。", "二百人参加。", "赛事亮点", "名家到场。"]


NITF = """<?xml version="1.0" encoding="UTF-8"?>
<!-- 焦作日报 稿件归档导出 2018-11-22 第04版 民生 共2篇 -->
<export paper="焦作日报" issue="2018-11-22" page="04">
<nitf version="-//IPTC//DTD NITF 3.4//EN">
  <head><title>老旧小区加装电梯 “上下楼”不再难</title></head>
  <body>
    <body.head>
      <hedline>
        <hl1>老旧小区加装电梯 “上下楼”不再难</hl1>
        <hl2 class="kicker">民生实事进行时</hl2>
        <hl2 class="subtitle">——我市今年已有四十六部加装电梯投入使用</hl2>
      </hedline>
      <byline>本报记者 <person>蓝晓天</person>　通讯员 <person>康敬涛</person></byline>
    </body.head>
    <body.content><p>　　“以前下一趟楼得歇三回，现在按一下按钮就到家门口了。”11月20日，晁大娘说。</p></body.content>
  </body>
</nitf>
<nitf version="-//IPTC//DTD NITF 3.4//EN">
  <body>
    <body.head><hedline><hl1>我市新增两条夜间公交线路</hl1></hedline><byline/><dateline>本报讯</dateline></body.head>
    <body.content><p>　　（记者 蓝晓天）11月21日起，我市开通两条夜间公交线路。</p></body.content>
  </body>
</nitf>
<!-- 责任编辑：闫彤 -->
</export>
"""


def test_an_nitf_export_its_headline_group_bylines_and_datelines() -> None:
    page = parse_page(NITF, "t", strict=True)
    assert [(r.title, r.reporters, r.correspondents) for r in page.records] == [
        ("民生实事进行时 老旧小区加装电梯 “上下楼”不再难 ——我市今年已有四十六部加装电梯投入使用", ("蓝晓天",), ("康敬涛",)),
        ("我市新增两条夜间公交线路", ("蓝晓天",), ())]
    assert page.records[1].body.startswith("11月21日起")
    assert _accounted(NITF)  # the comments' words are reported as dropped, not lost


CJK_ELEMENTS = """<版面 报纸="焦作日报" 日期="2011-09-14" 版次="03" 版名="县区新闻" 责编="石 岩">
  <稿件 序号="1">
    <引题>秋粮丰收在望</引题>
    <主题>武陟县十万亩水稻开镰</主题>
    <副题></副题>
    <作者>本报记者 詹  宁 通讯员 葛向东</作者>
    <正文>
      <段落>9月13日，武陟县詹店镇的稻田里，收割机来回穿梭。</段落>
      <段落>今年全县水稻种植面积十万亩，预计亩产六百公斤。</段落>
    </正文>
  </稿件>
  <图片 序号="2">
    <说明>9月12日，温县农民在晾晒新收的谷子。</说明>
    <摄影>本报记者 詹  宁</摄影>
  </图片>
  <稿件 序号="3">
    <主题>孟州市新建两座污水处理厂</主题>
    <作者></作者>
    <正文><段落>本报讯（记者 柯  兰）日前，孟州市两座污水处理厂建成投用。</段落></正文>
  </稿件>
</版面>
"""


def test_an_export_with_its_elements_named_in_chinese() -> None:
    assert looks_like_markup(CJK_ELEMENTS) and looks_like_markup(CJK_ELEMENTS.split("\n", 1)[1])
    page = parse_page(CJK_ELEMENTS, "t", strict=True)
    assert (page.meta.paper, page.meta.pub_date, page.meta.page) == ("焦作日报", "2011-09-14", "第3版 县区新闻")
    assert [(r.kind, r.title, r.reporters, r.photographers if r.kind == "caption" else ()) for r in page.records] == [
        ("article", "秋粮丰收在望 武陟县十万亩水稻开镰", ("詹宁",), ()),
        ("caption", "", (), ("詹宁",)),
        ("article", "孟州市新建两座污水处理厂", ("柯兰",), ()),
    ]
    assert _accounted(CJK_ELEMENTS)


def test_page_text_with_a_chinese_word_in_angle_brackets_is_not_markup() -> None:
    text = "<上一版 下一版>\n温县举办太极拳比赛\n本报讯 3月14日，温县在陈家沟举办太极拳比赛。\n<返回目录>\n"
    assert not looks_like_markup(text)
