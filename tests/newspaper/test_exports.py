"""Pages that arrive as an archive database's export: JSON lines, tab- and comma-separated rows, 【field】 blocks,
RIS records, a dump's INSERT statements, Markdown with YAML front matter."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from indexer.newspaper.exports import read_export
from indexer.newspaper.parse import parse_page

JSON_LINES = (
    "# export jzrb_cms v3.2  issue=2020-11-19  page=03  items=3\n"
    '{"id":"20201119030001","pubdate":"2020-11-19","page":"03","column":"要闻","pretitle":"聚焦“十四五”",'
    '"title":"我市谋划重大项目1026个","subtitle":"——总投资超过1.2万亿元","author":"本报记者 蒋鑫 通讯员 贾鹏飞",'
    '"type":"文字","content":"　　记者11月18日从市发展改革委获悉，我市共谋划重大项目1026个。\\n　　其中，投资超百亿元的项目28个。"}\n'
    '{"id":"20201119030003","pubdate":"2020-11-19","page":"03","column":"综合","pretitle":"","title":"","subtitle":"",'
    '"author":"","type":"图片","content":"11月17日，孟州市城伯镇的农民在大棚里采摘西红柿。本报记者 万干 摄"}\n'
    '{"id":"20201119030005","pubdate":"2020-11-19","page":"03","column":"评论","pretitle":"","title":"让“冬病夏治”变成“冬事早办”",'
    '"subtitle":"","author":"本报评论员","type":"文字","content":"　　供暖季来临，群众关心的暖气热不热、燃气足不足。"}\n'
    "# end of export, 3 rows\n")

TAB_ROWS = (
    "日期\t版次\t栏目\t引题\t主题\t副题\t作者\t正文\n"
    "2006-12-05\t08\t社会新闻\t\t焦作今冬首场雪如期而至\t\t本报记者 宋怀生 通讯员 岳红\t12月4日凌晨，我市迎来今冬首场降雪。<br>截至当日上午8时，市区主干道积雪基本清除。\n"
    "2006-12-05\t08\t图片新闻\t\t\t\t葛春生 摄\t12月4日，几名小朋友在人民公园里打雪仗。本报记者 葛春生 摄\n"
    "共2条记录\n")

FIELD_BLOCKS = (
    "【导出】焦作日报稿件库 2010-04-02 第06版 共2条\n==============================\n"
    "【稿件编号】JZRB20100402060001\n【版次】06\n【栏目】县区传真\n【引题】清明祭扫新风尚\n【标题】博爱县倡导文明祭扫 鲜花换纸钱\n"
    "【副题】\n【作者】本报记者 韩晓静 通讯员 闫卫东\n【正文】\n　　清明节前夕，博爱县在各乡镇设立“鲜花换纸钱”服务点36个。\n"
    "==============================\n【稿件编号】JZRB20100402060002\n【版次】06\n【栏目】县区传真\n【引题】\n"
    "【标题】修武县五里源乡发展设施蔬菜5000亩\n【副题】——带动1200户农民增收\n【作者】通讯员 孙立强 郭敏\n【正文】\n"
    "　　五里源乡引导农民发展日光温室和塑料大棚蔬菜5000亩。\n")

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _accounted(text: str) -> bool:
    page = parse_page(text, "t", strict=True)
    return Counter(_CJK.findall(page.accounted_text())) == Counter(_CJK.findall(text))


def test_json_lines_one_record_an_item_with_its_fields() -> None:
    page = parse_page(JSON_LINES, "t", strict=True)
    assert [(r.kind, r.title, r.reporters, r.section) for r in page.records] == [
        ("article", "聚焦“十四五” 我市谋划重大项目1026个 ——总投资超过1.2万亿元", ("蒋鑫",), "要闻"),
        ("caption", "", (), None), ("article", "让“冬病夏治”变成“冬事早办”", (), "评论")]
    assert page.records[0].correspondents == ("贾鹏飞",) and page.records[1].photographers == ("万干",)
    assert (page.meta.pub_date, page.meta.page) == ("2020-11-19", "第3版")
    assert _accounted(JSON_LINES)


def test_tab_separated_rows_under_a_header() -> None:
    page = parse_page(TAB_ROWS, "t", strict=True)
    assert [(r.kind, r.title, r.reporters, r.photographers) for r in page.records] == [
        ("article", "焦作今冬首场雪如期而至", ("宋怀生",), ()), ("caption", "", (), ("葛春生",))]
    assert "市区主干道积雪基本清除。" in page.records[0].body and "<br>" not in page.records[0].body
    assert page.meta.pub_date == "2006-12-05" and _accounted(TAB_ROWS)


def test_field_blocks() -> None:
    page = parse_page(FIELD_BLOCKS, "t", strict=True)
    assert [(r.title, r.reporters, r.correspondents, r.section) for r in page.records] == [
        ("清明祭扫新风尚 博爱县倡导文明祭扫 鲜花换纸钱", ("韩晓静",), ("闫卫东",), "县区传真"),
        ("修武县五里源乡发展设施蔬菜5000亩 ——带动1200户农民增收", (), ("孙立强", "郭敏"), "县区传真")]
    assert _accounted(FIELD_BLOCKS)


CSV_ROWS = (
    "稿件ID,刊期,版次,版名,栏目,引题,标题,副题,作者,稿件类型,正文\n"
    'JZRB20190417050001,2019-04-17,05,县区新闻,,春耕备播正当时,博爱县12万亩春播作物播种过半,,本报记者 葛　莉 通讯员 陈书涛,文字,'
    '"　　4月15日，在博爱县孝敬镇的田间，播种机来回穿梭。\n　　种粮大户宋国强说：""种子、化肥都备足了。"""\n'
    'JZRB20190417050002,2019-04-17,05,县区新闻,县区快讯,,"沁阳市：""一窗受理""让企业办事只跑一次",,,文字,'
    "　　今年以来，沁阳市在政务服务中心设立综合受理窗口。\n")

