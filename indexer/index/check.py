"""``baokan check``: verify an index end to end (like Lucene's CheckIndex), and ``--repair`` it.

For every commit on disk (the current one and the one kept as its fallback, see
``indexer.index.durability``), and every segment it names:

* each file the manifest lists exists with the recorded length and CRC-32;
* the term table decodes, and every term's postings decode: as many documents as the
  table says, ascending, within the segment;
* every document's stored fields read, the record's JSON parses and carries the document's
  id, and the facet column has one value per document that agrees with them;
* the segment's facet arrays (``<segment>.fcol``, ``indexer.index.facetfile``; segments written
  before them have none) read whole and hold exactly the columns its facet rows give;
* the ingest bookkeeping (``file_hash`` = source path + content hash) names each record's
  own source file, exactly once, and no source file is live in two versions.

``repair_index`` falls back to the newest commit that checks clean (or, when none does, to the
newest readable commit without its damaged segments), writes it as a new commit, moves whatever
it leaves out into ``damaged-<time>/`` inside the index directory (nothing is deleted), and lists
the source files whose records were left out, to ingest again.
"""
from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from whoosh.reading import SegmentReader

from indexer.errors import IndexLocked, IndexMissing
from indexer.index import whoosh_internals as wi
from indexer.index.durability import (CommitManifest, ManifestDamaged, SegmentSums, file_crc32, forget_choice,
                                      manifest_expected, manifest_generations, manifest_name, read_manifest,
                                      write_commit)
from indexer.index.facetfile import FacetFileError, facet_file_name, facet_file_problems, read_facet_file
from indexer.index.schema import build_schema, decode_facets
from indexer.index.segwriter import _read_postings
from indexer.index.store import INDEX_NAME, index_exists

SHOWN_SOURCES = 30  # source files listed by name in the text summary (--json lists all)


@dataclass(frozen=True)
class Damage:
    """One problem found: the segment it is in ("" for the commit itself) and what is wrong, in Chinese."""

    segment: str
    what: str

    def line(self) -> str:
        return f"段 {self.segment}：{self.what}" if self.segment else self.what


@dataclass
class SegmentCheck:
    """What the check found in one segment."""

    segment: str
    docs: int = 0
    records: int = 0
    files: int = 0
    bytes: int = 0
    terms: int = 0
    damage: list[Damage] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # live source file -> content hash


@dataclass
class CommitCheck:
    """What the check found in one commit (generation)."""

    generation: int
    based_on: int | None = None
    segments: list[str] = field(default_factory=list)
    records: int = 0
    files: int = 0
    bytes: int = 0
    damage: list[Damage] = field(default_factory=list)
    toc_readable: bool = False
    manifest: bool = False

    @property
    def ok(self) -> bool:
        return not self.damage

    def damaged_segments(self) -> list[str]:
        return sorted({d.segment for d in self.damage if d.segment})

    def to_dict(self) -> dict[str, Any]:
        return {"generation": self.generation, "based_on": self.based_on, "ok": self.ok, "segments": self.segments,
                "records": self.records, "files": self.files, "bytes": self.bytes,
                "damaged_segments": self.damaged_segments(),
                "damage": [{"segment": d.segment, "problem": d.what} for d in self.damage]}


@dataclass
class CheckReport:
    """The result of ``baokan check``: every commit on disk, newest first."""

    index_dir: str
    commits: list[CommitCheck]
    checksums: bool  # False for an index written before manifests existed: lengths and checksums unknown
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.commits) and self.commits[0].ok

    def newest_clean(self) -> CommitCheck | None:
        return next((c for c in self.commits if c.ok), None)

    def to_dict(self) -> dict[str, Any]:
        clean = self.newest_clean()
        return {"ok": self.ok, "index_dir": self.index_dir, "checksums": self.checksums,
                "newest_clean_generation": clean.generation if clean else None,
                "commits": [c.to_dict() for c in self.commits], "seconds": round(self.seconds, 2)}

    def summary_lines(self) -> list[str]:
        lines = []
        for n, c in enumerate(self.commits):
            role = "当前提交" if n == 0 else "保留的上一个提交"
            head = (f"{role}（第 {c.generation} 代）：{len(c.segments)} 个段，记录 {c.records} 条，"
                    f"文件 {c.files} 个（{c.bytes / 1e6:.1f} MB）")
            lines.append(head + ("，完好" if c.ok else f"，发现 {len(c.damage)} 处损坏"))
            lines += [f"  损坏 {d.line()}" for d in c.damage[:20]]
            if len(c.damage) > 20:
                lines.append(f"  ……另有 {len(c.damage) - 20} 处")
        if not self.checksums:
            lines.append("注意：这个索引建于校验清单之前，文件长度和校验和无从核对（下一次提交会记下）")
        if self.ok:
            lines.append(f"检查通过：索引完好（用时 {self.seconds:.1f} 秒）")
        else:
            clean = self.newest_clean()
            where = f"第 {clean.generation} 代提交完好" if clean else "没有完好的提交"
            lines.append(f"检查未通过：索引已损坏（{where}）；运行 baokan check --repair 修复（用时 {self.seconds:.1f} 秒）")
        return lines


