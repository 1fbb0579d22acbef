"""Reading page files: encodings in, one clear UnreadableFile out for everything else."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.newspaper import textio
from indexer.errors import UnreadableFile
from indexer.newspaper.textio import decode_page_bytes, read_page_file

PAGE = "# 我市新增国家高新技术企业126家\n\n本报讯（记者 王晓东）3月14日，记者从市科技局获悉。\n"


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8"),
        b"\xef\xbb\xbf" + PAGE.encode("utf-8"),
        PAGE.encode("utf-16"),  # with BOM
        b"\xfe\xff" + PAGE.encode("utf-16-be"),
        PAGE.encode("gb18030"),
        PAGE.encode("gbk"),
        PAGE.replace("\n", "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode("utf-8"),
        PAGE.replace("\n", "\r").encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "gb18030", "gbk", "crlf", "bom-crlf", "cr-gb18030"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_page_bytes(data, "p.txt") == PAGE


def test_utf8_cut_inside_the_last_character_keeps_the_whole_ones() -> None:
    assert decode_page_bytes(PAGE.encode("utf-8") + "焦".encode("utf-8")[:2], "p.txt") == PAGE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "空文件"),
        (b" \n\r\n\t", "空白版面"),
        (b"\xef\xbb\xbf", "空"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        ("本报讯".encode() + b"\x00\x01\x02", "NUL 字节"),
        (b"abc" + b"\x01\x02\x03\x04\x05" * 20, "控制字符"),
        (b"\x81\x30\xff\xfe\xfd" * 10, "编码的文本"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "pdf", "jpeg", "zip", "nul", "controls", "undecodable"],
)
def test_bad_content_is_unreadable_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile) as info:
        decode_page_bytes(data, "bad.txt")
    assert reason in info.value.reason
    assert str(info.value).startswith("bad.txt: ") and "\n" not in str(info.value)


def test_read_page_file_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(PAGE.encode("gb18030"))
    assert read_page_file(path) == PAGE
    assert read_page_file(str(path)) == PAGE


def _symlink_loop(tmp: Path) -> Path:
    a, b = tmp / "a.txt", tmp / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: tmp / "missing.txt", "文件不存在"),
        (lambda tmp: tmp, "是目录"),
        (_symlink_loop, "无法读取"),
        (lambda tmp: Path(str(tmp) + "/x\x00.txt"), "路径无效"),
    ],
    ids=["missing", "directory", "symlink-loop", "nul-in-path"],
)
def test_os_errors_become_unreadable_file(tmp_path: Path, make, reason: str) -> None:
    path = make(tmp_path)
    with pytest.raises(UnreadableFile) as info:
        read_page_file(path)
    assert reason in info.value.reason
    assert info.value.path == str(path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(PAGE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(UnreadableFile, match="没有读取权限"):
            read_page_file(path)
    finally:
        path.chmod(0o600)


def test_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textio, "MAX_PAGE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("焦" * 100, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="文件过大"):
        read_page_file(path)
