"""The 焦作 gazetteer and the region rule: title, lead, dominant body mention, page hint, null."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.errors import InvalidInput
from indexer.newspaper.gazetteer import load_gazetteer

GAZ = load_gazetteer()


def test_regions_in_display_order_with_the_city_last() -> None:
    assert GAZ.regions == ("解放区", "中站区", "马村区", "山阳区", "示范区", "修武县", "博爱县", "武陟县", "温县", "沁阳市", "孟州市", "焦作市")


def test_fingerprint_is_stable_and_tracks_changes(tmp_path: Path) -> None:
    assert GAZ.fingerprint == load_gazetteer().fingerprint
    assert len(GAZ.fingerprint) == 64 and int(GAZ.fingerprint, 16) >= 0
    data = GAZ.to_data()
    same = tmp_path / "same.json"
    same.write_text(json.dumps(data, ensure_ascii=False, indent=4), encoding="utf-8")
    assert load_gazetteer(same).fingerprint == GAZ.fingerprint  # formatting does not matter
    data["regions"][0]["aliases"].append("解放")
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_gazetteer(changed).fingerprint != GAZ.fingerprint


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("示范区", "示范区"), ("城乡一体化示范区", "示范区"), ("高新区", "示范区"), ("博爱", "博爱县"),
        ("孟州", "孟州市"), ("中区", "中站区"), ("我市", "焦作市"), ("焦作市", "焦作市"), ("北京", None),
    ],
)
def test_canonical_names(alias: str, canonical: str | None) -> None:
    assert GAZ.canonical(alias) == canonical


@pytest.mark.parametrize(
    ("text", "districts"),
    [
        ("中区区科工局将加大对接力度,持续引导成果到中区转化", {"中站区": 2}),  # 中区区 = 中站区 + 区
        ("集中财力支持产出明显的项目,在产业集中区设立服务站", {}),
        ("其中区级财政安排500万元", {}),
        ("与宁乡高新区产业发展局座谈,在全省7个国家高新区中居第一位", {}),
        ("焦作高新区首届“火炬杯”创新创业大赛,城乡一体化示范区", {"示范区": 2}),
        ("位于博爱经济技术开发区的河南天基轮胎有限公司", {"博爱县": 1}),
        ("孟州产业集聚区内的河南御捷时代汽车有限公司", {"孟州市": 1}),
    ],
)
def test_mentions_avoid_false_hits(text: str, districts: dict[str, int]) -> None:
    assert dict(GAZ.mentions(text).districts) == districts


@pytest.mark.parametrize(
    ("title", "lead", "body", "hint", "region"),
    [
        # the title decides first
        ("全市安全巡回宣讲活动走进示范区", "市安委办组织开展了宣讲活动。", "", None, "示范区"),
        ("清华大学教授到中区开展产学研对接活动", "近日,清华大学教授来到中区。", "全力推动焦作科技创新工作。", None, "中站区"),
        # then the lead: a county beats the city at the same level (a 焦作 company in 武陟县)
        ("", "7月22日,焦作赛科中药生物科技有限公司研发中心内…该公司位于武陟县赛科中药大健康生物科技园", "", None, "武陟县"),
        ("焦作企业产品走俏全国市场", "6月14日,记者在位于武陟县的焦作赛科中药生物科技有限公司看到…", "", None, "武陟县"),
        # city in title/lead: the body needs a district named at least twice to override it
        ("我市财政保障激发科技创新活力", "市财政部门持续加大投入。", "用于西部产业集聚区科技企业孵化园。孟州市一家企业获奖。", None, "焦作市"),
        ("开启“科创飞地”招商新模式", "产业落地在焦作。", "到示范区考察对接…与示范区共同打造…助力示范区打造智慧城市", None, "示范区"),
        # no place in title/lead: the dominant body mention
        ("一家企业的转型之路", "近日,记者走进这家企业。", "该企业位于温县。温县的配套政策…修武县", None, "温县"),
        ("一家企业的转型之路", "近日,记者走进这家企业。", "温县…修武县", None, None),  # a tie is no dominant mention
        # 区领导 / 该区 on a page given over to one district
        ("区领导慰问疫情防控工作人员", "11月12日上午,区领导万英奎带队慰问。", "", "示范区", "示范区"),
        ("区领导慰问疫情防控工作人员", "11月12日上午,区领导万英奎带队慰问。", "", None, None),
        ("一家企业的转型之路", "近日,记者走进这家企业。", "", "示范区", None),  # no 区领导/该区: no hint
        # nothing local
        ("全国春耕生产有序推进", "新华社北京3月14日电 全国春耕生产由南向北有序推进", "", None, None),
        ("市委第四巡察组巡察市科技局党组情况反馈会召开", "", "", None, "焦作市"),
    ],
)
def test_detect_region(title: str, lead: str, body: str, hint: str | None, region: str | None) -> None:
    assert GAZ.detect_region(title, lead, body, page_hint=hint) == region


def test_another_paper_brings_its_own_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "xinxiang.json"
    path.write_text(
        json.dumps({"paper": "新乡日报", "city": {"name": "新乡市", "markers": ["我市"]}, "regions": [{"name": "辉县市", "aliases": ["辉县"]}]}),
        encoding="utf-8",
    )
    gaz = load_gazetteer(path)
    assert gaz.regions == ("辉县市", "新乡市")
    assert gaz.detect_region("辉县推进山区旅游", "", "") == "辉县市"
    assert gaz.detect_region("我市召开会议", "", "") == "新乡市"
    assert gaz.detect_region("示范区召开会议", "", "") is None


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"regions": []}',
        '{"city": {"name": "新乡市"}}',
        '{"city": {"name": "新乡市"}, "regions": [{"aliases": ["x"]}]}',
        '{"city": {"name": "新乡市"}, "regions": [{"name": "辉县市", "aliases": "辉县"}]}',
        '{"city": {"name": "新乡市"}, "regions": [{"name": "辉县市"}, {"name": "辉县市"}]}',
        '{"city": {"name": "新乡市", "markers": [1]}, "regions": []}',
    ],
)
def test_bad_gazetteer_file_is_invalid_input(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match="gazetteer"):
        load_gazetteer(path)


def test_missing_gazetteer_file_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="missing.json"):
        load_gazetteer(tmp_path / "missing.json")
