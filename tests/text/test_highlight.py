"""Highlighting marks every kind of match, escaped, at the right offsets."""
from __future__ import annotations

from indexer.text.highlight import highlight, match_spans, snippet


def test_whole_name_is_marked_not_just_a_bigram() -> None:
    assert highlight("主任官卫红出席", ["官卫红"]) == "主任<mark>官卫红</mark>出席"


def test_offsets_survive_normalisation() -> None:
    text = "焦作日報社 ＳＯＥＣ"
    assert [text[s:e] for s, e in match_spans(text, ["焦作日报", "soec"])] == ["焦作日報", "ＳＯＥＣ"]


def test_whitespace_inside_a_match_is_bridged() -> None:
    assert highlight("本报记者 宋崇飞 摄", ["记者宋崇飞"]) == "本报<mark>记者 宋崇飞</mark> 摄"


def test_text_is_escaped_around_and_inside_marks() -> None:
    out = highlight('<script>alert("官卫红")</script>', ["官卫红"])
    assert "<script>" not in out and out.count("<mark>") == 1 and "&lt;script&gt;" in out


def test_snippet_centres_on_the_matches() -> None:
    text = "甲" * 500 + "吕沛" + "乙" * 500
    out = snippet(text, ["吕沛"], width=60)
    assert "<mark>吕沛</mark>" in out and out.startswith("…") and out.endswith("…")


def test_snippet_without_match_shows_the_start() -> None:
    assert snippet("示范区召开会议", ["不存在"]) == "示范区召开会议"