# --- checking ---------------------------------------------------------------------------------------


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:160]


def check_segment(storage: Any, schema: Any, segment: Any, sums: SegmentSums | None, checksums: bool = True) -> SegmentCheck:
    """Check one segment: its files against the manifest, then every term, posting, stored record and facet."""
    sid = segment.segment_id()
    out = SegmentCheck(sid, docs=segment.doc_count_all())
    folder = storage.folder
    if sums is not None:
        out.files = len(sums.files)
        for name, want in sorted(sums.files.items()):
            path = os.path.join(folder, name)
            try:
                size = os.path.getsize(path)
            except OSError:
                out.damage.append(Damage(sid, f"文件 {name} 不存在"))
                continue
            out.bytes += size
            if size != want.size:
                out.damage.append(Damage(sid, f"文件 {name} 长度 {size} 字节，提交时为 {want.size}"))
            elif checksums and file_crc32(path) != want.crc32:
                out.damage.append(Damage(sid, f"文件 {name} 的校验和与提交时不符（数据已损坏）"))
        if sums.docs != out.docs:
            out.damage.append(Damage(sid, f"目录文件记有 {out.docs} 篇文档，校验清单记有 {sums.docs} 篇"))
    try:
        with _segment_reader(storage, schema, segment) as reader:
            file_of_doc = _check_terms(reader, schema, out)
            facets = _check_documents(reader, out, file_of_doc)
            _check_facet_arrays(folder, out, facets)
    except _Unopenable as exc:
        out.damage.append(Damage(sid, f"段无法打开（{_short(exc.__cause__)}）"))
    return out


class _Unopenable(Exception):
    """A segment's reader could not be opened (the cause says why)."""


@contextmanager
def _segment_reader(storage: Any, schema: Any, segment: Any) -> Iterator[Any]:
    """A segment's reader, closed afterwards. If it cannot be opened, the files it opened before it failed are
    closed too (not left to the garbage collector) and ``_Unopenable`` is raised from the cause."""
    tracked = _OpenedFiles(storage)
    try:
        reader = SegmentReader(tracked, schema, segment)
    except Exception as exc:
        tracked.close_all()
        raise _Unopenable() from exc
    try:
        yield reader
    finally:
        try:
            reader.close()
        except Exception:
            pass


def _check_terms(reader: Any, schema: Any, out: SegmentCheck) -> dict[int, list[tuple[str, str]]]:
    """Decode every term's postings; returns docnum -> its (source, hash) bookkeeping entries."""
    sid, n = out.segment, out.docs
    file_of_doc: dict[int, list[tuple[str, str]]] = defaultdict(list)
    try:
        terms = wi.segment_terms(reader)
        codec, postfile = wi.terms_postings(terms)
        bad_fields: set[str] = set()
        for (fieldname, tbytes), info in terms.items():
            out.terms += 1
            if fieldname not in schema or fieldname in bad_fields:
                continue
            try:
                ids, _, _ = _read_postings(codec, postfile, info, schema[fieldname].format)
                if len(ids) != info.doc_frequency() or any(b <= a for a, b in zip(ids, ids[1:])) \
                        or (ids and (ids[0] < 0 or ids[-1] >= n)):
                    raise ValueError(f"{len(ids)} postings, {info.doc_frequency()} expected, or out of order")
            except Exception as exc:
                bad_fields.add(fieldname)  # one line per field, not per term
                out.damage.append(Damage(sid, f"字段 {fieldname} 的倒排表无法解码（词 {tbytes[:20]!r}：{_short(exc)}）"))
                continue
            if fieldname == "file_hash":
                key, _, rest = tbytes.decode("utf-8", "replace").partition("\x00")
                for d in ids:
                    file_of_doc[d].append((key, rest.partition("\x00")[0]))
    except Exception as exc:
        out.damage.append(Damage(sid, f"词表无法读取（{_short(exc)}）"))
    return file_of_doc


