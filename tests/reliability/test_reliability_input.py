"""Bad input: a directory of good pages mixed with every kind of bad file.

``baokan ingest`` (a real process) must ingest every good page, name every bad file on
one line with a reason, exit with status 3 (something skipped), and never print a
traceback.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from helpers import PAGES, SEED_NAMES, parse_records, run_baokan, search_json, seed_text, stats_json, variant

BIG_MB = 50


def _write_bytes_name(directory: Path, name: bytes, data: bytes) -> None:
    """Create a file whose name is arbitrary bytes (not necessarily valid UTF-8)."""
    fd = os.open(os.path.join(os.fsencode(directory), name), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _drop_root_read_override() -> list[str] | None:
    """A command prefix under which root cannot read a mode-000 file, or None if we cannot get one.

    chmod 000 does not stop root (CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH); ``setpriv`` drops
    those two capabilities from the bounding set, so the exec'd ``baokan`` gets EACCES like
    any unprivileged operator would.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The mixed directory and what each bad file should be reported as."""
    d = tmp_path_factory.mktemp("bad_input") / "pages"
    d.mkdir()
    good: list[str] = []
    for name in SEED_NAMES:
        shutil.copy(PAGES / name, d / name)
        good.append(name)
    # good content in other encodings: must be ingested, not skipped
    (d / "utf16bom_2021-12-01_01.txt").write_bytes(b"\xff\xfe" + variant(seed_text(1), "UTF十六").encode("utf-16-le"))
    good.append("utf16bom_2021-12-01_01.txt")
    (d / "gbk_2021-12-02_01.txt").write_bytes(variant(seed_text(0), "国标码").encode("gb18030"))
    good.append("gbk_2021-12-02_01.txt")

    bad: dict[str, str] = {}  # file name as printed -> a word its reason must contain
    (d / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "空文件"
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    bad["photo.txt"] = "PNG"
    (d / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + os.urandom(4096))
    bad["scan.pdf"] = "PDF"
    (d / "latin1_junk.txt").write_bytes(b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xff\xfe\xfd\x80\x81" * 200)
    bad["latin1_junk.txt"] = "编码的文本"
    seed = seed_text(0).encode("utf-8")
    (d / "nul_2021-12-03_01.txt").write_bytes(seed[:3000] + b"\x00" * 64 + seed[3000:])
    bad["nul_2021-12-03_01.txt"] = "NUL"
    line = ("焦作日报" * 4096).encode("utf-8")  # one line, no newline anywhere
    with open(d / "huge_one_line.txt", "wb") as fh:
        for _ in range(BIG_MB * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    bad["huge_one_line.txt"] = "文件过大"
    os.symlink("selfloop.txt", d / "selfloop.txt")  # a symlink pointing at itself: ELOOP
    bad["selfloop.txt"] = "符号链接循环"
    os.symlink("..", d / "loop_to_parent")  # a directory symlink loop: must not trap the walk
    # a non-UTF-8 file name (binary content, so its own fate does not depend on the name bug below)
    _write_bytes_name(d, b"\xff\xfe_photo.txt", b"GIF89a" + os.urandom(512))
    bad["\ufffd\ufffd_photo.txt"] = "GIF"
    # no read permission
    (d / "secret_2021-12-04_01.txt").write_text(seed_text(1), "utf-8")
    os.chmod(d / "secret_2021-12-04_01.txt", 0)
    prefix = _drop_root_read_override()
    if prefix is not None:
        bad["secret_2021-12-04_01.txt"] = "权限"
    # nothing but boilerplate: not an error, but named with its reason ("无记录 …")
    (d / "boilerplate_2021-12-05_01.txt").write_text("扫一扫 关注我们\n\n扫一扫 关注我们\n", "utf-8")

    index_dir = d.parent / "index"
    started = time.monotonic()
    proc = run_baokan("ingest", str(d), "--index-dir", str(index_dir), "--workers", "2",
                      prefix=prefix or (), timeout=300)
    elapsed = time.monotonic() - started
    return {"dir": d, "index": index_dir, "good": good, "bad": bad, "proc": proc, "elapsed": elapsed,
            "eacces_tested": prefix is not None}


def test_exit_status_3_and_no_traceback(bad_dir: dict) -> None:
    proc = bad_dir["proc"]
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode == 3, proc.stderr


def test_every_good_page_is_ingested(bad_dir: dict) -> None:
    d: Path = bad_dir["dir"]
    expected = parse_records([d / name for name in bad_dir["good"]])
    assert set(expected) == set(bad_dir["good"])
    stats = stats_json(bad_dir["index"])
    assert stats["records"] == sum(len(v) for v in expected.values())
    for marker, source in (("UTF十六", "utf16bom_2021-12-01_01.txt"), ("国标码", "gbk_2021-12-02_01.txt")):
        found = search_json(bad_dir["index"], marker)
        assert found["total"] >= 1 and {h["source"] for h in found["hits"]} == {source}, found["hits"]
    # the seeds are findable by their own words
    assert search_json(bad_dir["index"], "官卫红")["total"] >= 1
    assert search_json(bad_dir["index"], '"市委第四巡察组"')["total"] >= 1


def test_every_bad_file_is_named_with_a_one_line_reason(bad_dir: dict) -> None:
    lines = bad_dir["proc"].stderr.splitlines()
    skipped = [ln for ln in lines if ln.startswith("跳过 ")]
    for name, reason_word in bad_dir["bad"].items():
        mine = [ln for ln in skipped if ln.split(": ", 1)[0].endswith("/" + name)]
        assert len(mine) == 1, (name, skipped)
        reason = mine[0].split(": ", 1)[1]
        assert reason_word.lower() in reason.lower(), (name, reason)
        assert "内部错误" not in reason, mine[0]
    assert len(skipped) == len(bad_dir["bad"]), skipped
    assert any(ln.startswith("无记录 ") and "boilerplate_2021-12-05_01.txt" in ln for ln in lines), lines


def test_no_good_file_is_reported_bad(bad_dir: dict) -> None:
    text = bad_dir["proc"].stderr
    for name in bad_dir["good"]:
        assert f"/{name}:" not in text, name


def test_symlink_loop_does_not_duplicate_or_hang(bad_dir: dict) -> None:
    stats = stats_json(bad_dir["index"])
    expected = parse_records([bad_dir["dir"] / n for n in bad_dir["good"]])
    assert stats["records"] == sum(len(v) for v in expected.values())  # nothing ingested twice via the loop
    assert bad_dir["elapsed"] < 120, bad_dir["elapsed"]


def test_huge_file_is_skipped_quickly(tmp_path: Path) -> None:
    """The 50 MB one-line file alone: a clear reason, in seconds (not parsed)."""
    d = tmp_path / "big"
    d.mkdir()
    with open(d / "huge.txt", "wb") as fh:
        chunk = b"x" * (1024 * 1024)
        for _ in range(BIG_MB):
            fh.write(chunk)
    started = time.monotonic()
    proc = run_baokan("ingest", str(d / "huge.txt"), "--index-dir", str(tmp_path / "ix"), timeout=120)
    elapsed = time.monotonic() - started
    assert proc.returncode == 3, proc.stderr
    assert "文件过大" in proc.stderr and "Traceback" not in proc.stderr
    assert elapsed < 60, elapsed


def test_unreadable_file_reports_permission(bad_dir: dict) -> None:
    if not bad_dir["eacces_tested"]:
        pytest.skip("running as root without setpriv: chmod 000 does not stop root, so EACCES cannot be produced")
    line = [ln for ln in bad_dir["proc"].stderr.splitlines() if "secret_2021-12-04_01.txt" in ln]
    assert line and line[0].startswith("跳过 ") and "没有读取权限" in line[0], line


def test_rerun_is_idempotent(bad_dir: dict, tmp_path: Path) -> None:
    """The same bad directory again: nothing added, same bad files named, same exit status."""
    before = stats_json(bad_dir["index"])["records"]
    proc = run_baokan("ingest", str(bad_dir["dir"]), "--index-dir", str(bad_dir["index"]), "--json", timeout=300,
                      prefix=_drop_root_read_override() or ())
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert report["records_added"] == 0 and report["records_updated"] == 0 and report["records_removed"] == 0
    assert report["files_unchanged"] >= len(bad_dir["good"])
    assert len(report["skipped"]) == len(bad_dir["bad"])
    assert stats_json(bad_dir["index"])["records"] == before


def test_rerun_counts_recordless_page_as_unchanged(tmp_path: Path) -> None:
    import json

    d = tmp_path / "pages"
    d.mkdir()
    (d / "boilerplate_2021-12-05_01.txt").write_text("扫一扫 关注我们\n\n扫一扫 关注我们\n", "utf-8")
    shutil.copy(PAGES / SEED_NAMES[1], d / SEED_NAMES[1])
    first = run_baokan("ingest", str(d), "--index-dir", str(tmp_path / "ix"), "--json")
    assert first.returncode == 0, first.stderr
    again = run_baokan("ingest", str(d), "--index-dir", str(tmp_path / "ix"), "--json")
    report = json.loads(again.stdout)
    assert report["files_indexed"] == 0 and report["files_unchanged"] == 2, report


def test_good_page_with_non_utf8_name_is_ingested(tmp_path: Path) -> None:
    d = tmp_path / "pages"
    d.mkdir()
    _write_bytes_name(d, b"\xff\xfe_2021-11-20_01.txt", (PAGES / SEED_NAMES[1]).read_bytes())
    proc = run_baokan("ingest", str(d), "--index-dir", str(tmp_path / "ix"))
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    expected = parse_records([PAGES / SEED_NAMES[1]])
    assert stats_json(tmp_path / "ix")["records"] == len(expected[SEED_NAMES[1]])