RIS = (
    "Provider: 焦作市图书馆地方文献数据库\nDatabase: 焦作日报全文（1985—2015）\n\n"
    "TY  - NEWS\nTI  - 我市公路通车里程突破8000公里\nT2  - 焦作日报\nPY  - 2011\nDA  - 2011/09/27\nSP  - 2\nAU  - 廉卫华\n"
    "N1  - 版名：综合新闻\nN1  - 引题：交通建设提速\nN1  - 副题：——今年新改建农村公路420公里\nN1  - 作者身份：本报记者 廉卫华\n"
    "KW  - 公路; 交通\nAB  - 　　本报讯　记者从市交通运输局获悉，全市公路通车里程达到8012公里。\n"
    "　　今年以来，全市新改建农村公路420公里。\nER  - \n\n"
    "TY  - NEWS\nTI  - 中站区龙洞街道建起“居家养老服务站”\nT2  - 焦作日报\nDA  - 2011/09/27\nSP  - 2\n"
    "AB  - 　　9月23日，中站区龙洞街道居家养老服务站揭牌。（记者　孟　珂）\nER  - \n")

SQL_DUMP = (
    "-- MySQL dump 10.13  Distrib 5.5.40, for Linux (x86_64)\n--\nLOCK TABLES `jzrb_article` WRITE;\n"
    "INSERT INTO `jzrb_article` (`id`, `pub_date`, `page_no`, `yinti`, `title`, `futi`, `author`, `content`, `pic_desc`) VALUES\n"
    "(305121,'2014-05-13','05','美丽乡村建设','寨豁乡：山村变景区　村民吃上“旅游饭”','','本报记者 范晓菲 通讯员 牛卫东',"
    "'<p>　　5月11日，博爱县寨豁乡的山间公路上，自驾车一辆接着一辆。</p>\\r\\n<p>　　村民张福来说：“游客来了直接买走。”</p>',''),\n"
    "(305123,'2014-05-13','05','','','','','','5月10日，博爱县清化镇一家竹编厂的工人在编织竹篮。本报记者 贾晓彤 摄'),\n"
    "(305124,'2014-05-13','05','','许良镇举办怀药种植技术培训班','','','<p>　　本报讯 5月8日，许良镇举办培训班，农民\\'学技术\\'热情高。</p>',NULL);\n"
    "UNLOCK TABLES;\n")

FRONT_MATTER = (
    "<!-- exported by jzrb-archive-tools, edition 2017-12-19, page 04 (教育) -->\n---\nid: 20171219-04-01\n"
    'title: "“双师课堂”让山区孩子共享名师"\npretitle: "教育扶贫在行动"\nsubtitle: "——我市126所农村学校接入“同步课堂”"\n'
    'authors:\n  - "本报记者 尚文静"\n  - "通讯员 郭晓丽"\npage: "04"\nsection: "教育"\ntype: article\n---\n\n'
    "12月15日上午，修武县西村乡中心小学四年级的孩子们通过大屏幕上了一堂英语课。\n\n**一根网线连城乡**\n\n"
    "今年以来，我市投入资金2600万元，为126所农村学校建设“同步课堂”教室。\n\n---\nid: 20171219-04-05\n"
    'title: "我的老师"\nauthors:\n  - "温县实验中学八（3）班 何雨萱"\npage: "04"\nsection: "教育"\ncolumn: "校园文苑"\n---\n\n'
    "我的语文老师姓郑，个子不高，说话慢条斯理。\n")


def test_comma_separated_rows_with_quoted_fields_over_several_lines() -> None:
    page = parse_page(CSV_ROWS, "t", strict=True)
    assert [(r.title, r.reporters, r.correspondents, r.section) for r in page.records] == [
        ("春耕备播正当时 博爱县12万亩春播作物播种过半", ("葛莉",), ("陈书涛",), None),
        ("沁阳市：\"一窗受理\"让企业办事只跑一次", (), (), "县区快讯")]
    assert "种粮大户宋国强说：\"种子、化肥都备足了。\"" in page.records[0].body
    assert page.meta.pub_date == "2019-04-17" and _accounted(CSV_ROWS)


