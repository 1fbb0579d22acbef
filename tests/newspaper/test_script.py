"""Pages in Traditional script are read with the same rules, and what is read keeps the printed characters."""
from __future__ import annotations

from indexer.newspaper.parse import parse_page
from indexer.newspaper.script import back, shadow


def test_the_shadow_is_simplified_character_for_character() -> None:
    assert shadow("本報訊（記者 蘇榕蓉）") == "本报讯（记者 苏榕蓉）"
    assert shadow("本报讯，ＡＢＣ") == "本报讯，ＡＢＣ"  # Simplified text and full-width forms stay as they are
    assert back("記者 蘇 榕", shadow("記者 蘇 榕"), "苏榕") == "蘇榕"


def test_a_page_in_traditional_script() -> None:
    page = ("香港文匯報 2015年8月10日\n\n逾千兩岸青年共話創業\n\n本報訊（記者 蘇榕蓉）兩岸青年創業論壇昨日在深圳舉行。\n\n"
            "市民參觀展覽。新華社記者 陳飛 攝\n\n【本報消息】兩名澳門廚師獲選參加青年廚師計劃。\n")
    records = parse_page(page, "t").records
    assert [(r.kind, r.title, r.byline, r.reporters, r.photographers) for r in records] == [
        ("article", "逾千兩岸青年共話創業", "本報訊（記者 蘇榕蓉）", ("蘇榕蓉",), ()),
        ("caption", "", "新華社記者 陳飛 攝", (), ("陳飛",)),
        ("article", "", "【本報消息】", (), ()),
    ]
    assert records[0].body == "兩岸青年創業論壇昨日在深圳舉行。"
