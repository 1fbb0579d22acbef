"""The backend seam: what the CLI and the site ask of an archive, whichever engine holds it.

``WhooshBackend`` (the default, the embedded index of this package) and
``indexer.cluster.backend.ClusterBackend`` (a Sphinx/Manticore cluster) both
satisfy ``Backend``; ``indexer.cluster.backend.open_backend`` picks one from a
``--backend`` / ``BAOKAN_BACKEND`` value::

    whoosh:index_data                          -> WhooshBackend(Archive("index_data"))
    sphinx://127.0.0.1:9306,127.0.0.1:9316     -> ClusterBackend (node 1 first)
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from indexer.records import Record
from indexer.searching.browse import (ArchiveCalendar, Issue, IssuePage, RecordPosition, archive_calendar, issue,
                                      issue_page, record_position)
from indexer.searching.recordpage import RecordPage, get_record, get_records
from indexer.searching.service import SearchPage, SearchQuery, iter_results, search
from indexer.searching.snapshot import Archive
from indexer.searching.stats import ArchiveStats, archive_stats

if TYPE_CHECKING:  # ingest (and the whole parser under it) loads only when an ingest runs, not for a search
    from indexer.index.ingest import IngestReport

WHOOSH_SCHEME = "whoosh:"


class Backend(Protocol):
    """One archive, searched and browsed; every method raises BaokanError subclasses only."""

    name: str  # "whoosh:index_data", "sphinx://127.0.0.1:9306,…": for messages

    def ingest(self, paths: Iterable[str], **options: Any) -> IngestReport: ...
    def search(self, query: SearchQuery) -> SearchPage: ...
    def iter_results(self, query: SearchQuery) -> Iterator[Record]: ...
    def get_records(self, record_ids: Sequence[str]) -> tuple[Record, ...]: ...
    def get_record(self, record_id: str, q: str = "") -> RecordPage: ...
    def record_position(self, record_id: str) -> RecordPosition: ...
    def archive_calendar(self, year: str | None = None, date: str | None = None) -> ArchiveCalendar: ...
    def issue(self, date: str) -> Issue: ...
    def issue_page(self, date: str, page: str) -> IssuePage: ...
    def stats(self) -> ArchiveStats: ...
    def snapshot(self) -> Any: ...  # the current read snapshot: an identity per index generation (caches key on it)
    def close(self) -> None: ...


class WhooshBackend:
    """The embedded Whoosh index in one directory: the functions of this package over one ``Archive``."""

    def __init__(self, index_dir: str, archive: Archive | None = None) -> None:
        self.index_dir = index_dir
        self.archive = archive or Archive(index_dir)
        self.name = WHOOSH_SCHEME + index_dir

    def ingest(self, paths: Iterable[str], **options: Any) -> IngestReport:
        from indexer.index.ingest import ingest

        return ingest(paths, self.index_dir, **options)

    def search(self, query: SearchQuery) -> SearchPage:
        return search(self.archive, query)

    def iter_results(self, query: SearchQuery) -> Iterator[Record]:
        return iter_results(self.archive, query)

    def get_records(self, record_ids: Sequence[str]) -> tuple[Record, ...]:
        return get_records(self.archive, record_ids)

    def get_record(self, record_id: str, q: str = "") -> RecordPage:
        return get_record(self.archive, record_id, q=q)

    def record_position(self, record_id: str) -> RecordPosition:
        return record_position(self.archive, record_id)

    def archive_calendar(self, year: str | None = None, date: str | None = None) -> ArchiveCalendar:
        return archive_calendar(self.archive, year=year, date=date)

    def issue(self, date: str) -> Issue:
        return issue(self.archive, date)

    def issue_page(self, date: str, page: str) -> IssuePage:
        return issue_page(self.archive, date, page)

    def stats(self) -> ArchiveStats:
        return archive_stats(self.archive)

    def snapshot(self) -> Any:
        return self.archive.snapshot()

    def close(self) -> None:
        self.archive.close()
