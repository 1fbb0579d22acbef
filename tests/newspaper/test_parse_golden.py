"""Golden pages: each sample page webapp/demo_pages/<page>.txt parses to exactly the records in tests/data/<page>.expected.jsonl.

Regenerate after a deliberate parser change with ``BAOKAN_REGEN_GOLDEN=1 pytest tests/newspaper/test_parse_golden.py``
and read the diff of the .expected.jsonl files record by record before committing it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import DATA, SEED_000, SEED_004
from helpers import PAGES as PAGE_DIR
from indexer.newspaper.parse import parse_file, record_id
from indexer.records import Record

PAGES = sorted(PAGE_DIR.glob("*.txt"))


def _expected_path(page: Path) -> Path:
    return DATA / (page.stem + ".expected.jsonl")


def _load_expected(page: Path) -> list[dict]:
    lines = _expected_path(page).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_matches_golden_records(page: Path) -> None:
    got = [r.to_dict() for r in parse_file(page).records]
    if os.environ.get("BAOKAN_REGEN_GOLDEN"):
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in got)
        _expected_path(page).write_text(text, encoding="utf-8")
    assert got == _load_expected(page)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_golden_records_round_trip_through_record(page: Path) -> None:
    for data in _load_expected(page):
        assert Record.from_dict(data).to_dict() == data


def test_at_least_four_pages_written_for_the_tests() -> None:
    assert len([p for p in PAGES if p not in (SEED_000, SEED_004)]) >= 4


def test_seed_000_articles_and_captions() -> None:
    records = parse_file(SEED_000).records
    assert [(r.kind, r.title) for r in records if r.kind == "article"] == [
        ("article", "市委第四巡察组巡察市科技局党组情况反馈会召开"),
        ("article", "我市财政保障激发科技创新活力"),
        ("article", "清华大学教授到中区开展产学研对接活动"),
        ("article", "中区区赴长沙宁乡开展院校地科技合作对接活动"),
    ]
    captions = [r for r in records if r.kind == "caption"]
    assert [r.region for r in captions] == ["孟州市", "武陟县", "温县", "修武县", "博爱县", "孟州市"]
    assert [r.photographers for r in captions] == [("宋崇飞",), ("翟鹏程",), ("宋崇飞",), ("翟鹏程",), ("翟鹏程",), ("宋崇飞",)]
    assert all(r.title == "" for r in captions)
    first = records[0]
    assert [c.to_dict() for c in first.captions] == [
        {"text": "7月26日上午,市委第四巡察组巡察市科技局党组情况反馈会在市会议中心召开。本报记者 蒋鑫 摄", "photographers": ["蒋鑫"]}
    ]
    assert "问题精准严实,有助于化解工作矛盾" in first.body
    assert "直接督办整改事项" in first.body and "认真制订整改方案" in first.body
    assert [r.region for r in records if r.kind == "article"] == ["焦作市", "焦作市", "中站区", "中站区"]
    assert [r.section for r in records if r.kind == "article"] == [None, None, "科技视界", "科技视界"]
    assert {r.reporters for r in records if r.kind == "article"} == {("徐金华",)}
    assert not any("科技视界" == r.title or "微信公众号" in r.body for r in records)


def test_seed_004_articles_and_captions() -> None:
    page = parse_file(SEED_004)
    articles = [r for r in page.records if r.kind == "article"]
    captions = [r for r in page.records if r.kind == "caption"]
    assert len(articles) == 11 and len(captions) == 2
    assert {r.region for r in page.records} == {"示范区"}
    assert [r.photographers for r in captions] == [("翟鹏程",), ("万干",)]
    assert [r.reporters for r in articles] == [("付凯明",)] * 3 + [("郭树勋",)] * 2 + [("付凯明",)] * 2 + [("郭树勋",)] + [("付凯明",)] * 2 + [("郭树勋",)]
    assert articles[-1].title == "开启“科创飞地”招商新模式 河南理工大学科技园入驻深圳天安云谷"
    assert "专家培训授课" in articles[6].body
    science = articles[4].body
    assert science.count("截至目前,示范区共拥有市以上创新创业领军人才") == 1
    assert any(d.startswith("截至目前,示范区共拥有市以上创新创业领军人才") for d in page.dropped)


@pytest.mark.parametrize("page", [SEED_000, SEED_004], ids=lambda p: p.name)
def test_seed_dates_are_inferred(page: Path) -> None:
    expected = {"000_26f9c0bf5d7a20f6.txt": "2022-07-26", "004_16b43a71a00cea4c.txt": "2021-11-13"}[page.name]
    records = parse_file(page).records
    assert {(r.pub_date, r.pub_date_source) for r in records} == {(expected, "inferred")}


def test_ids_are_stable_and_follow_record_id() -> None:
    first = parse_file(SEED_004).records
    again = parse_file(SEED_004).records
    assert [r.id for r in first] == [r.id for r in again] == [record_id(SEED_004.name, n) for n in range(len(first))]
    assert len({r.id for r in first}) == len(first)