def _check_facet_arrays(folder: str, out: SegmentCheck, facets: list[bytes] | None) -> None:
    """The segment's facet arrays (``.fcol``, if it has them: older segments do not) read whole and hold
    exactly what its facet rows give."""
    path = os.path.join(folder, facet_file_name(out.segment))
    if not os.path.exists(path):
        return
    if facets is None:  # the rows are unreadable (already reported): the arrays can only be read
        try:
            read_facet_file(path, out.docs)
            return
        except FacetFileError as exc:
            problems = [str(exc)]
    else:
        problems = facet_file_problems(path, facets)
    for problem in problems:
        out.damage.append(Damage(out.segment, f"分面数组文件与分面列不符（{problem[:120]}）"))


def _check_documents(reader: Any, out: SegmentCheck, file_of_doc: dict[int, list[tuple[str, str]]],
                     ) -> list[bytes] | None:
    """Stored fields, facet column and bookkeeping agree, document by document; returns the facet rows."""
    sid, n = out.segment, out.docs
    try:
        facets = list(reader.column_reader("facets")) if reader.has_column("facets") else None
    except Exception as exc:
        out.damage.append(Damage(sid, f"分面列无法读取（{_short(exc)}）"))
        facets = None
    if facets is not None and len(facets) != n:
        out.damage.append(Damage(sid, f"分面列有 {len(facets)} 个值，段有 {n} 篇文档"))
        facets = None
    problems = 0
    for d in range(n):
        try:
            fields = reader.stored_fields(d)
            rid = fields.get("id")
            if rid is not None:
                record = json.loads(fields["data"])
                if record.get("id") != rid:
                    raise ValueError(f"记录 JSON 的 id {record.get('id')!r} 与文档的 id {rid!r} 不同")
            if facets is not None:
                values = decode_facets(facets[d])
                if values.get("id") != rid or values.get("source") != fields.get("file"):
                    raise ValueError("分面列的值与存储的记录不符")
            entries = file_of_doc.get(d, [])
            if fields.get("file") is not None and [k for k, _ in entries] != [fields["file"]]:
                raise ValueError(f"入库记账（来源文件与内容哈希）与记录的来源文件不符：{len(entries)} 条")
        except Exception as exc:
            problems += 1
            if problems <= 3:
                out.damage.append(Damage(sid, f"第 {d} 篇文档的存储数据有误（{_short(exc)}）"))
            continue
        if reader.is_deleted(d):
            continue
        if rid is not None:
            out.records += 1
        for key, digest in entries:
            out.sources[key] = digest
    if problems > 3:
        out.damage.append(Damage(sid, f"……共 {problems} 篇文档的存储数据有误"))
    return facets


def _check_commit(storage: Any, gen: int, expected: bool, done: dict[str, SegmentCheck],
                  checksums: bool) -> tuple[CommitCheck, Any]:
    folder = storage.folder
    commit = CommitCheck(gen)
    manifest: CommitManifest | None = None
    try:
        manifest = read_manifest(folder, INDEX_NAME, gen)
    except ManifestDamaged as exc:
        commit.damage.append(Damage("", f"校验清单 {manifest_name(INDEX_NAME, gen)} 无法读取（{exc}）"))
    if manifest is None and expected and not commit.damage:
        commit.damage.append(Damage("", f"缺少校验清单 {manifest_name(INDEX_NAME, gen)}"))
    commit.manifest = manifest is not None
    commit.based_on = manifest.based_on if manifest else None
    try:
        toc = wi.read_toc(storage, INDEX_NAME, gen)
    except Exception as exc:
        commit.damage.append(Damage("", f"目录文件 {wi.toc_file_name(INDEX_NAME, gen)} 无法读取（{_short(exc)}）"))
        return commit, None
    commit.toc_readable = True
    commit.segments = [s.segment_id() for s in toc.segments]
    if manifest is not None and set(commit.segments) != set(manifest.segments):
        commit.damage.append(Damage("", "目录文件与校验清单所列的段不同"))
    sources: dict[str, set[str]] = defaultdict(set)
    for seg in toc.segments:
        sid = seg.segment_id()
        key = f"{sid}/{sorted(seg.deleted_docs()) if seg.has_deletions() else ''}"
        if key not in done:
            sums = manifest.segments.get(sid) if manifest is not None else None
            done[key] = check_segment(storage, toc.schema, seg, sums, checksums)
        result = done[key]
        commit.damage += result.damage
        commit.records += result.records
        commit.files += result.files
        commit.bytes += result.bytes
        for src, digest in result.sources.items():
            sources[src].add(digest)
    for src, digests in sorted(sources.items()):
        if len(digests) > 1:
            commit.damage.append(Damage("", f"来源文件 {src} 的两个版本都有记录（入库记账不一致）"))
    return commit, toc


