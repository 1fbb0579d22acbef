"""``baokan backup DEST`` and ``baokan restore SRC``: a consistent copy of one commit, and putting it back.

A backup is itself an index directory (``baokan search --index-dir DEST`` works on it): the TOC
and manifest of one commit, every segment file they name, and ``baokan.json``. It is taken
while the site serves and an ingest may be committing: the commit is chosen as a reader
chooses it (the newest that passes the check at open), its files are opened or linked at
once (segment files never change after their commit; a commit removed meanwhile by the
ingest's retention is simply chosen again), and the copy is then verified like
``baokan check``: every length and CRC-32 against the manifest, every term, record and facet.

Hard links are used where the file system allows (same device): instant, no extra space,
but they share the disk blocks with the index, so they guard against a bad commit or a
deleted directory, not against a failing disk. ``--copy`` (or another file system) copies.
"""
from __future__ import annotations

import errno
import os
import shutil
import time
from dataclasses import dataclass
from typing import Any

from indexer.errors import IndexDamaged, IndexLocked, InvalidInput
from indexer.index import whoosh_internals as wi
from indexer.index.check import CheckReport, check_index
from indexer.index.durability import (CommitManifest, choose_generation, file_crc32, forget_choice, manifest_name,
                                      read_manifest, sums_for_segments, write_commit, write_durably)
from indexer.index.store import INDEX_NAME, SETTINGS_FILE, index_exists

RETRIES = 5
NO_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES}


@dataclass
class BackupReport:
    """What ``baokan backup`` copied, and how the copy checked."""

    dest: str
    generation: int
    files: int
    bytes: int
    linked: int
    copied: int
    check: CheckReport
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"dest": self.dest, "generation": self.generation, "files": self.files, "bytes": self.bytes,
                "hard_links": self.linked, "copies": self.copied, "ok": self.check.ok,
                "records": self.check.commits[0].records if self.check.commits else 0,
                "check": self.check.to_dict(), "seconds": round(self.seconds, 2)}

    def summary_lines(self) -> list[str]:
        how = f"硬链接 {self.linked} 个，复制 {self.copied} 个"
        lines = [f"已备份第 {self.generation} 代提交到 {self.dest}：文件 {self.files} 个（{self.bytes / 1e6:.1f} MB；{how}），"
                 f"用时 {self.seconds:.1f} 秒"]
        if self.linked:
            lines.append("注意：硬链接与索引共用磁盘上的数据块，能防误删和坏提交，防不了磁盘损坏；异地备份请用 --copy 或复制到另一块盘")
        lines += self.check.summary_lines()
        return lines


class _Gone(Exception):
    """A file of the chosen commit was removed meanwhile (an ingest committed twice): choose again."""


def _commit_files(folder: str, gen: int) -> tuple[list[str], CommitManifest]:
    storage = wi.SyncedStorage(folder)
    manifest = read_manifest(folder, INDEX_NAME, gen)
    if manifest is None:  # an index from before manifests: sum its files now
        toc = wi.read_toc(storage, INDEX_NAME, gen)
        manifest = CommitManifest(gen, -1, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                  sums_for_segments(folder, list(toc.segments), None))
    names = [wi.toc_file_name(INDEX_NAME, gen)] + sorted(n for s in manifest.segments.values() for n in s.files)
    return names, manifest


