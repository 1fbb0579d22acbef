"""The parser under fuzzing: a replayed regression corpus plus a hypothesis run.

* ``tests/fuzz/corpus/``: seed inputs and anything a fuzzer ever found (atheris harness:
  ``tests/fuzz/fuzz_parse_atheris.py``). Every file goes through the decoder and
  ``parse_page`` (must not raise) and through ``parse_page(strict=True)`` (plain ``parse_page`` swallows
  parser bugs by design, so only the strict call shows them).
* Hypothesis: page-like text built from the seed pages' lines, headings, bylines and noise.
  Short by default; ``BAOKAN_FUZZ_EXAMPLES=20000`` (a few minutes) for a local run.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import UnreadableFile
from indexer.newspaper.gazetteer import load_gazetteer
from indexer.newspaper.parse import parse_page
from indexer.newspaper.textio import decode_page_bytes
from helpers import PAGES

CORPUS = Path(__file__).parent.parent / "fuzz" / "corpus"
GAZ = load_gazetteer()
EXAMPLES = int(os.environ.get("BAOKAN_FUZZ_EXAMPLES", "150"))


def _text_of(data: bytes) -> str:
    try:
        return decode_page_bytes(data, "fuzz.txt")
    except UnreadableFile:
        return data.decode("utf-8", "replace")


def _corpus() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def test_corpus_is_there() -> None:
    assert len(_corpus()) >= 10


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_replay_corpus(path: Path) -> None:
    text = _text_of(path.read_bytes())
    page = parse_page(text, "2021-11-13_01.txt")
    assert page.source == "2021-11-13_01.txt"
    strict = parse_page(text, "2021-11-13_01.txt", gazetteer=GAZ, strict=True)
    assert [r.id for r in strict.records] == [r.id for r in page.records]
    for record in strict.records:
        assert record.id and record.kind in ("article", "caption")
        record.to_dict()


def _seed_lines() -> list[str]:
    lines: list[str] = []
    for p in sorted(PAGES.glob("*.txt")):
        lines += [ln for ln in _text_of(p.read_bytes()).split("\n") if ln.strip()]
    return lines


SEED_LINES = _seed_lines()
NOISE = st.sampled_from(["# ", "## ", "本报讯(记者", "本报记者 ", " 摄", "通讯员 ", "(", ")", "（", "）", "\r", "\n\n",
                         "2021年11月13日 星期六", "第1版 要闻", "焦作日报", "扫一扫 关注我们", "\ufeff", "\u3000",
                         "图为", "。", "：", "责任编辑", "\x0c", "\u2028"])
LINE = st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=60), NOISE,
                 st.lists(st.one_of(NOISE, st.text(max_size=5)), max_size=8).map("".join))
PAGE = st.lists(LINE, max_size=40).map("\n".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_hypothesis_strict_parse_never_raises(text: str) -> None:
    page = parse_page(text, "2021-11-13_01.txt", gazetteer=GAZ, strict=True)
    for record in page.records:
        record.to_dict()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_hypothesis_bytes_decode_then_parse(data: bytes) -> None:
    try:
        text = decode_page_bytes(data, "fuzz.txt")
    except UnreadableFile as exc:
        assert exc.reason and "\n" not in exc.reason  # a one-line reason
        return
    parse_page(text, "x.txt")
    parse_page(text, "x.txt", gazetteer=GAZ, strict=True)
