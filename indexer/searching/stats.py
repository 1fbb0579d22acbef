"""The archive at a glance: counts by kind, region and year, the date range, the newest pages."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from indexer.index.store import index_bytes
from indexer.searching.facets import filter_and_count
from indexer.searching.snapshot import Archive


@dataclass(frozen=True)
class ArchiveStats:
    """The archive at a glance (``baokan stats``, the home page, ``/api/stats``)."""

    records: int
    by_kind: dict[str, int]
    by_region: dict[str, int]
    by_year: dict[str, int]
    date_range: tuple[str | None, str | None]
    index_bytes: int
    latest_pages: tuple[tuple[str, str, str | None, int], ...]  # (date, source, page, records)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "records": self.records,
            "by_kind": self.by_kind,
            "by_region": self.by_region,
            "by_year": self.by_year,
            "date_range": {"from": self.date_range[0], "to": self.date_range[1]},
            "index_bytes": self.index_bytes,
            "latest_pages": [{"date": d, "source": s, "page": p, "records": n} for d, s, p, n in self.latest_pages],
        }


def archive_stats(archive: Archive, latest: int = 8) -> ArchiveStats:
    """Counts over every live record."""
    return snapshot_stats(archive.snapshot(), index_bytes(archive.index_dir), latest)


def snapshot_stats(snap: Any, size: int, latest: int = 8) -> ArchiveStats:
    """Counts over every live record of a snapshot (a Whoosh one or a cluster's), ``size`` bytes on disk."""
    cols = snap.columns
    live = snap.live_docs()
    _, facets = filter_and_count(cols, live, {})
    dates = [d for d in (cols.dates[c] for c in np.unique(cols.date[live]).tolist()) if d]
    # page file -> (date of its last record, records, its first record's docnum), by file code
    files = cols.file[live]
    codes, first, count = np.unique(files, return_index=True, return_counts=True)
    last = len(files) - 1 - np.unique(files[::-1], return_index=True)[1]
    pages = {cols.files[c]: (cols.dates[cols.date[live[j]]] or "", int(k), int(live[i]))
             for c, i, j, k in zip(codes.tolist(), first.tolist(), last.tolist(), count.tolist())}
    newest = sorted(pages.items(), key=lambda kv: (kv[1][0], kv[0]), reverse=True)[:latest]
    latest_pages = []
    for _, (date, records, docnum) in newest:
        record = snap.record(docnum)
        latest_pages.append((date, record.source, record.page, records))
    by_year = dict(sorted(facets["year"].items()))
    return ArchiveStats(records=len(live), by_kind=facets["kind"], by_region=facets["region"], by_year=by_year,
                        date_range=(min(dates) if dates else None, max(dates) if dates else None),
                        index_bytes=size, latest_pages=tuple(latest_pages))
