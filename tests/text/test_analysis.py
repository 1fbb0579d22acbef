"""Tokenizers follow Whoosh's rules, and normalisation keeps offsets."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import PAGES
from hypothesis import given
from hypothesis import strategies as st

from indexer.index.tokenizers import GramTokenizer, JiebaTokenizer
from indexer.text.grams import gram_set, gram_texts, match_text, query_grams, query_needle
from indexer.text.words import load_jieba, word_texts
from indexer.text.normalize import normalize_text


@pytest.mark.parametrize("raw, folded", [
    ("焦作日報", "焦作日报"),
    ("ＳＯＥＣ ９２４４．２万元", "soec 9244.2万元"),
    ("（记者 王晓东）", "(记者 王晓东)"),
    ("ITO Sensor", "ito sensor"),
    ("\u3000全市", " 全市"),
])
def test_normalize_folds_width_case_and_script(raw: str, folded: str) -> None:
    assert normalize_text(raw) == folded


@given(st.text())
def test_normalize_keeps_one_character_per_character(text: str) -> None:
    out = normalize_text(text)
    assert len(out) == len(text)
    assert normalize_text(out) == out  # idempotent


def test_gram_tokens_have_ordinal_positions_and_offsets() -> None:
    toks = [(t.text, t.pos, t.startchar, t.endchar)
            for t in GramTokenizer()("吕沛 到会\n官卫红", positions=True, chars=True)]
    assert toks == [("吕沛", 0, 0, 2), ("沛到", 1, 1, 4), ("到会", 2, 3, 5), ("会", 3, 4, 5),
                    ("官卫", 4, 6, 8), ("卫红", 5, 7, 9), ("红", 6, 8, 9)]


def test_gram_tokenizer_honours_start_pos_and_start_char() -> None:
    toks = [(t.pos, t.startchar) for t in GramTokenizer()("吕沛", positions=True, chars=True,
                                                          start_pos=10, start_char=100)]
    assert toks == [(10, 100), (11, 101)]


def test_gram_tokenizer_without_positions_leaves_them_unset() -> None:
    tok = next(iter(GramTokenizer()("吕沛")))
    assert not hasattr(tok, "pos") or tok.pos is None


def test_jieba_tokens_use_ordinal_positions_not_character_offsets() -> None:
    toks = [(t.text, t.pos, t.startchar, t.endchar)
            for t in JiebaTokenizer()("焦作日报社记者", positions=True, chars=True, mode="query")]
    assert [pos for _, pos, _, _ in toks] == list(range(len(toks)))
    assert all("焦作日报社记者"[s:e] == text for text, _, s, e in toks)
    assert "".join(text for text, _, _, _ in toks) == "焦作日报社记者"


def test_jieba_keeps_single_digits_and_drops_punctuation() -> None:
    texts = [t.text for t in JiebaTokenizer()("第5届，大会。")]
    assert "5" in texts and "，" not in texts and "。" not in texts


def test_index_mode_adds_search_subwords() -> None:
    index = [t.text for t in JiebaTokenizer()("清华大学", mode="index")]
    query = [t.text for t in JiebaTokenizer()("清华大学", mode="query")]
    assert query == ["清华大学"]
    assert {"清华", "大学", "清华大学"} <= set(index)


@given(st.text(alphabet="李建光吕沛官卫红 0123ABab,。\n", min_size=1, max_size=30))
def test_every_query_gram_sequence_occurs_in_the_text_tokens(text: str) -> None:
    tokens = gram_texts(text)
    for para in normalize_text(text).split("\n"):
        chars = "".join(ch for ch in para if not ch.isspace())
        for i in range(len(chars)):
            for j in range(i + 1, min(len(chars), i + 6) + 1):
                grams = query_grams(chars[i:j])
                if len(grams) == 1 and len(grams[0]) == 1:
                    assert any(t.startswith(grams[0]) for t in tokens)
                else:
                    n = len(grams)
                    assert any(tokens[k:k + n] == grams for k in range(len(tokens)))


@given(st.text(alphabet="李建光吕沛官卫红 0123ABab,。\n\r\u3000\u2028", max_size=40))
def test_gram_set_of_match_text_is_the_set_of_gram_tokens(text: str) -> None:
    assert sorted(gram_set(match_text(text))) == sorted(set(gram_texts(text)))


def test_match_text_drops_whitespace_and_keeps_paragraphs() -> None:
    assert match_text("示范区 吕沛\n\n官卫红\u3000到\r\n") == "示范区吕沛\n官卫红到"
    assert query_needle(" 官卫 红 ") == "官卫红"


def _sample_texts() -> list[str]:
    pages = sorted(PAGES.glob("*.txt"))
    return [p.read_bytes().decode("utf-8", "replace") for p in pages]


def test_index_words_are_jiebas_search_mode_words() -> None:
    """rjieba (index and query time) and jieba (the reference) agree on the sample pages.

    The one known difference (ranking only: matching never uses words): rjieba keeps an ASCII run like "0-6" or "p5_1.jpg" whole where jieba
    splits it; no Chinese word may differ.
    """
    import jieba

    load_jieba()
    texts = _sample_texts()
    assert len(texts) >= 6
    for text in texts:
        reference = Counter(w.strip() for w in jieba.cut_for_search(normalize_text(text))
                            if any(ch.isalnum() for ch in w))
        ours = Counter(word_texts(text))
        differing = (ours - reference) + (reference - ours)
        assert all(re.fullmatch(r"[\x21-\x7e]+", w) for w in differing), differing
        assert sum(differing.values()) <= 4
