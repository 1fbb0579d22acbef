"""Read a page file as text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK."""
from __future__ import annotations

import os
from pathlib import Path

from indexer.errors import UnreadableFile

MAX_PAGE_BYTES = 20 * 1024 * 1024  # a newspaper page is ~10 KB of text; 20 MB is not a page

# Leading bytes of files that are certainly not page text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_MAX_CONTROL_SHARE = 0.01  # more than 1 % control characters: binary, whatever it decoded as


def read_page_file(path: str | os.PathLike[str]) -> str:
    """Read and decode one page file; any failure becomes UnreadableFile(path, reason)."""
    name = str(path)
    try:
        p = Path(path)
        size = p.stat().st_size
        if p.is_dir():
            raise UnreadableFile(name, "是目录，不是版面文件")
        if size > MAX_PAGE_BYTES:
            raise UnreadableFile(name, f"文件过大，不像一个版面（{size / 1048576:.1f} MB，上限 {MAX_PAGE_BYTES // 1048576} MB）")
        data = p.read_bytes()
    except UnreadableFile:
        raise
    except FileNotFoundError:
        raise UnreadableFile(name, "文件不存在") from None
    except PermissionError:
        raise UnreadableFile(name, "没有读取权限") from None
    except IsADirectoryError:
        raise UnreadableFile(name, "是目录，不是版面文件") from None
    except OSError as exc:  # symlink loop, I/O error, name too long...
        raise UnreadableFile(name, f"无法读取：{exc.strerror or exc.__class__.__name__}") from None
    except (ValueError, TypeError) as exc:  # embedded NUL in the path, odd path objects
        raise UnreadableFile(name, f"路径无效：{exc}") from None
    return decode_page_bytes(data, name)


def decode_page_bytes(data: bytes, name: str) -> str:
    """Decode page bytes (BOM, then UTF-8, then GB18030); CRLF/CR become \\n."""
    if len(data) > MAX_PAGE_BYTES:
        raise UnreadableFile(name, f"文件过大，不像一个版面（{len(data) / 1048576:.1f} MB）")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(name, f"二进制文件（{what}），不是版面文本")
    text = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFile(name, "空文件" if not data else "空白版面（只有空白字符）")
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise UnreadableFile(name, "二进制文件（控制字符），不是版面文本")
    return text


def _decode(data: bytes, name: str) -> str:
    """Try the BOM's encoding, else UTF-8, else GB18030 (a superset of GBK and GB2312)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                raise UnreadableFile(name, f"有 {encoding} 字节顺序标记，但无法按 {encoding} 解码") from None
    if not data:
        raise UnreadableFile(name, "空文件")
    if b"\x00" in data:
        raise UnreadableFile(name, "二进制文件（NUL 字节），不是版面文本")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A file cut off inside its last character: keep what is whole.
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableFile(name, "不是 UTF-8、UTF-16（带 BOM）或 GB18030/GBK 编码的文本") from None
