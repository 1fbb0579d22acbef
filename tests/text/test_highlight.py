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


# --- the fast offset mapping gives what the per-character one gave -------------------------

def reference_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """The first implementation: a list of every non-space character's offset."""
    from indexer.text.normalize import normalize_text

    norm = normalize_text(text)
    offsets = [i for i, ch in enumerate(norm) if not ch.isspace()]
    compact = "".join(norm[i] for i in offsets)
    spans = []
    for term in terms:
        needle = "".join(ch for ch in normalize_text(term) if not ch.isspace())
        start = compact.find(needle) if needle else -1
        while start != -1:
            spans.append((offsets[start], offsets[start + len(needle) - 1] + 1))
            start = compact.find(needle, start + 1)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def test_spans_equal_the_per_character_mapping_on_random_texts() -> None:
    import random

    rng = random.Random(14)
    alphabet = "吕沛官卫红焦作日報报ＳＯＥＣsoec 9２\u3000\n\t\u00a0\u2003记者宋崇飞"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        terms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 3))]
        assert match_spans(text, terms) == reference_spans(text, terms), (text, terms)


def test_snippet_window_is_the_densest_one() -> None:
    text = "吕沛" + "甲" * 200 + "吕沛乙吕沛丙吕沛" + "丁" * 200
    out = snippet(text, ["吕沛"], width=40)
    assert out.count("<mark>吕沛</mark>") == 3 and out.startswith("…")
