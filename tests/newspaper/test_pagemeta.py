"""Page metadata: header block, file-name date, manifest, inferred date, and their priority."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.errors import InvalidInput
from indexer.newspaper.pagemeta import (
    date_from_filename,
    infer_pub_date,
    load_manifest,
    merge_meta,
    meta_for_file,
    normalize_date,
    parse_header,
)
from indexer.newspaper.parse import parse_file, parse_page
from indexer.records import PageMeta
from helpers import PAGES



@pytest.mark.parametrize(
    ("lines", "meta", "used"),
    [
        (["焦作日报", "2023年3月15日 星期三", "第1版 要闻", "", "# 标题"], PageMeta("焦作日报", "2023-03-15", "header", "第1版 要闻"), 3),
        (["", "焦作日报 | 2023年3月15日 星期三 | 第01版：要闻", "标题"], PageMeta("焦作日报", "2023-03-15", "header", "第01版 要闻"), 2),
        (["# 焦作日报", "2023 年 3 月 5 日（星期日）", "正文"], PageMeta("焦作日报", "2023-03-05", "header", None), 2),
        (["焦作日报", "第3版 修武新闻", "修武县召开推进会"], PageMeta("焦作日报", None, None, "第3版 修武新闻"), 2),
        # an older page's date in Chinese numerals (microfilm exports print it so)
        (["焦作日报 一九八五年三月十二日 第 2 版 综合", "", "全市春季植树造林动员大会召开"],
         PageMeta("焦作日报", "1985-03-12", "header", "第2版 综合"), 1),
        (["焦作日报", "一九九〇年十月二十一日　星期日", "第四版"], PageMeta("焦作日报", "1990-10-21", "header", "第四版"), 3),
        # a masthead of several lines: the lunar date by its cyclical year, the organ line, the number of pages
        (["焦作日报", "JIAOZUO RIBAO", "2001年2月6日　星期二　辛巳年正月十四", "中共焦作市委机关报　第1版", "", "标题"],
         PageMeta("焦作日报", "2001-02-06", "header", "第1版"), 4),
        # microfilm OCR: digits read as letters or set apart ("l985", "1O月", "1 9 8 6年")
        (["焦 作 日 报", "l987年1O月9日 星期五", "农历丁卯年八月十七 今日四版", "第 1 版", "", "标题"],
         PageMeta("焦作日报", "1987-10-09", "header", "第1版"), 4),
        (["焦 作 日 报         1 9 8 6年1O月8日   星期三", "", "标题"], PageMeta("焦作日报", "1986-10-08", "header", None), 1),
    ],
)
def test_header_block(lines: list[str], meta: PageMeta, used: int) -> None:
    assert parse_header(lines) == (meta, used)


@pytest.mark.parametrize(
    "lines",
    [
        ["市委书记听取工作汇报", "本报讯"],  # a headline ending in 报 is no paper name
        ["2023年2月30日 星期三"],  # impossible date
        ["一九八五年二月三十日"],  # impossible date in Chinese numerals
        ["# 市委第四巡察组巡察市科技局党组情况反馈会召开"],
        [],
    ],
)
def test_no_header(lines: list[str]) -> None:
    assert parse_header(lines) == (None, 0)


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("jzrb_2023-03-15_p1.txt", "2023-03-15"),
        ("pages/20230315-01.txt", "2023-03-15"),
        ("2023_3_5.txt", "2023-03-05"),
        ("000_26f9c0bf5d7a20f6.txt", None),
        ("20231345.txt", None),
        ("page_123456789.txt", None),
    ],
)
def test_date_from_filename(name: str, date: str | None) -> None:
    assert date_from_filename(name) == date


@pytest.mark.parametrize(
    ("text", "date"),
    [("2023-03-15", "2023-03-15"), ("2023/3/5", "2023-03-05"), ("20230315", "2023-03-15"), ("2023年3月15日", "2023-03-15"), ("15.3.2023", None), ("2023-02-30", None)],
)
def test_normalize_date(text: str, date: str | None) -> None:
    assert normalize_date(text) == date


def test_manifest_csv_and_json(tmp_path: Path) -> None:
    csv_path = tmp_path / "m.csv"
    csv_path.write_text("file,date,page,paper\np1.txt,2023-03-15,第2版 科技,焦作日报\np2.txt,,3,\n", encoding="utf-8")
    manifest = load_manifest(csv_path)
    assert manifest.lookup("p1.txt") == PageMeta("焦作日报", "2023-03-15", "manifest", "第2版 科技")
    assert manifest.lookup("some/dir/p1.txt") == manifest.lookup("p1.txt")
    assert manifest.lookup("p2.txt") == PageMeta(None, None, None, "3")
    assert manifest.lookup("p3.txt") is None
    for data in ({"p1.txt": {"date": "2023/3/15", "page": "2"}}, [{"file": "p1.txt", "pub_date": "20230315", "page": "2"}]):
        json_path = tmp_path / "m.json"
        json_path.write_text(json.dumps(data), encoding="utf-8")
        assert load_manifest(json_path).lookup("p1.txt") == PageMeta(None, "2023-03-15", "manifest", "2")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.csv", "file,date\np1.txt,yesterday\n", "bad date"),
        ("m.csv", "date,page\n2023-03-15,1\n", "no file name"),
        ("m.json", "{not json", "bad JSON"),
        ("m.json", '"p1.txt"', "expected an object"),
        ("m.json", '[{"file": "p1.txt"}, 3]', "every entry"),
    ],
)
def test_bad_manifest_is_invalid_input(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        load_manifest(path)


def test_missing_manifest_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="manifest"):
        load_manifest(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("seed", "date"), [("000_26f9c0bf5d7a20f6.txt", "2022-07-26"), ("004_16b43a71a00cea4c.txt", "2021-11-13")]
)
def test_infer_on_the_seeds(seed: str, date: str) -> None:
    assert infer_pub_date((PAGES / seed).read_text(encoding="utf-8")) == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("3月14日,2023年春耕开始。3月12日…", "2023-03-14"),
        ("新华社北京3月14日电 2023年全国两会闭幕", "2023-03-14"),
        ("12月3日,示范区召开2024年项目谋划会。2023年以来,该区…", "2023-12-03"),  # late-year page planning next year
        ("6月3日,2024年预算执行情况良好。", "2024-06-03"),  # mid-year: 预算 is this year's
        ("今年以来…2021年以来累计…2022年,今年截至目前…。7月1日…", "2022-07-01"),
        ("7月26日上午召开会议。", None),  # no year anywhere
        ("2022年的计划。", None),  # no month-day
        ("2月29日,2023年…", "2023-02-28"),  # not a leap year: clamp to a real day
        ("", None),
    ],
)
def test_infer_rule(text: str, date: str | None) -> None:
    assert infer_pub_date(text) == date


def test_merge_meta_takes_fields_in_priority_order() -> None:
    header = PageMeta(paper="焦作日报", pub_date=None, page="第1版 要闻")
    name = PageMeta(pub_date="2023-03-16", pub_date_source="filename")
    manifest = PageMeta(paper="晚报", pub_date="2023-01-01", pub_date_source="manifest", page="1")
    assert merge_meta(header, name, manifest) == PageMeta("焦作日报", "2023-03-16", "filename", "第1版 要闻")
    assert merge_meta(None, manifest) == manifest


PAGE_WITH_HEADER = "焦作日报\n2023年3月15日 星期三\n第1版 要闻\n\n# 标题\n\n本报讯(记者徐金华)7月26日上午,2022年会议召开。\n"
PAGE_NO_HEADER = "# 标题\n\n本报讯(记者徐金华)7月26日上午,2022年会议召开。\n"


@pytest.mark.parametrize(
    ("name", "content", "manifest_date", "expected"),
    [
        ("20230320.txt", PAGE_WITH_HEADER, "2023-01-01", ("2023-03-15", "header")),
        ("20230320.txt", PAGE_NO_HEADER, "2023-01-01", ("2023-03-20", "filename")),
        ("page.txt", PAGE_NO_HEADER, "2023-01-01", ("2023-01-01", "manifest")),
        ("page.txt", PAGE_NO_HEADER, None, ("2022-07-26", "inferred")),
    ],
)
def test_date_priority_header_filename_manifest_inferred(
    tmp_path: Path, name: str, content: str, manifest_date: str | None, expected: tuple[str, str]
) -> None:
    page = tmp_path / name
    page.write_text(content, encoding="utf-8")
    manifest_path = tmp_path / "m.csv"
    manifest_path.write_text(f"file,date,page\n{name},{manifest_date or ''},9\n", encoding="utf-8")
    parsed = parse_file(page, manifest=load_manifest(manifest_path))
    assert (parsed.meta.pub_date, parsed.meta.pub_date_source) == expected
    assert {(r.pub_date, r.pub_date_source) for r in parsed.records} == {expected}
    assert parsed.meta.page == ("第1版 要闻" if content is PAGE_WITH_HEADER else "9")


def test_meta_for_file_and_parse_page_meta() -> None:
    meta = meta_for_file("scans/2023-03-15.txt")
    assert meta == PageMeta(None, "2023-03-15", "filename", None)
    parsed = parse_page(PAGE_NO_HEADER, "x.txt", meta=meta)
    assert parsed.meta == PageMeta("焦作日报", "2023-03-15", "filename", None)


@pytest.mark.parametrize(("line", "paper", "page"), [
    ("济宁晚报2013年3月", "济宁晚报", None),
    ("第7B版:社区上一版下一版上一篇下一篇", None, "第7B版 社区"),
    ("二版:综合新闻总第880期 >2011-12-23编印", None, "二版 综合新闻"),
    ("第03版:城 事 PDF版阅读", None, "第03版 城事"),
])
def test_e_paper_header_lines_of_other_papers(line: str, paper: str | None, page: str | None) -> None:
    from indexer.newspaper.pagemeta import parse_header
    meta, used = parse_header([line, "", "正文第一段。"])
    assert used == 1 and meta is not None and (meta.paper, meta.page) == (paper, page)


def test_a_masthead_with_its_issue_number_and_serial() -> None:
    from indexer.newspaper.pagemeta import parse_header
    meta, used = parse_header(["焦作日报", "JIAOZUO DAILY", "2004年1月16日 星期五 农历癸未年十二月廿五",
                               "今日8版 第18123期 国内统一刊号CN41-0045", "", "全市经济工作会议提出"])
    assert used == 4 and meta is not None and (meta.paper, meta.pub_date) == ("焦作日报", "2004-01-16")


def test_a_first_line_with_the_paper_and_a_date_is_a_header_whatever_else_it_holds() -> None:
    from indexer.newspaper.pagemeta import parse_header
    meta, used = parse_header(["焦作日报 2023年5月18日 星期四 城区新闻 A叠 彩色", "", "解放区启动老旧小区改造"])
    assert used == 1 and meta is not None and (meta.paper, meta.pub_date) == ("焦作日报", "2023-05-18")
    assert parse_header(["焦作日报2023年5月18日报道，我市新增就业岗位1.2万个。", "", "正文"]) == (None, 0)


@pytest.mark.parametrize(("line", "pub_date", "staff"), [
    ("2018年11月6日 星期二   本版编辑 刘 洋", "2018-11-06", (("本版编辑", "刘洋"),)),
    ("山阳 副刊   2017年9月12日  星期二", "2017-09-12", ()),
])
def test_header_lines_with_a_staff_name_or_a_page_name_set_with_spaces(line: str, pub_date: str, staff: tuple) -> None:
    from indexer.newspaper.pagemeta import parse_header, staff_in
    meta, used = parse_header([line, "", "", "市人大常委会开展食品安全法执法检查"])
    assert used == 1 and meta is not None and meta.pub_date == pub_date and staff_in([line]) == staff
