"""The index on disk: creating and opening it, and the settings it was built with."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh.index import Index

from indexer.errors import IndexDamaged, IndexMissing, SettingsMismatch
from indexer.index import whoosh_internals as wi
from indexer.index.durability import (ManifestDamaged, choose_generation, commit_generation, forget_choice,
                                      manifest_name, read_manifest, write_commit, write_durably)
from indexer.index.schema import SCHEMA_VERSION, build_schema

SETTINGS_FILE = "baokan.json"
INDEX_NAME = "baokan"


@dataclass(frozen=True)
class IndexSettings:
    """What the index was built with; a change means old and new analysis would mix."""

    schema_version: int
    gazetteer: str  # sha256 of the gazetteer's canonical JSON
    dictionary: str  # sha256 of jieba's dictionary (and user dictionary)

    def describe_difference(self, other: IndexSettings) -> list[str]:
        names = {"schema_version": "索引结构版本", "gazetteer": "地名表 (gazetteer)", "dictionary": "分词词典"}
        return [names[k] for k, v in asdict(self).items() if asdict(other)[k] != v]


def dictionary_fingerprint() -> str:
    """sha256 of jieba's main dictionary file and the rjieba version (index-time words)."""
    from importlib.metadata import version

    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    return hashlib.sha256(path.read_bytes() + f"rjieba {version('rjieba')}".encode()).hexdigest()[:16]


def current_settings(gazetteer_fingerprint: str) -> IndexSettings:
    return IndexSettings(SCHEMA_VERSION, gazetteer_fingerprint[:16], dictionary_fingerprint())


def read_settings(index_dir: str | os.PathLike[str]) -> IndexSettings | None:
    path = Path(index_dir) / SETTINGS_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        return IndexSettings(int(data["schema_version"]), str(data["gazetteer"]), str(data["dictionary"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_settings(index_dir: str | os.PathLike[str], settings: IndexSettings) -> None:
    write_durably(str(index_dir), SETTINGS_FILE, json.dumps(asdict(settings), ensure_ascii=False, indent=1).encode())


def index_exists(index_dir: str | os.PathLike[str]) -> bool:
    """True if the directory holds a table of contents (a commit), whole or damaged."""
    return Path(index_dir).is_dir() and bool(wi.toc_generations(wi.SyncedStorage(str(index_dir)), INDEX_NAME))


def pinned_index(index_dir: str | os.PathLike[str]) -> wi.PinnedIndex:
    """The index at its newest commit that passes the check at open (``durability.choose_generation``),
    writing durable commits; IndexDamaged if no commit passes."""
    return wi.PinnedIndex(wi.SyncedStorage(str(index_dir)), INDEX_NAME, choose_generation, commit_generation)


def require_newest_commit(ix: wi.PinnedIndex) -> None:
    """Writers build on the newest commit only: if it is damaged, ``baokan check --repair`` decides first."""
    newest, chosen = ix.newest_toc_generation(), ix.latest_generation()
    if newest != chosen:
        raise IndexDamaged(f"索引最新的提交（第 {newest} 代）已损坏（可读的最新提交是第 {chosen} 代）："
                           "请先运行 baokan check --repair，再重新写入")


def open_index(index_dir: str | os.PathLike[str]) -> Index:
    """Open an existing index for reading; IndexMissing if there is none, SettingsMismatch if its layout is another."""
    if not index_exists(index_dir):
        raise IndexMissing(f"{index_dir} 中没有索引：先运行 baokan ingest")
    built_with = read_settings(index_dir)
    if built_with is not None and built_with.schema_version != SCHEMA_VERSION:
        # An index of another layout would answer some queries wrongly, not fail: refuse it.
        raise SettingsMismatch(f"索引结构版本 {built_with.schema_version} 与本程序的版本 {SCHEMA_VERSION} 不同："
                               "请运行 baokan ingest --rebuild 重建索引")
    return pinned_index(index_dir)


def create_or_open_index(index_dir: str | os.PathLike[str], settings: IndexSettings, rebuild: bool = False) -> Index:
    """Open the index for writing, creating it (or recreating it with ``rebuild``)."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    if index_exists(index_dir) and not rebuild:
        built_with = read_settings(index_dir)
        if built_with is not None and built_with != settings:
            changed = "、".join(built_with.describe_difference(settings))
            raise SettingsMismatch(f"索引是用不同的{changed}建立的；请加 --rebuild 重建索引")
        if built_with is None:
            write_settings(index_dir, settings)
        ix = pinned_index(index_dir)
        require_newest_commit(ix)
        return ix
    # A rebuilt index continues the old generation numbers instead of restarting at 0:
    # a running server compares generations to know its snapshot is stale. The empty commit
    # is written first; then the old commits and their files go (durability.remove_unkept).
    storage = wi.SyncedStorage(str(index_dir))
    gens = wi.toc_generations(storage, INDEX_NAME)
    write_commit(storage, INDEX_NAME, build_schema(), [], (gens[0] if gens else -1) + 1, -1, keep_segments=[])
    write_settings(index_dir, settings)
    forget_choice(str(index_dir))
    return pinned_index(index_dir)


def index_bytes(index_dir: str | os.PathLike[str]) -> int:
    """Bytes of the index's current commit: its segments' files, TOC, manifest and settings.

    The commit before it stays on disk as the fallback until the next commit (``durability``):
    ``disk_bytes`` counts that too. Without a manifest (an older index), every file is counted.
    """
    folder = str(index_dir)
    try:
        gen = choose_generation(wi.SyncedStorage(folder), INDEX_NAME)
        manifest = read_manifest(folder, INDEX_NAME, gen)
    except (IndexDamaged, ManifestDamaged, OSError):
        manifest = None
    if manifest is None:
        return disk_bytes(index_dir)
    own = [wi.toc_file_name(INDEX_NAME, gen), manifest_name(INDEX_NAME, gen), SETTINGS_FILE]
    return sum(f.size for seg in manifest.segments.values() for f in seg.files.values()) + \
        sum(os.path.getsize(os.path.join(folder, n)) for n in own if os.path.exists(os.path.join(folder, n)))


def disk_bytes(index_dir: str | os.PathLike[str]) -> int:
    """Bytes every file in the index directory occupies (the fallback commit's included)."""
    return sum(p.stat().st_size for p in Path(index_dir).iterdir() if p.is_file())
