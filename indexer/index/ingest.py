"""Ingest: page files in, records committed to the index, a report out.

* Idempotent: each record carries its file's path and content hash; a file seen
  before with the same bytes is skipped, a changed file replaces its records.
* Crash-safe: Whoosh commits by writing new segment files and then renaming a
  new table of contents into place, so a killed ingest leaves the last commit;
  running it again finishes the job (committed files are then "unchanged").
  Commits are durable (fsynced, with a manifest of file lengths and checksums:
  ``indexer.index.durability``), so a power cut leaves the last commit too.
* Both cores: worker processes read, parse and segment the pages (jieba is the
  expensive part); the one writer in this process only adds documents.
* One bad file never stops the batch: it is reported by name and skipped.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from whoosh.index import LockError
from whoosh.writing import IndexWriter

from indexer.text.grams import gram_set, match_text
from indexer.text.words import load_jieba, word_texts
from indexer.errors import BaokanError, IndexLocked
from indexer.newspaper.gazetteer import Gazetteer, load_gazetteer
from indexer.newspaper.pagemeta import Manifest
from indexer.newspaper.parse import parse_file, record_id
from indexer.records import Record
from indexer.index.schema import FILE_MARKER, decode_facets, encode_facets, facet_values, full_text
from indexer.index.segwriter import FastWriter, TermCounts, TermSet, compact
from indexer.index.store import (create_or_open_index, current_settings, disk_bytes, index_bytes, open_index,
                                 require_newest_commit)

COMMIT_EVERY_RECORDS = 20_000  # one segment per commit: bigger segments share their terms (smaller, faster)
COMMIT_EVERY_SECONDS = 300.0
LOCK_WAIT_SECONDS = 10.0
IN_FLIGHT = 16  # files parsed ahead of the writer


@dataclass(frozen=True)
class Prepared:
    """What a worker made of one file."""

    path: str
    key: str
    status: str  # "new", "changed", "unchanged", "skipped"
    reason: str = ""
    file_hash: str = ""
    docs: tuple[dict[str, Any], ...] = ()


@dataclass
class IngestReport:
    """The closing summary of one ``baokan ingest`` run."""

    files_seen: int = 0
    files_indexed: int = 0
    files_unchanged: int = 0
    files_empty: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    records_added: int = 0
    records_updated: int = 0
    records_removed: int = 0
    records_unchanged: int = 0
    commits: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files_seen, "files_indexed": self.files_indexed, "files_unchanged": self.files_unchanged,
            "files_without_records": self.files_empty,
            "skipped": [{"file": p, "reason": r} for p, r in self.skipped],
            "records_added": self.records_added, "records_updated": self.records_updated,
            "records_removed": self.records_removed, "records_unchanged": self.records_unchanged,
            "commits": self.commits, "seconds": round(self.seconds, 2),
        }

    def summary_lines(self) -> list[str]:
        lines = [
            f"文件 {self.files_seen} 个：新增或更新 {self.files_indexed}，未变 {self.files_unchanged}，"
            f"跳过 {len(self.skipped)}，无记录 {len(self.files_empty)}",
            f"记录：新增 {self.records_added}，更新 {self.records_updated}，移除 {self.records_removed}，"
            f"未变 {self.records_unchanged}（用时 {self.seconds:.1f} 秒）",
        ]
        lines += [f"跳过 {path}: {reason}" for path, reason in self.skipped]
        lines += [f"无记录 {path}: 没有可识别的文章或图片说明" for path in self.files_empty]
        return lines


# --- finding input files -----------------------------------------------------------


def iter_input_files(paths: Iterable[str]) -> Iterator[tuple[str, str, str | None]]:
    """Yield ``(path, source, error)`` for every file under ``paths``, recursively, sorted.

    ``source`` names the file in records: its path below the directory given
    ("archive" -> "2021-11-13/01.txt"), or its base name for a file given.

    In directories, hidden files, sidecar data (.json .jsonl .csv .tsv), READMEs and
    scripts (.py .sh) are passed over (see ``is_page_file``); a file named on the command line is
    always tried. Directories are walked without following symlinks to directories, so a
    symlink loop cannot trap the walk; a path that cannot be read is yielded
    with its error.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            errors: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(path, onerror=errors.append):
                dirnames.sort()
                for name in sorted(filenames):
                    if not is_page_file(name):
                        continue
                    full = os.path.join(dirpath, name)
                    yield full, display_path(os.path.relpath(full, path)).replace(os.sep, "/"), None
            for err in errors:
                yield str(err.filename or raw), "", f"无法读取目录：{err.strerror or err}"
        elif path.exists() or path.is_symlink():
            yield str(path), display_path(path.name), None
        else:
            yield str(path), "", "文件不存在"