def check_index(index_dir: str, checksums: bool = True) -> CheckReport:
    """Check every commit in ``index_dir`` (newest first); never raises on damage, reports it."""
    started = time.monotonic()
    if not index_exists(index_dir):
        raise IndexMissing(f"{index_dir} 中没有索引")
    storage = wi.SyncedStorage(str(index_dir))
    with_manifests = manifest_generations(str(index_dir), INDEX_NAME)
    done: dict[str, SegmentCheck] = {}
    commits = [_check_commit(storage, gen, manifest_expected(gen, with_manifests), done, checksums)[0]
               for gen in wi.toc_generations(storage, INDEX_NAME)]
    return CheckReport(str(index_dir), commits, bool(with_manifests) and commits[0].manifest if commits else False,
                       time.monotonic() - started)


# --- repairing ----------------------------------------------------------------------------------------


@dataclass
class RepairReport:
    """What ``baokan check --repair`` did."""

    repaired: bool
    from_generation: int | None = None  # the commit the repaired index is built from
    new_generation: int | None = None
    dropped_segments: list[str] = field(default_factory=list)
    unreadable_segments: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    quarantine: str = ""
    sources: list[str] = field(default_factory=list)  # source files whose records are no longer in the index
    records: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"repaired": self.repaired, "from_generation": self.from_generation,
                "new_generation": self.new_generation, "dropped_segments": self.dropped_segments,
                "unreadable_segments": self.unreadable_segments, "moved": self.moved, "quarantine": self.quarantine,
                "ingest_again": self.sources, "records": self.records}

    def summary_lines(self) -> list[str]:
        if not self.repaired:
            return ["无需修复：当前提交完好"]
        if self.from_generation is not None and self.from_generation >= 0:
            lines = [f"已修复：索引回到第 {self.from_generation} 代提交的内容（写为第 {self.new_generation} 代），"
                     f"记录 {self.records} 条"]
        else:
            lines = [f"已修复：没有一个提交可读，索引现为空（第 {self.new_generation} 代）：请重新入库全部来源文件"]
        if self.moved:
            lines.append(f"移出的 {len(self.moved)} 个文件保存在 {self.quarantine}（没有删除任何文件）")
        if self.sources:
            lines.append(f"以下 {len(self.sources)} 个来源文件的记录不在索引中，请重新入库：")
            lines += [f"  {s}" for s in self.sources[:SHOWN_SOURCES]]
            if len(self.sources) > SHOWN_SOURCES:
                lines.append(f"  ……另有 {len(self.sources) - SHOWN_SOURCES} 个（完整清单：baokan check --repair --json）")
            dirs = sorted({os.path.dirname(s) for s in self.sources})
            lines.append("  例如：baokan ingest " + " ".join(dirs[:5]) + ("……" if len(dirs) > 5 else ""))
        for sid in self.unreadable_segments:
            lines.append(f"段 {sid} 无法读出来源文件：请对原来的目录重新运行 baokan ingest（未变的文件会被跳过）")
        return lines


def _segment_sources(storage: Any, schema: Any, segment: Any) -> set[tuple[str, str]] | None:
    """(source file, content hash) of every file a segment holds records of (its ``file_hash`` terms);
    None if the term table cannot be read."""
    try:
        with _segment_reader(storage, schema, segment) as reader:
            pairs = set()
            for term in reader.lexicon("file_hash"):
                key, _, rest = term.decode("utf-8").partition("\x00")
                pairs.add((key, rest.partition("\x00")[0]))
            return pairs
    except Exception:
        return None


