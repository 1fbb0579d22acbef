"""Acceptance: records are right on real pages of other papers and on hand-made pages in 焦作日报's style.

The expected records of every page come from its source's own article boundaries
(tests/data/segmentation/README.md); ``bench/segmentation.py`` prints the same figures
and, with ``--failures``, what went wrong on each page.
"""
from __future__ import annotations

import importlib.util
import sys

import pytest
from helpers import REPO

_spec = importlib.util.spec_from_file_location("bench_segmentation", REPO / "bench" / "segmentation.py")
assert _spec is not None and _spec.loader is not None
segmentation = importlib.util.module_from_spec(_spec)
sys.modules["bench_segmentation"] = segmentation
_spec.loader.exec_module(segmentation)

# The acceptance figures: record count exact on 90% of pages, headlines 95% both ways,
# people right on 90% of bylined records, nothing lost. The hand-made pages meet them; the real
# pages have floors at what was measured (README, "How a page becomes records").
COUNT_EXACT, HEADLINES, PEOPLE = 0.90, 0.95, 0.90


# every set in tests/data/segmentation, each with its floors below
SETS = ("real", "real2", "real3", "real4", "real5", "real6", "real7", "real8", "real9", "rmrb", "rmrbfull", "forms", "holdout",
        "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10",
        "real10", "holdout11", "real11", "holdout12", "real12", "holdout13", "holdout14", "real13", "real14", "holdout15",
        "holdout16", "real15", "real16", "holdout17", "real17", "holdout18", "real18", "holdout19", "real19", "holdout20", "real20", "holdout21",
        "real21", "holdout22", "real22", "holdout23", "holdout24", "real23", "holdout25", "holdout26")
# the sets at the acceptance figures: hand-made pages and the first two sets of real pages
AT_ACCEPTANCE = ("forms", "holdout", "real2", "holdout3", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11",
                 "holdout12", "holdout14", "holdout15", "holdout18", "real")


@pytest.fixture(scope="module")
def scores() -> dict[str, object]:
    return {name: segmentation.score_set(name) for name in SETS}


def test_every_set_on_disk_is_measured() -> None:
    on_disk = {p.name for p in segmentation.SETS.iterdir() if p.is_dir() and any(p.glob("*.expected.json"))}
    assert on_disk == set(SETS)


def test_the_sets_are_big_enough_and_name_their_sources() -> None:
    import json

    real = segmentation.pages_of("real")
    papers = {json.loads(p.with_name(p.stem + ".expected.json").read_text("utf-8"))["paper"] for p in real}
    assert len(real) >= 20 and len(papers) >= 3, papers
    for page in real:
        spec = json.loads(page.with_name(page.stem + ".expected.json").read_text("utf-8"))
        assert spec["source"].strip() and spec["records"], page.name
    assert len(segmentation.pages_of("forms")) >= 30 and len(segmentation.pages_of("holdout")) >= 30


@pytest.mark.parametrize("name", SETS)
def test_nothing_is_lost(scores: dict[str, object], name: str) -> None:
    score = scores[name]
    assert score.nothing_lost, [(p.name, p.lost) for p in score.pages if p.lost]


@pytest.mark.parametrize("name", AT_ACCEPTANCE)
def test_hand_made_pages_meet_the_acceptance_figures(scores: dict[str, object], name: str) -> None:
    forms = scores[name]
    assert forms.count_exact >= COUNT_EXACT and forms.people_right >= PEOPLE, forms.summary()
    assert forms.headline_precision >= HEADLINES and forms.headline_recall >= HEADLINES, forms.summary()