NOT_PAGES = (".json", ".jsonl", ".csv", ".tsv")  # manifests, expected-record files: data, not pages
NOT_PAGES_EITHER = (".py", ".sh")  # a folder's own scripts (webapp/demo_pages/sample/make_sample.py)


def is_page_file(name: str) -> bool:
    """Files in a directory that are taken as pages: not hidden, not sidecar data, not a
    folder's README (README, README.md, readme.txt…) or scripts.

    Anything else (images, PDFs, garbage) is still tried, and reported by name if unreadable.
    """
    lower = name.lower()
    return not (name.startswith(".") or lower.endswith(NOT_PAGES + NOT_PAGES_EITHER) or lower.startswith("readme"))


def display_path(path: str) -> str:
    """A path fit to print even if its name is not valid UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# --- the worker side -----------------------------------------------------------

_worker_state: dict[str, Any] = {}


def _init_worker(manifest: Manifest | None, gazetteer: Gazetteer) -> None:
    _worker_state["manifest"] = manifest
    _worker_state["gazetteer"] = gazetteer


def record_documents(record: Record, ordinal: int, key: str, file_hash: str) -> dict[str, Any]:
    """The Whoosh fields of one record, with the expensive term lists pre-computed."""
    raw = full_text(record)
    text = match_text(raw)
    title = match_text(record.title)
    return {
        "id": record.id,
        "file": key,
        "file_hash": f"{key}\x00{file_hash}",
        "kind": record.kind,
        "pub_date": record.pub_date or "",
        "year": (record.pub_date or "")[:4],
        "month": (record.pub_date or "")[:7],
        "text": TermSet(gram_set(text)),
        "title": TermSet(gram_set(title)),
        "text_match": text.encode("utf-8"),
        "title_match": title.encode("utf-8"),
        "words": TermCounts(Counter(word_texts(raw))),
        "title_words": TermCounts(Counter(word_texts(record.title))),
        "reporter": "\n".join(record.reporters),
        "photographer": "\n".join(record.photographers + tuple(p for c in record.captions for p in c.photographers)),
        "correspondent": "\n".join(record.correspondents),
        "region": record.region or "",
        "section": record.section or "",
        "data": json.dumps(record.to_dict(), ensure_ascii=False),
        "facets": encode_facets(facet_values(record, ordinal, key)),
    }


def placeholder_document(key: str, file_hash: str) -> dict[str, Any]:
    """Remembers a page that gave no records, so the next run skips it as unchanged."""
    return {"file": key, "file_hash": f"{key}\x00{file_hash}\x00{EMPTY_FLAG}",
            "facets": encode_facets({"kind": FILE_MARKER, "source": key})}


EMPTY_FLAG = "empty"
Task = tuple[str, str, str, str | None]  # (path, source, file key, hash already indexed)
T = TypeVar("T")


def read_tasks(paths: Iterable[str], report: IngestReport, indexed_hash: Callable[[str], str | None]) -> list[Task]:
    """The input files as tasks with the hash each file key was indexed with (unreadable ones reported, skipped);
    the Whoosh index and the cluster keep that hash each their own way."""
    tasks: list[Task] = []
    for path, source, error in iter_input_files(paths):
        report.files_seen += 1
        if error:
            report.skipped.append((display_path(path), error))
            continue
        key = file_key(path)
        tasks.append((path, source, key, indexed_hash(key)))
    return tasks


@dataclass(frozen=True)
class ParsedFile:
    """One file read, hashed and parsed (in a worker process): its records, or why it was not."""

    path: str
    key: str
    status: str  # "new", "changed", "unchanged", "skipped"
    reason: str = ""
    file_hash: str = ""
    records: tuple[Record, ...] = ()


def parse_task(task: Task) -> ParsedFile:
    """Read, hash and parse one file; a bad file is "skipped" with a reason, never an exception (the
    Whoosh and the cluster ingest both start from this)."""
    path, source, key, known_hash = task
    shown = display_path(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ParsedFile(shown, key, "skipped", reason=_os_reason(exc))
    file_hash = hashlib.sha256(data).hexdigest()
    if file_hash == known_hash:
        return ParsedFile(shown, key, "unchanged", file_hash=file_hash)
    try:
        page = parse_file(path, source=source, manifest=_worker_state.get("manifest"), gazetteer=_worker_state.get("gazetteer"))
    except BaokanError as exc:
        return ParsedFile(shown, key, "skipped", reason=getattr(exc, "reason", str(exc)))
    except Exception as exc:  # a parser bug must not stop the batch: report it by file name
        return ParsedFile(shown, key, "skipped", reason=_internal_error(exc))
    return ParsedFile(shown, key, "changed" if known_hash else "new", file_hash=file_hash, records=tuple(page.records))


def _internal_error(exc: Exception) -> str:
    return f"内部错误 {type(exc).__name__}: {exc}"[:200]


def prepare_file(task: Task) -> Prepared:
    """Read, hash, parse and tokenize one file (runs in a worker process)."""
    parsed = parse_task(task)
    if parsed.status in ("unchanged", "skipped"):
        return Prepared(parsed.path, parsed.key, parsed.status, parsed.reason, parsed.file_hash)
    try:
        docs = tuple(record_documents(r, n, parsed.key, parsed.file_hash) for n, r in enumerate(parsed.records))
    except Exception as exc:  # a tokenizer bug must not stop the batch either
        return Prepared(parsed.path, parsed.key, "skipped", reason=_internal_error(exc))
    return Prepared(parsed.path, parsed.key, parsed.status, file_hash=parsed.file_hash,
                    docs=docs or (placeholder_document(parsed.key, parsed.file_hash),))


def _os_reason(exc: OSError) -> str:
    import errno

    reasons = {errno.EACCES: "没有读取权限", errno.ENOENT: "文件不存在", errno.ELOOP: "符号链接循环",
               errno.EISDIR: "是目录"}
    return reasons.get(exc.errno or 0, f"无法读取：{exc.strerror or exc}")


# --- the writer side -----------------------------------------------------------


def _known_hashes(ix: Any) -> dict[str, tuple[str, int]]:
    """file key -> (content hash, live record count), read from the index's terms.

    Only segments with deletions need their postings walked; elsewhere the
    term's document frequency is the live count.
    """
    known: dict[str, tuple[str, int]] = {}
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            if "file_hash" not in leaf.indexed_field_names():
                continue
            deletions = leaf.has_deletions()
            for term in leaf.lexicon("file_hash"):
                if deletions:
                    live = sum(1 for d in leaf.postings("file_hash", term).all_ids() if not leaf.is_deleted(d))
                else:
                    live = leaf.doc_frequency("file_hash", term)
                if not live:
                    continue
                key, _, rest = term.decode("utf-8").partition("\x00")
                digest, _, flag = rest.partition("\x00")
                count = 0 if flag == EMPTY_FLAG else live
                previous = known.get(key)
                if previous and previous[0] == digest:  # the same file's records in several segments
                    count += previous[1]
                known[key] = (digest, count)
    return known


@dataclass
class CompactReport:
    """What ``baokan compact`` did."""

    segments_before: int
    segments_after: int
    bytes_before: int
    bytes_after: int
    seconds: float
    fallback_bytes: int = 0  # the previous commit's files, kept until the next commit (durability)

    def to_dict(self) -> dict[str, Any]:
        return {"segments_before": self.segments_before, "segments_after": self.segments_after,
                "bytes_before": self.bytes_before, "bytes_after": self.bytes_after,
                "fallback_bytes": self.fallback_bytes, "seconds": round(self.seconds, 2)}

    def summary_lines(self) -> list[str]:
        lines = [f"段 {self.segments_before} 个合并为 {self.segments_after} 个；索引 {self.bytes_before / 1e6:.1f} MB → "
                 f"{self.bytes_after / 1e6:.1f} MB（用时 {self.seconds:.1f} 秒）"]
        if self.fallback_bytes:
            lines.append(f"合并前的段（{self.fallback_bytes / 1e6:.1f} MB）作为上一个提交保留在磁盘上，"
                         "下一次提交后删除（baokan check --repair 可回退到它）")
        return lines


def compact_index(index_dir: str, lock_wait: float = LOCK_WAIT_SECONDS) -> CompactReport:
    """Merge the index's segments into one (after a bulk load): smaller, and one pass per search.

    Searches keep running on the old segments meanwhile; the merged one replaces them in one commit.
    """
    started = time.monotonic()
    ix = open_index(index_dir)
    require_newest_commit(ix)
    before = index_bytes(index_dir)
    segments_before, segments_after = compact(open_writer(ix, lock_wait))
    after = index_bytes(index_dir)
    return CompactReport(segments_before, segments_after, before, after, time.monotonic() - started,
                         max(0, disk_bytes(index_dir) - after))


def open_writer(ix: Any, wait: float) -> IndexWriter:
    """The index's writer (a ``FastWriter``), waiting up to ``wait`` seconds for the lock; raises IndexLocked."""
    deadline = time.monotonic() + wait
    while True:
        try:
            # compound=False: a compound segment file is copied into RAM when a searcher
            # opens it (~550 MB at 100k records); separate files are mmapped instead.
            return FastWriter(ix, compound=False)
        except LockError:
            if time.monotonic() >= deadline:
                raise IndexLocked("另一个进程正在写入索引（baokan ingest 正在运行？）；请等它结束后再试") from None
            time.sleep(0.2)