class _OpenedFiles:
    """A Whoosh storage that remembers the files opened through it."""

    def __init__(self, storage: Any) -> None:
        self._storage = storage
        self._opened: list[Any] = []

    def open_file(self, name: str, *args: Any, **kwargs: Any) -> Any:
        handle = self._storage.open_file(name, *args, **kwargs)
        self._opened.append(handle)
        return handle

    def close_all(self) -> None:
        for handle in self._opened:
            try:
                handle.close()
            except Exception:  # already closed, or closed by its reader
                pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._storage, name)


def repair_index(index_dir: str) -> RepairReport:
    """Fall back to the newest clean commit (or drop damaged segments from the newest readable one), as a new
    commit; move everything left out into ``damaged-<time>/``; list the source files to ingest again."""
    storage = wi.SyncedStorage(str(index_dir))
    lock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
    if not lock.acquire():
        raise IndexLocked("另一个进程正在写入索引（baokan ingest 正在运行？）；请等它结束后再修复")
    try:
        return _repair_locked(storage, index_dir)
    finally:
        lock.release()
        forget_choice(str(index_dir))


def _repair_locked(storage: Any, index_dir: str) -> RepairReport:
    report = check_index(index_dir)
    if report.ok:
        return RepairReport(False, from_generation=report.commits[0].generation,
                            records=report.commits[0].records)
    folder = str(index_dir)
    tocs = {c.generation: wi.read_toc(storage, INDEX_NAME, c.generation) for c in report.commits if c.toc_readable}
    clean = report.newest_clean()
    if clean is not None:
        base, keep = clean.generation, list(tocs[clean.generation].segments)
        keep_base = True
    else:
        readable = next((c for c in report.commits if c.toc_readable), None)
        if readable is None:  # not one TOC reads: an empty commit, and everything to the quarantine
            base, keep = -1, []
        else:
            damaged = set(readable.damaged_segments())
            base, keep = readable.generation, [s for s in tocs[readable.generation].segments
                                               if s.segment_id() not in damaged]
        keep_base = False  # its TOC names the damaged segments: it goes to the quarantine with them
    kept = {s.segment_id() for s in keep}
    newest_toc = tocs[report.commits[0].generation] if report.commits[0].toc_readable else None
    lost = [s for toc in tocs.values() for s in toc.segments if s.segment_id() not in kept]
    seen: set[str] = set()
    out = RepairReport(True, from_generation=base)
    sources: set[tuple[str, str]] = set()
    for seg in lost:
        if seg.segment_id() in seen:
            continue
        seen.add(seg.segment_id())
        out.dropped_segments.append(seg.segment_id())
        names = _segment_sources(storage, (newest_toc or tocs[max(tocs)]).schema, seg)
        if names is None:
            out.unreadable_segments.append(seg.segment_id())
        else:
            sources.update(names)
    # Quarantine: every TOC and manifest but the base's, every segment file the repaired commit does not use.
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    quarantine = os.path.join(folder, f"damaged-{stamp}")
    seg_pattern = wi.segment_file_pattern(INDEX_NAME)
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        m = seg_pattern.match(name)
        own = name in (wi.toc_file_name(INDEX_NAME, base), manifest_name(INDEX_NAME, base)) and keep_base
        if (m and m.group(1) not in kept) or (name.startswith(f"_{INDEX_NAME}_") and not own):
            os.makedirs(quarantine, exist_ok=True)
            os.replace(path, os.path.join(quarantine, name))
            out.moved.append(name)
    if out.moved:
        wi.fsync_dir(folder)
        out.quarantine = quarantine
    schema = tocs[base].schema if base >= 0 else build_schema()
    if base < 0:
        out.unreadable_segments.append("（所有提交）")
    out.new_generation = max(report.commits[0].generation, base) + 1
    write_commit(storage, INDEX_NAME, schema, keep, out.new_generation, base if keep_base else -1,
                 keep_segments=list(kept))
    # A source whose same version a kept segment holds is still in the index (a merged segment repeats
    # its parts); one lost in another version (a changed file) or not at all is listed.
    still: set[tuple[str, str]] = set()
    for seg in keep:
        still.update(_segment_sources(storage, schema, seg) or set())
    out.sources = sorted({key for key, digest in sources - still})
    forget_choice(folder)
    out.records = check_index(index_dir, checksums=False).commits[0].records
    return out
