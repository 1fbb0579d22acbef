"""Durable commits: what a commit writes, in what order, what it records, and which commits are kept.

A commit (generation N) is durable before it becomes visible, and the one it was built on stays readable:

1. every file of the new segment is fsynced when closed (``SyncedStorage``);
2. a manifest ``_baokan_N.sums`` names every file of every segment of the commit with its length
   and CRC-32 (new files are read back once; files of older segments keep the sums recorded when
   they were written: segment files never change), written to a temporary name, fsynced, renamed;
3. Whoosh's TOC ``_baokan_N.toc`` is written to a temporary name, fsynced, renamed, and the
   directory fsynced (``SyncedStorage.rename_file``);
4. only then are old files removed. Retention: the new commit and the commit it was built on
   (its *base*) are kept whole — TOC, manifest and every segment file they name — so that
   ``baokan check --repair`` can fall back one commit. Everything older goes.

Opening the index (``choose_generation``) takes the newest commit that passes a cheap check:
its manifest and TOC read, they name the same segments, and every file is there with the
recorded length and the recorded CRC-32 of its last 64 KB (a lost write leaves a file short,
or with its end zeroed). That is a ``stat`` and one 64 KB read per file, whatever the index's
size; ``baokan check`` reads every byte. An index without any manifest (built before this
module) opens as Whoosh opens it.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.errors import IndexDamaged
from indexer.index import whoosh_internals as wi

MANIFEST_VERSION = 1
CHUNK = 1 << 20
TAIL_BYTES = 1 << 16  # a lost write leaves a file short or its end zeroed: the end is what the open check reads
log = logging.getLogger("baokan.index")


@dataclass(frozen=True)
class FileSum:
    """One file of a segment as its commit wrote it."""

    size: int
    crc32: int
    tail_crc32: int | None  # of the last TAIL_BYTES (all of a smaller file): what the check at open reads


@dataclass(frozen=True)
class SegmentSums:
    """A segment's files ("baokan_k3x9q.pst" -> FileSum) and its document count (deleted included)."""

    docs: int
    files: dict[str, FileSum]