def test_a_librarys_ris_records_with_notes_naming_the_fields() -> None:
    page = parse_page(RIS, "t", strict=True)
    assert [(r.title, r.reporters) for r in page.records] == [
        ("交通建设提速 我市公路通车里程突破8000公里 ——今年新改建农村公路420公里", ("廉卫华",)),
        ("中站区龙洞街道建起“居家养老服务站”", ("孟珂",))]
    assert "新改建农村公路420公里。" in page.records[0].body and "KW" not in page.records[0].body
    assert page.meta.pub_date == "2011-09-27" and _accounted(RIS)


def test_a_database_dumps_insert_statements() -> None:
    page = parse_page(SQL_DUMP, "t", strict=True)
    assert [(r.kind, r.title, r.reporters, r.photographers) for r in page.records] == [
        ("article", "美丽乡村建设 寨豁乡：山村变景区　村民吃上“旅游饭”", ("范晓菲",), ()),
        ("caption", "", (), ("贾晓彤",)), ("article", "许良镇举办怀药种植技术培训班", (), ())]
    assert "<p>" not in page.records[0].body and "村民张福来说" in page.records[0].body
    assert "农民'学技术'热情高" in page.records[2].body and _accounted(SQL_DUMP)


def test_markdown_documents_with_yaml_front_matter() -> None:
    page = parse_page(FRONT_MATTER, "t", strict=True)
    assert [(r.title, r.reporters, r.correspondents, r.section) for r in page.records] == [
        ("教育扶贫在行动 “双师课堂”让山区孩子共享名师 ——我市126所农村学校接入“同步课堂”", ("尚文静",), ("郭晓丽",), "教育"),
        ("我的老师", ("何雨萱",), (), "校园文苑")]
    assert "title:" not in page.records[0].body and _accounted(FRONT_MATTER)


@pytest.mark.parametrize("text", [
    "温县举办太极拳比赛\n\n本报讯 3月14日，温县在陈家沟举办太极拳比赛。\n",
    "品种,面积,产量\n小麦,12万亩,5万吨\n",  # a table of figures in CSV
    "---\n温县举办太极拳比赛\n---\n本报讯 3月14日，温县在陈家沟举办太极拳比赛。\n",  # rules, no front matter
    "本报讯 记者获悉，市民可用INSERT键切换输入，TY  - 这样的字样只是正文。\n",
    "名称\t数量\n小麦\t12万亩\n",  # a table of figures, not an export of items
    "【本报讯】温县团委近日举办农村青年科技培训班。\n【提示】月季园开放时间为每日6:00至22:00。\n",
    '{"温县": 1}\n',
])
def test_pages_that_are_no_export(text: str) -> None:
    assert read_export(text) is None


SQUARE_BLOCKS = (
    "#### 焦作日报 采编系统稿件导出 ####\n#### 日期：2010-04-27  版次：05  版名：县区新闻 ####\n\n"
    "[稿件] 05-01\n[引题] 传承老手艺 培育新产业\n[主题] 博爱县清化镇竹编“编”出富民路\n[副题] 全镇从事竹编加工的农户已达一千二百多户\n"
    "[作者] 本报记者 阚  宁  通讯员 邰永强\n[正文]\n　　4月25日，记者走进博爱县清化镇，只见不少农家院里堆满竹篮。\n"
    "[图片说明] 清化镇一农户正在编织竹篮。本报记者 阚  宁 摄\n[正文]\n　　目前，全镇从事竹编加工的农户已达一千二百多户。\n[字数] 420\n\n"
    "[稿件] 05-02\n[引题] \n[主题] 沁阳市紫陵镇新建千亩冬凌草种植基地\n[副题] \n[作者] \n[正文]\n"
    "　　本报讯 近日，沁阳市紫陵镇与一家中药材公司签订合作协议。\n[字数] 160\n")


def test_field_blocks_in_square_brackets_with_the_text_going_on_after_a_caption() -> None:
    page = parse_page(SQUARE_BLOCKS, "t", strict=True)
    assert [(r.title, r.reporters) for r in page.records] == [
        ("传承老手艺 培育新产业 博爱县清化镇竹编“编”出富民路 全镇从事竹编加工的农户已达一千二百多户", ("阚宁",)),
        ("沁阳市紫陵镇新建千亩冬凌草种植基地", ())]
    assert "一千二百多户。" in page.records[0].body and _accounted(SQUARE_BLOCKS)


def test_a_database_records_headline_over_its_field_lines_is_kept_as_its_title() -> None:
    record = ("在赣州,感受到了浓浓的客家味!\n【版次】第A06版:晚报之眸\n【入库时间】20130530\n【全文】\n"
              "“在赣州,感受到了浓浓的客家味!”5月14日一大早,汴梁晚报的记者在赣州市见到了客家围屋。\n")
    page = parse_page(record, "t", strict=True)
    assert [r.title for r in page.records] == ["在赣州,感受到了浓浓的客家味!"]
    assert page.records[0].body.startswith("“在赣州") and _accounted(record)
