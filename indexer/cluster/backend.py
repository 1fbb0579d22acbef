"""``ClusterBackend``: the ``Backend`` seam over a Sphinx/Manticore cluster, and ``open_backend`` that picks one.

Search, export, record pages and the browse views return the very objects the
Whoosh backend returns (``SearchPage``, ``RecordPage``, ``Issue``, …). Exact searches,
their exports and the stats are asked of the engine (``indexer.cluster.engine``), and so
are the browse views and record pages (``indexer.cluster.browse``: the calendar from a
``GROUP BY`` over dates, an issue, a page and a record's place from the Whoosh path's own
code over a window of that day's records). Only the other searches (``indexer.cluster.search``)
read every record's facet row, once per cluster generation; with ``engine=False``
(``BAOKAN_CLUSTER_ENGINE=0``) everything does, as before the engine path.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from indexer.cluster import browse as engine_browse
from indexer.cluster.client import Cluster
from indexer.cluster.config import SCHEME, cluster_url, parse_cluster_url
from indexer.cluster.engine import archive_facets, date_range, latest_files
from indexer.cluster.ingest import cluster_ingest
from indexer.cluster.search import ClusterArchive, Generation, cluster_results, cluster_search
from indexer.errors import InvalidInput, QueryError
from indexer.index.ingest import IngestReport
from indexer.records import Record
from indexer.searching.backend import WHOOSH_SCHEME, Backend, WhooshBackend
from indexer.searching.browse import (ArchiveCalendar, Issue, IssuePage, RecordPosition, archive_calendar, issue,
                                      issue_page, record_position)
from indexer.searching.cache import cached
from indexer.searching.querylang import parse_query
from indexer.searching.recordpage import RecordPage
from indexer.searching.service import Hit, SearchPage, SearchQuery
from indexer.searching.stats import ArchiveStats, snapshot_stats
from indexer.text.highlight import highlight


class ClusterBackend:
    """The archive on a cluster whose node 1 is the first address of ``sphinx://…``."""

    def __init__(self, url: str) -> None:
        self.cluster = Cluster(parse_cluster_url(url))
        self.name = cluster_url(self.cluster.nodes)
        self.archive = ClusterArchive(self.cluster)

    def ingest(self, paths: Iterable[str], **options: Any) -> IngestReport:
        options.pop("lock_wait", None)
        options.pop("commit_every", None)
        return cluster_ingest(paths, self.cluster, **options)

    def search(self, query: SearchQuery) -> SearchPage:
        return cluster_search(self.archive, query)

    def iter_results(self, query: SearchQuery) -> Iterator[Record]:
        return cluster_results(self.archive, query)

    def get_records(self, record_ids: Sequence[str]) -> tuple[Record, ...]:
        if self.archive.engine:
            return engine_browse.records_named(self.archive, record_ids)
        snap = self.archive.snapshot()
        return tuple(snap.records([snap.docnum_of(r) for r in record_ids]))

    def get_record(self, record_id: str, q: str = "", related: int = 5) -> RecordPage:
        """One record with its page neighbours and related coverage (records sharing its headline's characters)."""
        if self.archive.engine:
            return engine_browse.record_page(self.archive, record_id, q, related)
        snap = self.archive.snapshot()  # every record's facet row (engine=False)
        docnum = snap.docnum_of(record_id)
        record = snap.record(docnum)
        try:
            terms = parse_query(q).highlight_terms if q else ()
        except QueryError:
            terms = ()
        cols = snap.columns
        same = [int(d) for d in (cols.file == cols.file[docnum]).nonzero()[0] if d != docnum]
        same.sort(key=lambda d: snap.rows[d].ordinal)
        same_page = tuple(Hit.from_record(r, ()) for r in snap.records(same))
        exclude = {int(snap.docids[d]) for d in (docnum, *same)}
        return RecordPage(record=record, body_html=highlight(record.body, terms),
                          title_html=highlight(record.title, terms), same_page=same_page,
                          related=engine_browse.related_hits(self.archive, self.archive.generation(), record,
                                                             exclude, related), terms=terms,
                          captions_html=tuple(highlight(c.text, terms) for c in record.captions))

    def record_position(self, record_id: str) -> RecordPosition:
        if self.archive.engine:
            return engine_browse.record_position(self.archive, record_id)
        return record_position(self.archive, record_id)  # type: ignore[arg-type]

    def archive_calendar(self, year: str | None = None, date: str | None = None) -> ArchiveCalendar:
        found = engine_browse.calendar(self.archive, year, date) if self.archive.engine else None
        return found if found is not None else archive_calendar(self.archive, year=year, date=date)  # type: ignore[arg-type]

    def issue(self, date: str) -> Issue:
        if self.archive.engine:
            return engine_browse.issue(self.archive, date)
        return issue(self.archive, date)  # type: ignore[arg-type]

    def issue_page(self, date: str, page: str) -> IssuePage:
        if self.archive.engine:
            return engine_browse.issue_page(self.archive, date, page)
        return issue_page(self.archive, date, page)  # type: ignore[arg-type]

    def stats(self, latest: int = 8) -> ArchiveStats:
        """``snapshot_stats``'s figures, asked of the engine (no facet rows read here): the whole archive's
        facets, its first and last date, and the newest page files."""
        gen = self.archive.generation()

        def compute() -> ArchiveStats:
            everything = archive_facets(self.cluster)
            if everything is None:  # more groups than the engine keeps exactly
                return snapshot_stats(self.archive.snapshot(), self.disk_bytes(), latest)
            files = latest_files(self.cluster, latest)
            firsts = self.archive.records_by_id(gen, [f[3] for f in files])
            facets = everything.facets
            return ArchiveStats(records=everything.total, by_kind=facets["kind"], by_region=facets["region"],
                                by_year=dict(sorted(facets["year"].items())), date_range=date_range(self.cluster),
                                index_bytes=self.disk_bytes(),
                                latest_pages=tuple((d, r.source, r.page, n) for (d, _, n, _), r in zip(files, firsts)))

        return cached(gen, ("stats", latest), compute, lambda v: 0)

    def disk_bytes(self) -> int:
        """Bytes of the shards on disk and in RAM chunks, over all nodes (``SHOW INDEX shard STATUS``)."""
        total = 0
        for node in self.cluster.nodes:
            status = dict(self.cluster.query(node, "SHOW INDEX shard STATUS"))
            total += int(status.get("disk_bytes", 0)) + int(status.get("ram_bytes", 0))
        return total

    def snapshot(self) -> Generation:
        """The current generation: an identity per cluster state (the site keys its caches on it). Every
        record's facet rows, which only searches the engine cannot answer read, are ``self.archive.snapshot()``."""
        return self.archive.generation()

    def close(self) -> None:
        self.cluster.close()


def open_backend(spec: str | None = None, index_dir: str | None = None) -> Backend:
    """The backend a ``--backend`` / ``BAOKAN_BACKEND`` value names; else Whoosh in ``index_dir``.

    ``open_backend("sphinx://127.0.0.1:9306,127.0.0.1:9316")``, ``open_backend("whoosh:/srv/index")``.
    """
    spec = spec or os.environ.get("BAOKAN_BACKEND") or ""
    if spec.startswith(SCHEME):
        return ClusterBackend(spec)
    if spec.startswith(WHOOSH_SCHEME):
        return WhooshBackend(spec[len(WHOOSH_SCHEME):] or index_dir or "index_data")
    if spec:
        raise InvalidInput(f"未知的检索后端：{spec[:80]}（可用 whoosh:目录 或 {SCHEME}主机:端口,…）")
    return WhooshBackend(index_dir or os.environ.get("BAOKAN_INDEX_DIR") or "index_data")
