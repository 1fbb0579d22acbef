"""`baokan parse` as a user runs it: JSON Lines out, one clear line per unreadable file, no traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DATA
from helpers import PAGES as PAGE_DIR
from helpers import REPO as ROOT

PAGES = sorted(PAGE_DIR.glob("*.txt"))


def baokan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "indexer.cli", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_parse_json_prints_every_golden_record() -> None:
    result = baokan("parse", *map(str, PAGES), "--json")
    assert result.returncode == 0, result.stderr
    got = [json.loads(line) for line in result.stdout.splitlines()]
    expected = []
    for page in PAGES:
        lines = (DATA / (page.stem + ".expected.jsonl")).read_text(encoding="utf-8").splitlines()
        expected.extend(json.loads(line) for line in lines)
    assert got == expected
    assert {"id", "kind", "title", "section", "byline", "reporters", "correspondents", "photographers", "body", "captions",
            "region", "pub_date", "pub_date_source", "source", "page", "paper"} <= set(got[0])


def test_debug_reports_dropped_parts_on_stderr() -> None:
    result = baokan("parse", str(PAGE_DIR / "000_26f9c0bf5d7a20f6.txt"), "--json", "--debug")
    assert result.returncode == 0
    assert 'dropped\t000_26f9c0bf5d7a20f6.txt\t"扫一扫 关注我们"' in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "空文件"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制文件（PNG image）"),
        ("nul.txt", "本报讯".encode() + b"\x00\x00\x01", "二进制文件（NUL 字节）"),
    ],
)
def test_unreadable_file_is_one_clear_line(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = baokan("parse", str(path), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    expected = f"{reason}，不是版面文本" if reason.startswith("二进制") else reason
    assert result.stderr.splitlines() == [f"baokan: {path}: {expected}"]
    assert "Traceback" not in result.stderr


def test_good_files_still_print_when_one_is_bad(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = baokan("parse", str(missing), str(PAGE_DIR / "004_16b43a71a00cea4c.txt"), "--json")
    assert result.returncode != 0
    assert len(result.stdout.splitlines()) == 13
    assert result.stderr.splitlines() == [f"baokan: {missing}: 文件不存在"]


def test_bad_gazetteer_and_manifest_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    for option in ("--gazetteer", "--manifest"):
        result = baokan("parse", str(PAGES[0]), "--json", option, str(bad))
        assert result.returncode != 0 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and str(bad) in result.stderr and "Traceback" not in result.stderr


def test_manifest_gives_the_date_of_an_undated_page(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,date,page,paper\n000_26f9c0bf5d7a20f6.txt,2022-07-27,第3版 科技视界,焦作日报\n", encoding="utf-8")
    result = baokan("parse", str(PAGE_DIR / "000_26f9c0bf5d7a20f6.txt"), "--json", "--manifest", str(manifest))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["pub_date"], r["pub_date_source"], r["page"]) for r in records} == {("2022-07-27", "manifest", "第3版 科技视界")}


def test_explain_prints_every_line_with_its_role_and_reason(tmp_path: Path) -> None:
    page = tmp_path / "briefs.txt"
    page.write_text("简讯\n\n市民点赞“口袋公园”\n\n本报讯 昨日，我市新建的口袋公园正式开放。\n\n"
                    "温县举办太极拳比赛\n\n3月14日，温县在陈家沟举办太极拳比赛。\n", encoding="utf-8")
    result = baokan("parse", "--explain", str(page))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("== briefs.txt: 2 records")
    roles = [line.split()[:2] for line in lines[1:] if not line.lstrip().startswith("└")]
    assert roles == [["1", "section"], ["3", "headline"], ["5", "byline"], ["7", "headline"], ["9", "body"]]
    reasons = [line.strip() for line in lines if line.lstrip().startswith("└")]
    assert "the text below opens like a news lead" in reasons[3] and "(+" in reasons[3]