def _place(src: str, dest: str, link: bool) -> bool:
    """Hard-link (True) or copy (False) one file; _Gone if the source went away."""
    if link:
        try:
            os.link(src, dest)
            return True
        except FileNotFoundError:
            raise _Gone(src) from None
        except OSError as exc:
            if exc.errno not in NO_LINK:
                raise
    try:
        with open(src, "rb") as fin, open(dest, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
    except FileNotFoundError:
        raise _Gone(src) from None
    return False


def _empty_dest(dest: str) -> None:
    if os.path.exists(dest) and (not os.path.isdir(dest) or os.listdir(dest)):
        raise InvalidInput(f"备份目标 {dest} 已存在且不是空目录：请换一个目录")
    os.makedirs(dest, exist_ok=True)


def backup_index(index_dir: str, dest: str, copy: bool = False) -> BackupReport:
    """Copy the commit a reader would open now into ``dest`` (a new or empty directory), then check the copy."""
    started = time.monotonic()
    folder = str(index_dir)
    here, there = os.path.realpath(folder), os.path.realpath(dest)
    if os.path.commonpath([here, there]) == here:
        raise InvalidInput("备份目标不能是索引目录本身，也不能在索引目录里面")
    _empty_dest(dest)
    for attempt in range(RETRIES):
        forget_choice(folder)
        gen = choose_generation(wi.SyncedStorage(folder), INDEX_NAME)
        if gen < 0:
            raise IndexDamaged(f"{folder} 中没有可以备份的提交")
        names, manifest = _commit_files(folder, gen)
        linked = copied = 0
        try:
            for name in names:
                if _place(os.path.join(folder, name), os.path.join(dest, name), link=not copy):
                    linked += 1
                else:
                    copied += 1
            break
        except _Gone:
            for name in os.listdir(dest):  # what this attempt placed: links or copies, never the originals
                os.remove(os.path.join(dest, name))
    else:
        raise IndexLocked("索引提交得太频繁，备份没能取到一个完整的提交；请稍后再试")
    write_durably(dest, manifest_name(INDEX_NAME, gen), manifest.to_json().encode("utf-8"))
    settings = os.path.join(folder, SETTINGS_FILE)
    if os.path.exists(settings):
        with open(settings, "rb") as f:  # rewritten in place by --rebuild: copied, never linked
            write_durably(dest, SETTINGS_FILE, f.read())
    wi.fsync_dir(dest)
    total = sum(os.path.getsize(os.path.join(dest, n)) for n in os.listdir(dest))
    return BackupReport(dest, gen, len(os.listdir(dest)), total, linked, copied, check_index(dest),
                        time.monotonic() - started)


@dataclass
class RestoreReport:
    """What ``baokan restore`` put in place."""

    source: str
    index_dir: str
    from_generation: int
    new_generation: int
    files: int
    records: int

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "index_dir": self.index_dir, "backup_generation": self.from_generation,
                "new_generation": self.new_generation, "files": self.files, "records": self.records}

    def summary_lines(self) -> list[str]:
        return [f"已从 {self.source} 恢复：记录 {self.records} 条，文件 {self.files} 个，写为 {self.index_dir} 的第 "
                f"{self.new_generation} 代提交（恢复前的提交保留到下一次提交，运行中的服务在下一个请求看到恢复的内容）"]


def restore_index(source: str, index_dir: str) -> RestoreReport:
    """Make the backup at ``source`` the index's new commit (the index may be serving; no ingest may run)."""
    if not index_exists(source):
        raise InvalidInput(f"{source} 不是 baokan 的索引或备份目录")
    report = check_index(source)
    if not report.ok:
        raise IndexDamaged(f"备份 {source} 检查未通过，不能用来恢复：" + "；".join(report.summary_lines()[-1:]))
    src_storage = wi.SyncedStorage(source)
    gen = report.commits[0].generation
    toc = wi.read_toc(src_storage, INDEX_NAME, gen)
    names, manifest = _commit_files(source, gen)
    os.makedirs(index_dir, exist_ok=True)
    storage = wi.SyncedStorage(str(index_dir))
    lock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
    if not lock.acquire():
        raise IndexLocked("另一个进程正在写入索引（baokan ingest 正在运行？）；请等它结束后再恢复")
    try:
        gens = wi.toc_generations(storage, INDEX_NAME)
        try:
            base = choose_generation(storage, INDEX_NAME) if gens else -1
        except IndexDamaged:
            base = -1
        base_segments = [s.segment_id() for s in wi.read_toc(storage, INDEX_NAME, base).segments] if base >= 0 else []
        placed = 0
        for seg in manifest.segments.values():
            for name, want in seg.files.items():
                target = os.path.join(str(index_dir), name)
                if os.path.exists(target):  # the same segment, still in the index (restoring its own backup)
                    if os.path.getsize(target) == want.size and file_crc32(target) == want.crc32:
                        continue
                    raise IndexDamaged(f"索引中已有同名但内容不同的文件 {name}：请恢复到一个空目录")
                _place(os.path.join(source, name), target, link=False)  # an independent copy: the backup stays one
                placed += 1
        settings = os.path.join(source, SETTINGS_FILE)
        if os.path.exists(settings):
            with open(settings, "rb") as f:
                write_durably(str(index_dir), SETTINGS_FILE, f.read())
        new_gen = max(gens + [-1]) + 1
        write_commit(storage, INDEX_NAME, toc.schema, list(toc.segments), new_gen, base, keep_segments=base_segments)
    finally:
        lock.release()
        forget_choice(str(index_dir))
    return RestoreReport(source, str(index_dir), gen, new_gen, placed, report.commits[0].records)
