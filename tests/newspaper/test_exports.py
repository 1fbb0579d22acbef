"""Pages that arrive as an archive database's export: JSON lines, tab-separated rows, 【field】 blocks."""
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


@pytest.mark.parametrize("text", [
    "温县举办太极拳比赛\n\n本报讯 3月14日，温县在陈家沟举办太极拳比赛。\n",
    "名称\t数量\n小麦\t12万亩\n",  # a table of figures, not an export of items
    "【本报讯】温县团委近日举办农村青年科技培训班。\n【提示】月季园开放时间为每日6:00至22:00。\n",
    '{"温县": 1}\n',
])
def test_pages_that_are_no_export(text: str) -> None:
    assert read_export(text) is None