@dataclass(frozen=True)
class CommitManifest:
    """What ``_baokan_7.sums`` records: the commit's segments, their files, and the commit it was built on."""

    generation: int
    based_on: int
    written: str
    segments: dict[str, SegmentSums]

    def to_json(self) -> str:
        return json.dumps({
            "version": MANIFEST_VERSION, "generation": self.generation, "based_on": self.based_on,
            "written": self.written,
            "segments": {sid: {"docs": s.docs,
                               "files": {n: [f.size, f.crc32, f.tail_crc32] for n, f in sorted(s.files.items())}}
                         for sid, s in sorted(self.segments.items())},
        }, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> CommitManifest:
        data = json.loads(text)
        if data.get("version") != MANIFEST_VERSION:
            raise ValueError(f"manifest version {data.get('version')!r}")
        segments = {str(sid): SegmentSums(int(s["docs"]), {str(n): FileSum(int(v[0]), int(v[1]), None if len(v) < 3 or v[2] is None else int(v[2]))
                                                              for n, v in s["files"].items()})
                    for sid, s in data["segments"].items()}
        return cls(int(data["generation"]), int(data["based_on"]), str(data["written"]), segments)


class ManifestDamaged(Exception):
    """A manifest file exists but cannot be read (internal: reported as a damaged commit)."""


def manifest_name(indexname: str, generation: int) -> str:
    """``_baokan_7.sums``: next to ``_baokan_7.toc`` (Whoosh's own clean-up never matches it)."""
    return f"_{indexname}_{generation}.sums"


def _manifest_pattern(indexname: str) -> re.Pattern[str]:
    return re.compile(rf"^_{re.escape(indexname)}_([0-9]+)\.sums$")


def manifest_generations(folder: str, indexname: str) -> list[int]:
    """Generations with a manifest file (readable or not)."""
    pattern = _manifest_pattern(indexname)
    return [int(m.group(1)) for m in map(pattern.match, os.listdir(folder)) if m]


def manifest_expected(generation: int, with_manifests: list[int]) -> bool:
    """A commit must have a manifest if one exists for it or an older commit: an index written before
    manifests existed has none for its old commits (they are opened as Whoosh opens them), but every
    commit since has one, written before its TOC."""
    return any(g <= generation for g in with_manifests)


def read_manifest(folder: str, indexname: str, generation: int) -> CommitManifest | None:
    """The manifest of one commit; None if there is none; ManifestDamaged if it does not read."""
    path = os.path.join(folder, manifest_name(indexname, generation))
    try:
        text = Path(path).read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestDamaged(str(exc)) from exc
    try:
        manifest = CommitManifest.from_json(text)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ManifestDamaged(f"{type(exc).__name__}: {exc}") from exc
    if manifest.generation != generation:
        raise ManifestDamaged(f"manifest names generation {manifest.generation}")
    return manifest


def write_durably(folder: str, name: str, data: bytes) -> None:
    """Write ``folder/name`` so that it is either absent or whole after a power cut: temp, fsync, rename, dir fsync."""
    path = os.path.join(folder, name)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    wi.fsync_dir(folder)
    os.replace(tmp, path)
    wi.fsync_dir(folder)


def file_crc32(path: str) -> int:
    """CRC-32 of a whole file (zlib's, streamed a megabyte at a time)."""
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def tail_crc32(path: str, size: int) -> int:
    """CRC-32 of a file's last TAIL_BYTES (all of it when smaller)."""
    with open(path, "rb") as f:
        f.seek(max(0, size - TAIL_BYTES))
        return zlib.crc32(f.read(TAIL_BYTES))


def file_sum(path: str) -> FileSum:
    size = os.path.getsize(path)
    return FileSum(size, file_crc32(path), tail_crc32(path, size))


def segment_file_names(names: list[str], segment_id: str) -> list[str]:
    """The files of one segment among a directory listing: "baokan_k3x9q" -> ["baokan_k3x9q.pst", ...]."""
    prefix = segment_id + "."
    return sorted(n for n in names if n.startswith(prefix) and not n.endswith(".tmp"))


def sums_for_segments(folder: str, segments: list[Any], known: CommitManifest | None) -> dict[str, SegmentSums]:
    """Each segment's files with length and CRC-32: read from disk for new files, taken from ``known``
    for files an older commit already recorded with the same length."""
    names = os.listdir(folder)
    out: dict[str, SegmentSums] = {}
    for seg in segments:
        sid = seg.segment_id()
        old = known.segments.get(sid) if known is not None else None
        files: dict[str, FileSum] = {}
        for name in segment_file_names(names, sid):
            path = os.path.join(folder, name)
            size = os.path.getsize(path)
            recorded = old.files.get(name) if old is not None else None
            if recorded is not None and recorded.size == size:
                files[name] = recorded if recorded.tail_crc32 is not None else \
                    FileSum(size, recorded.crc32, tail_crc32(path, size))
            else:
                wi.fsync_file(path)  # SyncedStorage did at close; a file written some other way gets it here
                files[name] = file_sum(path)
        out[sid] = SegmentSums(int(seg.doc_count_all()), files)
    return out


def _base_manifest(folder: str, indexname: str, base: int) -> CommitManifest | None:
    try:
        return read_manifest(folder, indexname, base) if base >= 0 else None
    except ManifestDamaged:
        return None  # every file is summed afresh


def commit_generation(writer: Any, segments: list[Any]) -> None:
    """The durable commit (``DurableSegmentWriter._commit_toc``): manifest, TOC, then retention."""
    storage = writer.storage
    write_commit(storage, writer.indexname, writer.schema, segments, writer.generation, writer.base_generation,
                 keep_segments=[s.segment_id() for s in writer.segments])


def write_commit(storage: Any, indexname: str, schema: Any, segments: list[Any], generation: int, base: int,
                 keep_segments: list[str]) -> None:
    """Write generation ``generation`` over ``segments`` durably, keep it and ``base``, remove the rest."""
    folder = storage.folder
    sums = sums_for_segments(folder, segments, _base_manifest(folder, indexname, base))
    manifest = CommitManifest(generation, base, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), sums)
    write_durably(folder, manifest_name(indexname, generation), manifest.to_json().encode("utf-8"))
    wi.write_toc(storage, indexname, schema, segments, generation)
    remove_unkept(storage, indexname, {generation, base}, set(sums) | set(keep_segments))
    forget_choice(folder)


