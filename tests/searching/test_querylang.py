"""The query language: syntax, leniency, limits, canonical form."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.errors import QueryError
from indexer.searching.querylang import And, DateRange, Not, Or, Text, parse_date_range, parse_query


@pytest.mark.parametrize("q, tree", [
    ("巡察 市科技局", And((Text("巡察"), Text("市科技局")))),
    ("吕沛 OR 官卫红", Or((Text("吕沛"), Text("官卫红")))),
    ("科技 -巡察", And((Text("科技"), Not(Text("巡察"))))),
    ("科技 NOT 巡察", And((Text("科技"), Not(Text("巡察"))))),
    ('"焦作 日报"', Text("焦作 日报", quoted=True)),
    ("(吕沛 OR 官卫红) 项目", And((Or((Text("吕沛"), Text("官卫红"))), Text("项目")))),
    ("标题:巡察", Text("巡察", "title")),
    ("title:巡察", Text("巡察", "title")),
    ("记者:徐金华", Text("徐金华", "reporter")),
    ("reporter:徐金华", Text("徐金华", "reporter")),
    ("摄影:宋崇飞", Text("宋崇飞", "photographer")),
    ("地区：温县", Text("温县", "region")),
    ("栏目:时评", Text("时评", "section")),
    ('标题:"市委 巡察"', Text("市委 巡察", "title", quoted=True)),
    ("日期:2021-11", DateRange("2021-11-01", "2021-11-30", "2021-11")),
    ("date:2021-11-01..2021-11-30", DateRange("2021-11-01", "2021-11-30", "2021-11-01..2021-11-30")),
    ("http://example.com", Text("http://example.com")),
])
def test_syntax(q: str, tree: object) -> None:
    assert parse_query(q).tree == tree


@pytest.mark.parametrize("q, understood, note", [
    ('"焦作日报', '"焦作日报"', "引号未闭合"),
    ("(吕沛 OR 官卫红", "吕沛 OR 官卫红", "括号未闭合"),
    ("吕沛) 项目", "吕沛 AND 项目", "多余的右括号"),
    ("OR 吕沛", "吕沛", "OR 两侧"),
    ("吕沛 NOT", "吕沛", "NOT 后缺少"),
    ("标题:", "", "后缺少内容"),
])
def test_damaged_queries_are_repaired_and_the_repair_is_reported(q: str, understood: str, note: str) -> None:
    parsed = parse_query(q)
    assert parsed.understood == understood
    assert any(note in n for n in parsed.notes)


def test_understood_form_parses_back_to_the_same_tree() -> None:
    parsed = parse_query('(吕沛 OR 官卫红) -灾后 标题:"项目 谋划" 日期:2021')
    assert parse_query(parsed.understood).tree == parsed.tree


def test_highlight_terms_exclude_negated_and_non_text_fields() -> None:
    assert parse_query("科技 -巡察 记者:徐金华 标题:汇报").highlight_terms == ("科技", "汇报")


@pytest.mark.parametrize("value", ["2021-13", "2021-02-30", "abc", "99999", "2022..2021"])
def test_bad_dates_raise_query_error(value: str) -> None:
    with pytest.raises(QueryError):
        parse_date_range(value)


def test_limits() -> None:
    with pytest.raises(QueryError, match="过长"):
        parse_query("巡" * 10_000)
    with pytest.raises(QueryError, match="过多"):
        parse_query(" OR ".join(f"词{i}" for i in range(100)))
    with pytest.raises(QueryError, match="嵌套"):
        parse_query("(" * 40 + "巡察")


@given(st.text(max_size=200))
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        parsed = parse_query(text)
    except QueryError:
        return
    assert parse_query(parsed.understood).tree == parsed.tree