def file_key(path: str) -> str:
    """The identity of an input file: its absolute path (symlinks resolved), as valid UTF-8.

    An undecodable byte in a name is kept as an escape: b"\\xff.txt" -> "\\\\xff.txt".
    """
    return os.fsencode(os.path.realpath(path)).decode("utf-8", "backslashreplace")


ProgressFn = Callable[[int, int, int], None]  # (files done, files total, records written)


def ingest(paths: Iterable[str], index_dir: str, *, manifest: Manifest | None = None,
           gazetteer: Gazetteer | None = None, rebuild: bool = False, workers: int | None = None,
           progress: ProgressFn | None = None, lock_wait: float = LOCK_WAIT_SECONDS,
           commit_every: int = COMMIT_EVERY_RECORDS) -> IngestReport:
    """Ingest files and directories into the index at ``index_dir``."""
    started = time.monotonic()
    gazetteer = gazetteer or load_gazetteer(None)
    ix = create_or_open_index(index_dir, current_settings(gazetteer.fingerprint), rebuild=rebuild)
    report = IngestReport()
    batch = _BatchWriter(ix, lock_wait, commit_every)  # takes the lock before reading state
    try:
        known = {} if rebuild else _known_hashes(ix)
        tasks = read_tasks(paths, report, lambda key: known.get(key, (None, 0))[0])
        for done, prepared in enumerate(_prepared_files(tasks, manifest, gazetteer, workers), 1):
            _account(prepared, known.get(prepared.key, ("", 0))[1], batch, report)
            if progress:
                progress(done, len(tasks), batch.written)
            batch.commit_if_due(report)
        batch.commit(report)
    except BaseException:
        batch.cancel()  # the last commit stands; releases the lock
        raise
    finally:
        batch.close()
    report.seconds = time.monotonic() - started
    return report