def remove_unkept(storage: Any, indexname: str, generations: set[int], segment_ids: set[str]) -> list[str]:
    """Retention: delete TOCs and manifests of other generations, files of other segments, and orphaned
    temporary files (the caller holds the write lock, so no other commit is under way). Returns the names."""
    folder = storage.folder
    toc = re.compile(rf"^_{re.escape(indexname)}_([0-9]+)\.toc$")
    sums = _manifest_pattern(indexname)
    temp = re.compile(rf"^_{re.escape(indexname)}_[0-9]+\.(toc\.[0-9.]+|sums\.[0-9]+\.tmp)$")
    seg = wi.segment_file_pattern(indexname)
    removed = []
    for name in os.listdir(folder):
        m = toc.match(name) or sums.match(name)
        if m:
            drop = int(m.group(1)) not in generations
        elif temp.match(name):
            drop = True
        else:
            sm = seg.match(name)
            drop = bool(sm) and sm.group(1) not in segment_ids and os.path.isfile(os.path.join(folder, name))
        if drop:
            try:
                os.remove(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass  # another process holds it (not on Linux); the next commit tries again
    return removed


# --- the check at open ----------------------------------------------------------------------------


def open_problems(storage: Any, indexname: str, generation: int, manifests_expected: bool) -> list[str]:
    """Why a commit cannot be opened (empty list: it can): manifest and TOC read and agree, and every
    file is there with its recorded length and end (CRC-32 of its last 64 KB). Cheap: a ``stat`` and
    one 64 KB read per file, never a whole file."""
    folder = storage.folder
    try:
        manifest = read_manifest(folder, indexname, generation)
    except ManifestDamaged as exc:
        return [f"校验清单 {manifest_name(indexname, generation)} 无法读取（{exc}）"]
    if manifest is None and manifests_expected:
        return [f"缺少校验清单 {manifest_name(indexname, generation)}"]
    try:
        toc = wi.read_toc(storage, indexname, generation)
    except Exception as exc:  # a damaged TOC makes Whoosh raise anything (EOFError, UnpicklingError, ...)
        return [f"目录文件 {wi.toc_file_name(indexname, generation)} 无法读取（{type(exc).__name__}）"]
    ids = [s.segment_id() for s in toc.segments]
    if manifest is None:
        names = set(os.listdir(folder))
        return [f"段 {sid} 没有文件" for sid in ids if not any(n.startswith(sid + ".") for n in names)]
    if set(ids) != set(manifest.segments):
        return [f"目录文件与校验清单所列的段不同（{sorted(set(ids) ^ set(manifest.segments))}）"]
    problems = []
    for sid in ids:
        for name, want in manifest.segments[sid].files.items():
            try:
                size = os.path.getsize(os.path.join(folder, name))
            except OSError:
                problems.append(f"段 {sid}：文件 {name} 不存在")
                continue
            if size != want.size:
                problems.append(f"段 {sid}：文件 {name} 长度 {size}，应为 {want.size}")
            elif want.tail_crc32 is not None and tail_crc32(os.path.join(folder, name), size) != want.tail_crc32:
                problems.append(f"段 {sid}：文件 {name} 的末尾与提交时不同")
    return problems


_choices: dict[str, tuple[tuple[int, ...], int]] = {}
_choices_lock = threading.Lock()


def forget_choice(folder: str) -> None:
    with _choices_lock:
        _choices.pop(os.path.abspath(folder), None)


def choose_generation(storage: Any, indexname: str) -> int:
    """The newest commit that passes ``open_problems``; IndexDamaged if none does.

    Cached per directory until its set of TOC files changes (a searcher asks on every request).
    """
    folder = os.path.abspath(storage.folder)
    gens = tuple(wi.toc_generations(storage, indexname))
    with _choices_lock:
        cached = _choices.get(folder)
    if cached is not None and cached[0] == gens:
        return cached[1]
    if not gens:
        return -1
    with_manifests = manifest_generations(folder, indexname)
    first_problems: list[str] = []
    for gen in gens:
        problems = open_problems(storage, indexname, gen, manifest_expected(gen, with_manifests))
        if not problems:
            if gen != gens[0]:  # said once per change of the directory's commits (the choice is cached)
                log.warning("索引 %s 最新的提交（第 %d 代）已损坏（%s），改用第 %d 代提交；请运行 baokan check",
                            folder, gens[0], first_problems[0], gen)
            with _choices_lock:
                _choices[folder] = (gens, gen)
            return gen
        first_problems = first_problems or problems
    raise IndexDamaged(f"索引已损坏，没有一个提交可以打开（{first_problems[0]}）：请运行 baokan check --repair")
