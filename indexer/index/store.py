"""The index on disk: creating and opening it, and the settings it was built with."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex, Index

from indexer.errors import IndexMissing, SettingsMismatch
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
    path = Path(index_dir) / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)


def index_exists(index_dir: str | os.PathLike[str]) -> bool:
    return Path(index_dir).is_dir() and whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME)


def open_index(index_dir: str | os.PathLike[str]) -> Index:
    """Open an existing index for reading; IndexMissing if there is none, SettingsMismatch if its layout is another."""
    if not index_exists(index_dir):
        raise IndexMissing(f"{index_dir} 中没有索引：先运行 baokan ingest")
    built_with = read_settings(index_dir)
    if built_with is not None and built_with.schema_version != SCHEMA_VERSION:
        # An index of another layout would answer some queries wrongly, not fail: refuse it.
        raise SettingsMismatch(f"索引结构版本 {built_with.schema_version} 与本程序的版本 {SCHEMA_VERSION} 不同："
                               "请运行 baokan ingest --rebuild 重建索引")
    return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)


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
        return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    # A rebuilt index continues the old generation numbers instead of restarting at 0:
    # a running server compares generations to know its snapshot is stale.
    previous = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME).latest_generation() \
        if index_exists(index_dir) else -1
    storage = FileStorage(str(index_dir))
    for name in list(storage):
        if name.startswith(f"_{INDEX_NAME}_"):  # the old tables of contents, as TOC.create does
            storage.delete_file(name)
    TOC(build_schema(), [], previous + 1).write(storage, INDEX_NAME)
    write_settings(index_dir, settings)
    return FileIndex(storage, build_schema(), INDEX_NAME)


def index_bytes(index_dir: str | os.PathLike[str]) -> int:
    """Bytes the index occupies on disk."""
    return sum(p.stat().st_size for p in Path(index_dir).iterdir() if p.is_file())