def _prepared_files(tasks: list[Task], manifest: Manifest | None, gazetteer: Gazetteer,
                    workers: int | None) -> Iterator[Prepared]:
    """``prepare_file`` over the tasks, in order."""
    return in_workers(prepare_file, tasks, manifest, gazetteer, workers, before_fork=load_jieba)


def in_workers(fn: Callable[[Task], T], tasks: list[Task], manifest: Manifest | None, gazetteer: Gazetteer,
               workers: int | None, before_fork: Callable[[], object] | None = None) -> Iterator[T]:
    """``fn`` over the tasks, in order: in worker processes (``fn`` may use the manifest and gazetteer
    through ``_worker_state``) unless the batch is tiny. ``before_fork`` loads what the workers share."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers <= 1 or len(tasks) < 4:
        _init_worker(manifest, gazetteer)
        yield from map(fn, tasks)
        return
    if before_fork is not None:
        before_fork()  # e.g. jieba's dictionary, loaded once before forking
    ctx = multiprocessing.get_context("fork")
    # At most IN_FLIGHT files parsed ahead of the writer: imap's result queue is
    # unbounded, and token lists waiting for a slower writer would grow without limit.
    slots = threading.BoundedSemaphore(IN_FLIGHT)
    stop = threading.Event()  # set when the writer's side stops reading: the feeder must not wait for slots then

    def throttled() -> Iterator[Task]:
        for task in tasks:
            while not slots.acquire(timeout=0.1):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            yield task

    with ctx.Pool(workers, initializer=_init_worker, initargs=(manifest, gazetteer)) as pool:
        try:
            for result in pool.imap(fn, throttled(), chunksize=1):
                slots.release()
                yield result
        finally:
            # an error in the writer closes this generator; the pool's feeder thread, waiting for a slot
            # that will never be released, would otherwise keep Pool.terminate() from returning
            stop.set()


def _account(prepared: Prepared, old_records: int, batch: _BatchWriter, report: IngestReport) -> None:
    """Write one prepared file (if it changed) and count it in the report."""
    if prepared.status == "skipped":
        report.skipped.append((prepared.path, prepared.reason))
    elif prepared.status == "unchanged":
        report.files_unchanged += 1
        report.records_unchanged += old_records
    else:
        n = batch.replace_file(prepared)
        report.records_updated += min(old_records, n)
        report.records_added += max(0, n - old_records)
        report.records_removed += max(0, old_records - n)
        report.files_indexed += 1
        if n == 0:
            report.files_empty.append(prepared.path)


class _BatchWriter:
    """The run's one writer: holds the lock, commits every N records or M seconds."""

    def __init__(self, ix: Any, lock_wait: float, commit_every: int) -> None:
        self.ix = ix
        self.lock_wait = lock_wait
        self.commit_every = commit_every
        self.writer = open_writer(ix, lock_wait)
        self.owners = _IdOwners(ix)
        self.pending = 0
        self.written = 0
        self.changed = False  # anything added or deleted since the last commit (placeholders included)
        self.last_commit = time.monotonic()

    def replace_file(self, prepared: Prepared) -> int:
        """Put a new or changed file's documents in place of its old ones; returns its record count."""
        if prepared.status == "changed":
            self.writer.delete_by_term("file", prepared.key)
        docs = self.owners.claim(prepared.key, prepared.docs)
        for doc in docs:
            self.writer.add_document(**doc)
        n = sum(1 for doc in docs if "id" in doc)  # a placeholder is not a record
        self.changed = True
        self.pending += n
        self.written += n
        return n

    def commit_if_due(self, report: IngestReport) -> None:
        overdue = time.monotonic() - self.last_commit > COMMIT_EVERY_SECONDS
        if self.pending >= self.commit_every or (self.pending and overdue):
            self.commit(report)
            self.writer = open_writer(self.ix, self.lock_wait)
            self.owners.refresh(self.ix)  # a commit may merge away the segments its searcher reads

    def commit(self, report: IngestReport) -> None:
        if not self.changed:  # nothing to commit: no new generation, and the fallback commit stays a different one
            self.cancel()
            return
        self.writer.commit()
        report.commits += 1
        self.changed = False
        self.pending = 0
        self.last_commit = time.monotonic()

    def cancel(self) -> None:
        if not self.writer.is_closed:
            self.writer.cancel()

    def close(self) -> None:
        self.owners.close()


