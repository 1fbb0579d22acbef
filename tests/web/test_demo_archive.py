"""The demo archive (webapp/demo_pages/, with the invented pages of sample/): big enough to show
the site, marked as sample data, regenerated exactly by its script, and the README's query
examples find something in it."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from indexer import parse_file
from webapp.server import DEMO_PAGES

SAMPLE = DEMO_PAGES / "sample"
REPO = Path(__file__).resolve().parents[2]
GAZETTEER = REPO / "indexer" / "newspaper" / "data" / "gazetteer_jiaozuo.json"
HEADER = re.compile(r"^焦作日报 \| (\d{4})年(\d{1,2})月(\d{1,2})日 星期([一二三四五六日]) \| 第(\d+)版 \S+$")


def _records():
    return [r for page in sorted(DEMO_PAGES.rglob("*.txt")) for r in parse_file(page).records]


def test_the_demo_archive_has_hundreds_of_records_over_years_and_every_region():
    records = _records()
    gazetteer = json.loads(GAZETTEER.read_text("utf-8"))
    regions = {r["name"] for r in gazetteer["regions"]} | {gazetteer["city"]["name"]}
    years = Counter(r.pub_date[:4] for r in records if r.pub_date)
    assert len(records) >= 300
    assert len(years) >= 4 and all(n >= 20 for n in years.values()), years
    assert regions <= {r.region for r in records}, regions - {r.region for r in records}
    assert {r.kind for r in records} == {"article", "caption"}
    assert sum(r.section == "时评" for r in records) >= 10  # commentary columns
    assert len({r.pub_date[:7] for r in records if r.pub_date}) >= 40  # a calendar with many months


def test_sample_pages_are_marked_dated_and_hold_three_to_seven_records():
    pages = sorted(SAMPLE.glob("*.txt"))
    assert len(pages) >= 60
    assert "invented for the demo" in (SAMPLE / "README.md").read_text("utf-8")
    for page in pages:
        assert page.name.endswith("_示例数据.txt"), page.name
        match = HEADER.match(page.read_text("utf-8").splitlines()[0])
        assert match, page.name
        year, month, day, weekday, number = match.groups()
        date = dt.date(int(year), int(month), int(day))
        assert "一二三四五六日"[date.weekday()] == weekday, page.name
        assert date.isoformat() in page.name
        parsed = parse_file(page)
        assert 3 <= len(parsed.records) <= 7, (page.name, len(parsed.records))
        assert all(r.pub_date == date.isoformat() and r.page.startswith(f"第{number}版") for r in parsed.records)


def test_sample_pages_are_not_copies_of_the_test_data():
    test_lines = {line.strip() for path in (REPO / "tests" / "data").rglob("*") if path.is_file()
                  and path.suffix in {".txt", ".jsonl", ".json", ".md"}
                  for line in path.read_text("utf-8", errors="replace").splitlines() if len(line.strip()) >= 20}
    sample_lines = {line.strip() for page in SAMPLE.glob("*.txt")
                    for line in page.read_text("utf-8").splitlines() if len(line.strip()) >= 20}
    assert not sample_lines & test_lines


def test_the_script_regenerates_the_sample_pages_exactly(tmp_path):
    subprocess.run([sys.executable, str(SAMPLE / "make_sample.py"), str(tmp_path)], check=True, capture_output=True)
    made = {p.name: p.read_text("utf-8") for p in tmp_path.glob("*.txt")}
    shipped = {p.name: p.read_text("utf-8") for p in SAMPLE.glob("*.txt")}
    assert made == shipped


def test_ingest_passes_over_the_folder_readme_and_scripts():
    from indexer.index.ingest import iter_input_files

    names = [Path(path).name for path, _, _ in iter_input_files([str(DEMO_PAGES)])]
    assert "README.md" not in names and "make_sample.py" not in names and "texts.py" not in names
    assert len(names) == len(list(DEMO_PAGES.rglob("*.txt")))


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory) -> Path:
    from indexer import ingest

    index_dir = tmp_path_factory.mktemp("demo_index")
    report = ingest([str(DEMO_PAGES)], str(index_dir))
    assert not report.skipped and report.records_added >= 300
    return index_dir


README_EXAMPLES = ["巡察 市科技局", "吕沛 OR 官卫红", "科技 -巡察", "科技 NOT 巡察", '"焦作 日报"', "(吕沛 OR 官卫红) 项目",
                   "标题:巡察", "title:巡察", "记者:徐金华", "记者:徐金", "摄影:秦建设", "通讯员:牛志刚", "地区:温县",
                   "栏目:时评", "类型:图片", "kind:caption", "日期:2021-11", "date:2021-11-01..2021-11-30", "日期:2021..",
                   "日期:..2020-06", "ＳＯＥＣ９２４４", "焦作日報", "建光", "924"]


@pytest.mark.parametrize("query", README_EXAMPLES)
def test_the_readme_query_examples_find_something_in_the_demo(demo_index, query):
    from indexer import Archive, SearchQuery, search

    assert search(Archive(str(demo_index)), SearchQuery(q=query)).total > 0, query


def test_traditional_characters_find_the_simplified_paper_name(demo_index):
    from indexer import Archive, SearchQuery, search

    archive = Archive(str(demo_index))
    assert search(archive, SearchQuery(q="焦作日報")).total == search(archive, SearchQuery(q="焦作日报")).total >= 3
