"""baokan's library: parse newspaper pages, index them, search them.

A record flows through the subpackages in order: ``newspaper`` (page text -> records),
``text`` (normalisation, bigrams, words: shared by both sides), ``index`` (records ->
Whoosh segments), ``search`` (query -> results). Scripts, benchmarks and the web layer
import what they use from here, not from module paths::

    from indexer import parse_page, ingest, open_archive, SearchQuery, search

Names are loaded on first use, so ``from indexer import parse_page`` does not load
Whoosh or numpy. This package never imports Flask; the web layer lives in ``webapp``.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # records and errors
    "Record": "indexer.records", "Caption": "indexer.records", "PageMeta": "indexer.records",
    "ParsedPage": "indexer.records",
    "BaokanError": "indexer.errors", "UnreadableFile": "indexer.errors", "InvalidInput": "indexer.errors",
    "QueryError": "indexer.errors", "IndexProblem": "indexer.errors", "IndexMissing": "indexer.errors",
    "IndexLocked": "indexer.errors", "SettingsMismatch": "indexer.errors", "RecordNotFound": "indexer.errors",
    "IssueNotFound": "indexer.errors", "IndexDamaged": "indexer.errors",
    # newspaper: page text -> records
    "parse_page": "indexer.newspaper.parse", "parse_file": "indexer.newspaper.parse",
    "record_id": "indexer.newspaper.parse", "explain_page": "indexer.newspaper.parse",
    "explain_file": "indexer.newspaper.parse", "Explained": "indexer.newspaper.segment", "read_page_file": "indexer.newspaper.textio",
    "load_gazetteer": "indexer.newspaper.gazetteer", "Gazetteer": "indexer.newspaper.gazetteer",
    "load_manifest": "indexer.newspaper.pagemeta", "Manifest": "indexer.newspaper.pagemeta",
    # index: records -> Whoosh
    "ingest": "indexer.index.ingest", "IngestReport": "indexer.index.ingest", "Progress": "indexer.index.ingest",
    "compact_index": "indexer.index.ingest", "CompactReport": "indexer.index.ingest",
    "index_exists": "indexer.index.store", "index_bytes": "indexer.index.store",
    "check_index": "indexer.index.check", "repair_index": "indexer.index.check", "CheckReport": "indexer.index.check",
    "RepairReport": "indexer.index.check", "backup_index": "indexer.index.backup",
    "restore_index": "indexer.index.backup", "BackupReport": "indexer.index.backup",
    "RestoreReport": "indexer.index.backup",
    # search: query -> results
    "Archive": "indexer.searching.snapshot", "open_archive": "indexer.searching.snapshot",
    "SearchQuery": "indexer.searching.service", "SearchPage": "indexer.searching.service",
    "Hit": "indexer.searching.service", "search": "indexer.searching.service",
    "iter_results": "indexer.searching.service", "warm_up": "indexer.searching.service",
    "SORTS": "indexer.searching.service", "MAX_PAGE_SIZE": "indexer.searching.service",
    "MAX_RELEVANCE_DEPTH": "indexer.searching.service", "MAX_VALUES": "indexer.searching.service",
    "get_record": "indexer.searching.recordpage", "get_records": "indexer.searching.recordpage",
    "RecordPage": "indexer.searching.recordpage",
    "archive_stats": "indexer.searching.stats", "ArchiveStats": "indexer.searching.stats",
    # browse: the archive as printed (calendar -> issue -> page -> record)
    "archive_calendar": "indexer.searching.browse", "ArchiveCalendar": "indexer.searching.browse",
    "issue": "indexer.searching.browse", "Issue": "indexer.searching.browse",
    "issue_page": "indexer.searching.browse", "IssuePage": "indexer.searching.browse",
    "record_position": "indexer.searching.browse", "RecordPosition": "indexer.searching.browse",
    "PageEntry": "indexer.searching.browse", "PageRef": "indexer.searching.browse",
    "parse_day": "indexer.searching.browse", "parse_year": "indexer.searching.browse",
    # the cluster backend (Sphinx/Manticore)
    "write_cluster": "indexer.cluster.config", "parse_cluster_url": "indexer.cluster.config",
    "ClusterUnavailable": "indexer.errors",
    "open_backend": "indexer.cluster.backend", "ClusterBackend": "indexer.cluster.backend",
    "Backend": "indexer.searching.backend", "WhooshBackend": "indexer.searching.backend",
    # facets and the Chinese labels
    "FACETS": "indexer.searching.facets", "FIELD_LABELS": "indexer.searching.facets",
    "KIND_LABELS": "indexer.searching.facets", "KIND_ALIASES": "indexer.searching.facets",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'indexer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from indexer.cluster.backend import ClusterBackend, open_backend
    from indexer.cluster.config import parse_cluster_url, write_cluster
    from indexer.searching.backend import Backend, WhooshBackend
    from indexer.errors import (BaokanError, ClusterUnavailable, IndexDamaged, IndexLocked, IndexMissing, IndexProblem, InvalidInput, IssueNotFound,
                                QueryError, RecordNotFound, SettingsMismatch, UnreadableFile)
    from indexer.index.ingest import CompactReport, IngestReport, Progress, compact_index, ingest
    from indexer.index.backup import BackupReport, RestoreReport, backup_index, restore_index
    from indexer.index.check import CheckReport, RepairReport, check_index, repair_index
    from indexer.index.store import index_bytes, index_exists
    from indexer.newspaper.gazetteer import Gazetteer, load_gazetteer
    from indexer.newspaper.pagemeta import Manifest, load_manifest
    from indexer.newspaper.parse import explain_file, explain_page, parse_file, parse_page, record_id
    from indexer.newspaper.segment import Explained
    from indexer.newspaper.textio import read_page_file
    from indexer.records import Caption, PageMeta, ParsedPage, Record
    from indexer.searching.browse import (ArchiveCalendar, Issue, IssuePage, PageEntry, PageRef, RecordPosition,
                                          archive_calendar, issue, issue_page, parse_day, parse_year, record_position)
    from indexer.searching.facets import FACETS, FIELD_LABELS, KIND_ALIASES, KIND_LABELS
    from indexer.searching.recordpage import RecordPage, get_record, get_records
    from indexer.searching.service import (MAX_PAGE_SIZE, MAX_RELEVANCE_DEPTH, MAX_VALUES, SORTS, Hit, SearchPage,
                                           SearchQuery, iter_results, search, warm_up)
    from indexer.searching.snapshot import Archive, open_archive
    from indexer.searching.stats import ArchiveStats, archive_stats