class _IdOwners:
    """Keeps record ids unique across files.

    Ids derive from the source name and position ("01.txt#3"); two different
    files with the same name would collide, so the later file's records get ids
    derived from its full path instead, and nothing is overwritten.
    """

    def __init__(self, ix: Any) -> None:
        self.claimed: dict[str, str] = {}
        self.searcher = ix.searcher()  # the index as it was when this run started

    def claim(self, key: str, docs: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
        if any("id" in doc and self._owner(doc["id"]) not in (None, key) for doc in docs):
            docs = tuple(_with_id(doc, record_id(key, n)) for n, doc in enumerate(docs))
        for doc in docs:
            if "id" in doc:
                self.claimed[doc["id"]] = key
        return docs

    def close(self) -> None:
        self.searcher.close()

    def refresh(self, ix: Any) -> None:
        self.searcher.close()
        self.searcher = ix.searcher()

    def _owner(self, record_id_: str) -> str | None:
        if record_id_ in self.claimed:
            return self.claimed[record_id_]
        docnum = self.searcher.document_number(id=record_id_)
        return None if docnum is None else self.searcher.stored_fields(docnum).get("file")


def _with_id(doc: dict[str, Any], new_id: str) -> dict[str, Any]:
    """The document under another id: its field, its record's JSON and its facet row all say the new one
    (``baokan check`` verifies they agree)."""
    if "id" not in doc:
        return doc  # a placeholder: no record, no id
    data = json.loads(doc["data"])
    data["id"] = new_id
    facets = decode_facets(doc["facets"])
    facets["id"] = new_id
    return {**doc, "id": new_id, "data": json.dumps(data, ensure_ascii=False), "facets": encode_facets(facets)}


class Progress:
    """A one-line progress bar on stderr (only when it is a terminal)."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int, records: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.2 and done != total):
            return
        self.last = now
        rate = records / max(now - self.started, 1e-6)
        width = 24
        filled = int(width * done / max(total, 1))
        bar = "█" * filled + "░" * (width - filled)
        self.stream.write(f"\r{bar} 文件 {done}/{total} · 记录 {records} · {rate:.0f} 条/秒 ")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()