@pytest.mark.parametrize("name, count, precision, recall, people", [
    ("real", 0.95, 0.98, 0.97, 0.98),
    ("real2", 1.00, 0.96, 1.00, 0.93),
    ("rmrb", 0.80, 0.96, 0.91, 1.00),
    # full-length pages: long articles' sub-headings without a credit read as headlines, and the dump counts
    # umbrella items (several bylined stories under one title) as one record
    ("rmrbfull", 0.40, 0.69, 0.83, 1.00),
    # hand-made by a third author; where its editor's decisions differ from the (boxes such as
    # 记者手记 and 相关链接 as records of their own, a named column such as 怀川时评 as a kicker) the pages count as wrong
    ("holdout2", 0.80, 0.93, 0.90, 0.98),  # 0.94/0.91 until session 7: its 来论 is a kicker, here a column name
    ("holdout3", 0.96, 0.99, 0.98, 0.98),
    # held back until session 6 (first runs: real4 61.1/47.1/61.5/42.4, holdout4 56.0/78.2/79.8/85.0)
    ("real4", 0.77, 0.76, 0.76, 0.78),
    ("holdout4", 0.80, 0.95, 0.94, 0.94),
    # held back until session 6 (first runs: real5 61.1/30.0/27.3/25.0, holdout5 59.1/84.8/88.6/83.1)
    ("real5", 0.72, 0.77, 0.63, 0.82),
    ("holdout5", 0.86, 0.98, 0.97, 0.95),
    ("real3", 0.85, 0.85, 0.81, 0.93),
    # held back until late in session 6 (first run 77.8/50.0/50.0/60.7)
    ("real6", 0.88, 0.86, 0.83, 0.85),
    # seed-style pages by a seventh author, held back until late in session 6 (first run 68.0/94.6/95.5/98.5)
    ("holdout6", 1.00, 0.99, 1.00, 1.00),
    # and an eighth (first run 95.0/97.5/96.3/98.8: the acceptance figures held before any fix)
    ("holdout7", 1.00, 1.00, 1.00, 1.00),
    # held back until session 7 (first runs: holdout8 80.0/88.0/90.0/92.3, real7 77.8/41.2/38.9/50.0,
    # holdout9 76.0/91.3/93.1/98.0, real8 66.7/44.4/52.2/51.4, real9 44.4/31.0/37.5/55.9, holdout10 60.0/74.1/82.5/86.5)
    ("holdout8", 0.96, 1.00, 0.98, 1.00),
    ("holdout9", 0.96, 0.99, 0.99, 0.99),
    ("holdout10", 0.92, 0.96, 0.97, 0.93),
    ("real7", 0.88, 0.88, 0.83, 0.83),
    ("real8", 0.88, 0.90, 0.82, 0.85),
    ("real9", 0.77, 0.68, 0.70, 0.82),
    # and late in session 7 (first runs: real10 66.7/40.0/35.3/45.5, holdout11 92.0/100/100/98.1)
    ("real10", 0.83, 0.88, 0.94, 0.81),
    ("holdout11", 0.96, 0.99, 0.99, 0.99),  # (1.00/1.00 until session 11: its 以案说法 set apart is a kicker)
    # the last two of session 7 (first runs: real11 44.4/34.5/43.5/82.6, holdout12 88.0/91.8/94.4/92.7)
    ("real11", 0.61, 0.58, 0.73, 0.91),  # (0.60 headline precision until session 11: a truncated source line)
    ("holdout12", 0.96, 0.97, 0.97, 0.95),
    # session 8's held-back sets (first runs: real12 44.4/29.4/45.5/56.5, holdout13 76.0/95.6/98.2/94.7)
    ("real12", 0.61, 0.53, 0.72, 0.86),
    ("holdout13", 0.88, 0.99, 0.99, 0.97),
    # (first runs: holdout14 72.0/94.7/90.9/91.8 with 4 characters lost, real13 50.0/28.0/24.1/40.6)
    ("holdout14", 0.92, 0.98, 0.98, 0.96),
    ("real13", 0.77, 0.79, 0.79, 0.81),
    # (first run: real14 53.8/27.8/31.2/50.0, 13 pages)
    ("real14", 0.69, 0.61, 0.68, 0.78),
    # (first run: holdout15 64.0/81.4/83.0/93.0)
    ("holdout15", 0.92, 0.95, 0.95, 0.97),
    # session 9's held-back sets (first runs: holdout16 44.0/78.7/70.5/88.4, real15 66.7/55.0/44.0/42.9,
    # real16 62.5/78.3/58.1/28.6, holdout17 60.0/64.2/59.6/69.8)
    ("holdout16", 0.80, 0.97, 0.94, 0.98),
    ("real15", 0.77, 0.76, 0.64, 0.85),
    ("real16", 0.75, 0.78, 0.70, 0.92),
    ("holdout17", 0.88, 0.92, 0.92, 0.93),
    # session 10's held-back sets (first runs: real17 44.4/38.1/36.4/33.3, holdout18 56.0/79.0/73.5/77.3)
    ("real17", 0.55, 0.76, 0.72, 0.66),
    ("holdout18", 0.92, 0.99, 0.98, 0.97),
    # made after most of session 10's fixes (first runs: real18 66.7/65.0/76.5/55.6, holdout19 56.0/72.2/70.9/85.4 with
    # 22 characters lost)
    ("real18", 0.72, 0.84, 0.94, 0.77),
    ("holdout19", 0.72, 0.92, 0.86, 0.95),
    # made while session 10's last fixes went in, measured after all of them (first runs: real19 55.6/68.4/72.2/52.6,
    # holdout20 60.0/77.8/76.4/86.2)
    ("real19", 0.55, 0.83, 0.83, 0.73),
    ("holdout20", 0.72, 0.94, 0.90, 0.95),
    # made at session 10's very end, after every fix (first runs: real20 61.1/53.3/57.1/66.7, holdout21
    # 76.0/86.7/79.4/86.0); their families fixed in session 11
    ("real20", 0.77, 1.00, 0.92, 0.86),
    ("holdout21", 0.84, 0.98, 0.90, 0.93),
    # session 11's held-back sets (first runs: real21 75.0/60.0/60.0/80.0, 12 pages of 12 papers)
    ("real21", 0.75, 0.80, 0.80, 0.90),
    # (first run: holdout22 52.0/74.0/78.3/81.4, measured after the first two fixes of session 11)
    ("holdout22", 0.64, 0.88, 0.89, 0.90),
    # (first run: real22 57.1/63.6/58.3/40.0, 7 pages of 7 papers, measured after session 11's fixes to 14:25)
    ("real22", 0.85, 0.75, 0.75, 0.60),
    # (first run: holdout23 60.0/94.7/93.1/91.2, measured after session 11's fixes to 14:22)
    ("holdout23", 0.80, 0.98, 0.94, 0.95),
    # (first run: holdout24 65.0/93.3/95.4/91.8, 20 pages, measured after session 11's fixes to 14:45)
    ("holdout24", 0.80, 1.00, 1.00, 0.97),
    # session 12's held-back sets (first runs, before any of its fixes: real23 80.0/33.3/25.0/100, 5 pages of 5 papers
    # with one record each; holdout25 35.0/77.9/79.6/79.8, 20 pages)
    ("real23", 0.80, 0.66, 0.50, 1.00),
    ("holdout25", 0.80, 0.96, 0.94, 0.90),
    # (first run: holdout26 35.0/75.5/78.7/83.1, 20 pages, made while session 12's fixes went in and measured after
    # those to 18:10)
    ("holdout26", 0.75, 0.91, 0.89, 0.90),
])
def test_real_pages_do_not_fall_below_what_was_measured(scores: dict[str, object], name: str, count: float,
                                                        precision: float, recall: float, people: float) -> None:
    """Floors at the figures measured when the segmentation landed (README); raise them as it improves."""
    score = scores[name]
    assert score.count_exact >= count and score.people_right >= people, score.summary()
    assert score.headline_precision >= precision and score.headline_recall >= recall, score.summary()


def test_the_rmrb_pages_are_made_from_their_source_by_the_script(tmp_path) -> None:
    """tests/data/segmentation/rmrb/ is exactly what make_rmrb_pages.py lays out from rmrb_source/."""
    import shutil
    import subprocess

    work = tmp_path / "segmentation"
    shutil.copytree(REPO / "tests" / "data" / "segmentation" / "rmrb_source", work / "rmrb_source")
    shutil.copy(REPO / "tests" / "data" / "segmentation" / "make_rmrb_pages.py", work / "make_rmrb_pages.py")
    subprocess.run([sys.executable, str(work / "make_rmrb_pages.py")], check=True, capture_output=True, timeout=60)
    made = {p.name: p.read_bytes() for p in (work / "rmrb").iterdir()}
    kept = {p.name: p.read_bytes() for p in (REPO / "tests" / "data" / "segmentation" / "rmrb").iterdir()}
    assert made == kept
